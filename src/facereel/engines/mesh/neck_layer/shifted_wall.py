"""The wall beside a head shifted sideways or turned a little (issue #9; docs/mesh-engine.md "The wall beside a head
shifted sideways", "The wall beside a jaw turned a little").

Beside lp_s6's thin neck (a statue on a white wall) the plate's fill under the photo's head is the neck's shadowed tone
laid under the ear (`under_ear.tone_under_ear`) fading towards the wall over a fill that is itself a part mix of the
wall and the person (`plate.neck_body_side`): what a head turned away from the ear uncovers there is that neck. A head
shifted sideways (lp_d12 140-180's shake, frames 22-30: ~30 px at 384 px) takes its neck along, and uncovered there
the same fill stood as a translucent brown-grey smear on the wall beside the moved jaw (`figures.wall_smear`). The
turn and the shift are told apart by the skull shell's centre (`head_proxy.SHELL_CENTRE`): a turn turns the head
about it (preset:turn moves it at most 0.007 face sizes), a shift carries it along (the shake 0.09-0.24). By that
shift's share (`shift_share`) the fill within `BESIDE` of the wall, where the tone under the ear was laid, gives way to
the wall's colour carried in from beside the person (`BesideWall`).

A small turn uncovers the same fill too: lp_s6 `facereel edit --yaw -45` (ended at -19) turns the far jaw (image
left) in by ~10 px, and the narrow band it leaves beside the wall stood as a white streaky smear of the wall and the
clay (x 196-226, y 250-290 at 512; `figures.wall_smear`); the statue's thin neck lies farther in, so what is behind
that band is the wall. A large turn (preset:turn 12-20 and 36-44, 33-45 deg) uncovers a wide wedge under the ear
reaching in to where the neck is, which keeps the tone (`under_ear`; tests/mesh/test_wall_notch.py). The two are told
apart by the turn's angle (`TURNED`): the wall's share is the larger of the shift's and the small turn's (`wall_share`),
a turn that is a yaw (`YAWED`: a raised, rolled chin keeps its neck under the lobe, tests/mesh/test_neck_side.py).

Where the wall goes is reached from the background 4-connected, stopped by the person the plate keeps and the photo's
dark ring (`reached`, `DARK`): kept to the rows that reach the background along the row (`open_to`), every row under
lp_s6's collar's leftmost top was shut, and at 512 px x lp_d12 140-179 (frames 22-34) the fill there stood as a blurred
brown band with a straight top (`figures.tone_ledge`). The rows that reach it only through the collar are the collar's
inside, not the wall (`figures.walled_in`): there the colour laid is `collar_inside`'s, under a top rising towards the
neck.

The fill gives way so only beside a wall much lighter than the neck's tone (`CONTRAST`), or, under the ears (between
the photo's neck seen below the jaw and the jaw line's end) and `RISE` above the plate's hole's end there
(`past_neck`), beside a wall whose colour stands out from the tone (`wall_differs`): lp_s5's grey wall is lighter
than her tone by less than `CONTRAST`, and a shift (lp_d12 140-179, frames 24-25) left the tone and the person's fill
laid under her ear and hair lock, beside her thin neck, as a flat beige patch with a square top on the wall
(`figures.wall_tint`). Inside the neck seen, under lp_s1's and lp_s12's moved jaws, their necks keep the tone, and so
do lp_s1's neck side beside it near her hole's end, widening up to her ear (with the wall laid there it was an upright
straight edge down her neck, a pale column on preset:turn 16; laid from `RISE` up over its slant under her hair's
end, a step at her neck's top corner on lp_d12 140 frame 24: `RISE` raised by `LIFT` at the span's ends), and the
plate past her image-right jaw's end (a blue-grey wedge between her jaw and hair, lp_d12 140 frame 22). That gate is
the shift's alone (`BesideWall.by_colour` mixed by `shift_share`, not by `wall_share`'s small turn): a head turned in
place uncovers under the near ear the neck the tone stands for, and with the wall laid there by its colour lp_d6
frame 230 `edit --yaw 20` showed the tone below `RISE` as a pink block with a straight top on the wall
(`figures.tone_ledge` 0.057, main 0.023).
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, box_from, box_overlap, disc_kernel, grey_image
from facereel.engines.mesh.geometry.head_proxy import SHELL_CENTRE, place, relative_turn, smoothstep
from facereel.engines.mesh.neck_layer.collar_inside import SLOPE, inside_colour, under_slope
from facereel.engines.mesh.neck_layer.under_ear import FADE, PALE_FADE
from facereel.face.pose import HeadPose, euler_degrees

SHIFTED = (0.03, 0.09)
"""Face sizes the skull shell's centre moves sideways from the photo's: none of the wall under it, all of it from the
second (lp_d12's shake 0.09-0.24 at frames 22-30; preset:turn's turns at most 0.007)."""
TURNED = (22.0, 30.0)
"""Degrees the head is turned from the photo's (`head_proxy.relative_turn`'s angle): all of the wall under it, none
from the second (lp_s6's edit ended at 19; preset:turn's frames 12-20 and 36-44, where the wedge under the ear keeps
the tone, at 33-45)."""
YAWED = (4.0, 10.0)
"""Degrees of yaw in the head's turn from the photo's (`relative_yaw`): none of the small turn's wall under the
first, all of it from the second (at rest the plate stays as it was; lp_s6 `--pitch 20 --roll -15`, yaw 0, keeps the
neck's tone under its lobe)."""
BESIDE = 0.3
"""Face sizes from the photo's background within which the fill under the head gives way to the wall (lp_s6's smear
lay within 0.2 of it; farther in, under the old chin, the moved neck covers it)."""
WALL_SHARE = 0.05
"""The share of the hole's fill that is the wall's inside the person (`under_ear.wall_inside`) over which the fill
gives way to the wall: not where it is the person's own neck or clothes (sr_18's neck, lp_s12's collar)."""
REACH = 0.1
"""Face sizes the region where the fill is the wall's (`WALL_SHARE`) reaches on towards the wall: `wall_inside` fades
in over 2-4 hole margins from the background, and the fill between is a mix of the wall and the person too."""
CONTRAST = (90.0, 120.0)
"""Grey levels the wall beside the fill is lighter than the neck's tone: none of the wall from the first, all of it
from the second. A part mix of the two shows as a smear on a wall much lighter than the neck (lp_s6's white wall 130
over its tone); lp_s1's white wall over her lit neck 85, lp_s12 63, lp_s5 36, and darker walls (sr_18 -135, where a
shifted head's neck is the photo's own, drawn by the neck layer) keep the fill."""
DIFFER = (20.0, 30.0)
"""OpenCV 8-bit CIELAB distance between the wall's colour beside the fill and the neck's tone (their medians): none of
the wall from the first, all of it from the second. A part mix of the two, or the tone laid beside the ear, shows as a
smear or a flat patch on a wall that differs from it in lightness or in hue: lp_s6's white wall 142 off its tone, lp_s1
75, lp_s12 60, lp_s5's grey wall 37 (lighter by less than `CONTRAST`, but neutral against a yellow tone: the beige patch
beside the moved ear, `figures.wall_tint`); sr_4's 17, sr_8's 7 and lp_s3's 4 walls are near the tone and keep it."""
LIGHTER = (0.0, 10.0)
"""OpenCV 8-bit CIELAB L levels the wall's colour is lighter than the tone: none of the wall at or under the first, all
of it from the second. Dark walls keep the fill (sr_18's dark crowd 144 darker, lp_s0 84: a shifted head's neck there
is the photo's own, drawn by the neck layer, and the wall mixed in cut it with a dark notch)."""
RISE = (0.15, 0.2)
"""Face sizes above the plate's hole's end at the nearer end of the neck seen below the jaw (`neck.NeckWarp.hole_end`,
`neck_seen`) from which, under the ears, the fill gives way to the wall by its colour (`past_neck`, `wall_differs`):
none under the first, all of it from the second. lp_s5's beige patch stood where her ear and hair lock
stood, `figures.wall_tint`'s box 0.16-0.46 above her hole's end (from 0.2-0.3, per column of the hole's end, its lower
rows stayed beige: 0.20 / 0.10 at frames 24 / 25); lp_s1's neck side widening up to her ear under the near hair's end,
`figures.neck_strip`'s box, 0.04-0.15 above hers (from 0.1-0.2 or 0.12-0.22 it paled on preset:turn 36-48 over
tests/mesh/test_neck_strip.py's bar)."""
LIFT = 0.05
"""Face sizes `RISE` is raised by at the neck seen's ends, fading out over `NEAR` outward of them (`past_neck`): lp_s1's
neck side slants out under her hair's end (crop columns 185-193 at rows 283-293, 0.15-0.21 face sizes above her
hole's end, within 0.05 of her neck seen's end), and the wall laid there from `RISE` cut it with a ~2 px step under a
flat top (lp_d12 140 frame 24, `figures.outline_step` 1.40, main 0.36); lp_s5's patch lies higher
(`figures.wall_tint` 0.069 / 0.014 -> 0.078 / 0.028)."""
NEAR = 0.06
"""Face sizes outward of the neck seen's ends over which `LIFT` fades out."""
SOFTNESS = 0.03
"""Face sizes: the sigma softening the region's top and bottom edges."""
SIDE_PX = 1.0
"""Px: the sigma softening its sides (the neck column's beside the wall, lp_s6 x lp_d12 140-179: at `SOFTNESS` the
wall's white stood as a haze over the brown column's side)."""
DARK = 60.0
"""Grey levels: the photo's person darker than this stops the region's reach towards the wall (`reached`: lp_s6's
collar's dark ring under the chin, 10-50; its clay and red collar 90-170)."""


def shift_share(source: HeadPose, target: HeadPose, face_px: float) -> float:
    """In [0, 1]: how far a head with pose `target` is shifted sideways from the photo's (`source`; T=1 each) beyond
    turning: the skull shell's centre's move along x (`face_px` px a face size) through `SHIFTED`."""
    moved = float(place(SHELL_CENTRE[None], target)[0, 0] - place(SHELL_CENTRE[None], source)[0, 0])
    return float(smoothstep(*SHIFTED, abs(moved) / face_px))


def wall_share(source: HeadPose, target: HeadPose, face_px: float) -> float:
    """In [0, 1]: how much of the wall the fill beside it gives way to for a head with pose `target` (`source`, the
    photo's; T=1 each; `face_px` px a face size): the larger of its sideways shift's share (`shift_share`) and a small
    turn's (under `TURNED`) with a yaw in it (from `YAWED`)."""
    turned = 1.0 - float(smoothstep(*TURNED, np.degrees(relative_turn(source, target).angle)))
    yawed = float(smoothstep(*YAWED, abs(relative_yaw(source, target))))
    return max(shift_share(source, target, face_px), yawed * turned)


def relative_yaw(source: HeadPose, target: HeadPose) -> float:
    """Degrees: the yaw of the target pose's rotation relative to the source's (T=1 each; `pose.euler_degrees` of
    R_src^T R_tgt)."""
    relative = source.rotation[0].astype(np.float64).T @ target.rotation[0].astype(np.float64)
    return float(euler_degrees(relative[None])[0, 0])


def open_to(off: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels from which the background (`off`, (h, w) bool) is reached along the row, one way or the
    other, before any of the photo's own `kept` pixels ((h, w) bool: the person the plate keeps, a collar)."""
    width = off.shape[1]
    far = np.int32(2 * width)
    columns = np.arange(width, dtype=np.int32)[None]

    def nearest_ahead(mask: np.ndarray) -> np.ndarray:
        # the column of the first `mask` pixel at or right of each pixel (`far` where none)
        at = np.where(mask, columns, far)
        return np.minimum.accumulate(at[:, ::-1], axis=1)[:, ::-1]

    left = nearest_ahead(off[:, ::-1]) < nearest_ahead(kept[:, ::-1])
    return (nearest_ahead(off) < nearest_ahead(kept)) | left[:, ::-1]


def reached(off: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels not `kept` ((h, w) bool: the person the plate keeps, a collar, the photo's dark ring)
    joined 4-connected through pixels not `kept` to the background (`off`, (h, w) bool)."""
    count, labels = cv2.connectedComponents((~kept).astype(np.uint8), connectivity=4)
    touching = np.zeros(count, bool)
    touching[labels[off & ~kept]] = True
    touching[0] = False  # the label of the kept pixels
    return touching[labels]


def wall_differs(wall: np.ndarray, tone: np.ndarray) -> float:
    """In [0, 1]: how far the wall's colour `wall` stands out from the neck's tone `tone` (each (3,) float RGB, 0-255)
    for the fill beside it to give way to the wall: their OpenCV 8-bit CIELAB distance through `DIFFER`, times how much
    lighter the wall is, through `LIGHTER`."""
    pair = np.clip(np.stack([wall, tone]), 0, 255).astype(np.uint8)[None]
    lab = cv2.cvtColor(pair, cv2.COLOR_RGB2LAB)[0].astype(np.float32)
    distance = float(np.linalg.norm(lab[0] - lab[1]))
    return float(smoothstep(*DIFFER, distance)) * float(smoothstep(*LIGHTER, float(lab[0, 0] - lab[1, 0])))


def past_neck(shape: tuple[int, int], start: int, neck_seen: np.ndarray, hole_end: np.ndarray, jaw_ends: np.ndarray,
              face_px: float, sigma: float) -> np.ndarray:
    """(h, w) float32 in [0, 1] over the crop (`shape`): 1 under the photo's ears, each side between the span of its
    neck seen below the jaw (`neck_seen`, (m,) bool on the neck box's columns from crop column `start`,
    `neck.NeckWarp.neck_seen`; a smoothstep over `sigma` px each side of its end) and the jaw line's end there
    (`jaw_ends`, (2,) crop columns, either order; a smoothstep over the 2 `sigma` px past it), and above the plate's
    hole's end by `RISE` face sizes (`face_px` px; `hole_end`, (m,) float32 crop rows on those columns,
    `neck.NeckWarp.hole_end`, outward of the span its end's; by `LIFT` more at the span's ends, fading out over `NEAR`
    outward). 0 inside the span, past the jaw's ends, near the hole's end, and everywhere where no neck is seen
    (lp_s12's collar rises to his jaw: beside it the wall mixed in was a blue-grey wedge down to the collar). Under
    lp_s5's ear, beside her thin neck, the tone and the person's fill stand high above the hole's end, and a head
    shifted sideways leaves them on the wall as a beige patch (`figures.wall_tint`). Under lp_s1's moved jaw the neck
    inside the span, beside it down to her hole's end the neck's side widening up to her ear, and past her
    image-right jaw's end (her neck seen reaches past it; the wall laid there was a blue-grey wedge between her jaw and
    hair, lp_d12 140 frame 22) keep the tone."""
    seen = np.flatnonzero(neck_seen)
    if len(seen) == 0:
        return np.zeros(shape, np.float32)
    columns = np.arange(shape[1], dtype=np.float32)
    left, right = float(min(jaw_ends)), float(max(jaw_ends))
    under_left = smoothstep(-sigma, sigma, start + seen[0] - columns) * smoothstep(-2 * sigma, 0, columns - left)
    under_right = smoothstep(-sigma, sigma, columns - (start + seen[-1])) * smoothstep(-2 * sigma, 0, right - columns)
    end = np.asarray(hole_end, np.float32)[np.clip(np.arange(shape[1]) - start, seen[0], seen[-1])]
    above = end[None] - np.arange(shape[0], dtype=np.float32)[:, None]
    outward = np.maximum(start + seen[0] - columns, columns - (start + seen[-1]))
    lift = LIFT * face_px * (1.0 - smoothstep(0.0, NEAR * face_px, outward))
    high = smoothstep(RISE[0] * face_px, RISE[1] * face_px, above - lift[None])
    return (np.maximum(under_left, under_right)[None] * high).astype(np.float32)


class BesideWall:
    """Once per source: where the plate's fill under the photo's head lies beside the wall, and the wall's colour
    there; each frame `lay` mixes it into the plate drawn by the head's shift (`mixed`)."""

    def __init__(self, photo: np.ndarray, fill: Callable[[np.ndarray, np.ndarray], np.ndarray], wall: np.ndarray,
                 person: np.ndarray, alpha: np.ndarray, hole: np.ndarray, box: tuple[slice, slice], inside: np.ndarray,
                 tone: np.ndarray, neck_seen: np.ndarray, hole_end: np.ndarray, jaw_ends: np.ndarray,
                 face_px: float) -> None:
        """photo (h, w, 3) uint8 RGB: the crop; fill: `layers.fill_hole`; wall (h, w, 3) float32 RGB: the crop with
        the background's colour filled in from off the person (`layers.fill_hole`); person (h, w) float32 in [0, 1]
        (`HeadMask.person`); alpha (h, w) float32, the photo's head alpha; hole (h, w), nonzero where the plate is fill;
        box (rows, columns) with starts: the neck's box, where the tone under the ear is laid
        (`under_ear.tone_under_ear`, with its rows mirrored up `under_ear.FADE` face sizes above it, `PALE_FADE` over a
        pale fill); inside (h, w) float32, the wall's share of the fill inside the person (`under_ear.wall_inside`);
        tone (n, m, 3) float32 RGB, the neck's tone on the box; neck_seen (m,) bool on the box's columns, the photo's
        neck seen below the jaw (`neck.NeckWarp.neck_seen`); hole_end (m,) float32 crop rows on them, the plate's hole's
        end (`neck.NeckWarp.hole_end`); jaw_ends (2,) crop columns, the photo's jaw line's ends (`neck.NeckWarp.jaw`'s
        first and last); face_px px. Sets `weight`, `by_colour` and `wall`. weight ((h, w) float32 in [0, 1]: the fill
        under the head within `BESIDE` face sizes of the background, inside the person, on the box and the rows above it, within `REACH` of where the
        fill is the wall's, reached 4-connected from the background without crossing the person the plate keeps or the
        photo's dark ring (`reached`, `DARK`), with the collar's inside (`collar_inside.under_slope`: the rows that
        reach the background only through the kept person, `open_to`), softened by `SOFTNESS` across rows and
        `SIDE_PX` along them with the background and the hole's margin beside it taken as the wall (full to the
        outline), on the hole inside the person (also its margin's rim, under `alpha` 0.5), times how much lighter the
        wall there is than the tone, through `CONTRAST`); by_colour ((h, w) float32 in [0, 1]: the same fill under the
        ears and high enough above the hole's end (`past_neck`) times how far the wall's colour stands out from the
        tone's, `wall_differs`: mixed in by the head's sideways shift only, `mixed`); wall (the colour laid: the wall's,
        and on the collar's inside `collar_inside.inside_colour` by its covered share)."""
        off = person < 0.5
        to_wall = cv2.distanceTransform((~off).astype(np.uint8), cv2.DIST_L2, 5)
        on_box = np.zeros(off.shape, bool)
        on_box[max(0, box[0].start - int(np.ceil(max(FADE, PALE_FADE) * face_px))):box[0].stop, box[1]] = True
        walled = cv2.dilate((inside > WALL_SHARE).astype(np.uint8), disc_kernel(round(REACH * face_px))) > 0
        region = (hole > 0) & (alpha >= 0.5) & ~off & (to_wall <= BESIDE * face_px) & on_box & walled
        sigma = max(1.0, SOFTNESS * face_px)
        # the photo's dark ring, less its thin strands and specks (the dark rim left along the old jaw's outline)
        dark = cv2.morphologyEx((grey_image(photo) < DARK).astype(np.uint8), cv2.MORPH_OPEN, disc_kernel(round(sigma)))
        opened = reached(off, ~off & ((hole == 0) | (dark > 0)))
        region &= opened
        # softened with what lies beside it on the wall's side counted in (the background and the hole's margin past
        # the head alpha 0.5, within 3 sigmas, reaching the background along the row): softened alone, the weight fell
        # to half on that margin at the person's outline, and the fill half mixed there stood as a thin grey line
        # between the background and the wall mixed in (lp_s6 frames 22-30 left of the jaw; `figures.outline_line`)
        near = cv2.dilate(region.astype(np.uint8), disc_kernel(round(3 * sigma))) > 0
        beside = (off | ((hole > 0) & (alpha < 0.5))) & opened & near
        laid = region | beside
        # the collar's inside: the fill whose rows reach the wall only through the collar, under a top rising towards
        # the neck; not the photo's rim beside the background (under the head alpha 0.5), which stays the wall's: laid
        # as the inside, it stood as a dark rim on the wall at the collar's tip (`figures.rim_left`); the slope's
        # share laid over that rim too (kept the wall's under it, a white nick stood at the collar's tip)
        under = (hole > 0) & ~off & ((alpha >= 0.5) | (to_wall > 2 * sigma))
        kept = ~off & (hole == 0)
        collar = under_slope(laid & under & ~open_to(off, kept), (hole > 0) & ~off, (box[1].start + box[1].stop) / 2,
                             SLOPE)
        soft = cv2.GaussianBlur((laid | (collar > 0)).astype(np.float32), (0, 0), sigmaX=SIDE_PX, sigmaY=sigma)
        # the photo's broken rim in the hole's margin (its head alpha under 0.5 between the alpha's fingers, kept as the
        # photo by the plate's fade) takes the weight too: left out, it stood as a dark outline on the wall beside a
        # jaw moved away (`figures.rim_left`)
        base = soft * (hole > 0) * ((alpha >= 0.5) | ~off)
        self.weight = np.zeros(off.shape, np.float32)
        self.by_colour = np.zeros(off.shape, np.float32)
        if region.any():
            lighter = float(np.median(wall[region] @ LUMA) - np.median(tone.reshape(-1, 3) @ LUMA))
            differs = wall_differs(np.median(wall[region], axis=0), np.median(tone.reshape(-1, 3), axis=0))
            self.weight = (base * smoothstep(*CONTRAST, lighter)).astype(np.float32)
            if differs > 0:
                under_ears = past_neck(off.shape, box[1].start, neck_seen, hole_end, jaw_ends, face_px, sigma)
                self.by_colour = (base * differs * under_ears).astype(np.float32)
        self.wall = wall
        if collar.any():  # the collar's inside there (`collar_inside`), also where the weight's softening spills over
            spill = (cv2.dilate((collar > 0).astype(np.uint8), disc_kernel(round(3 * sigma))) > 0) & ~laid
            share = np.where(spill & (collar == 0), 1.0, collar)  # (h, w): the inside's share of the colour laid
            at = share > 0
            self.wall = wall.copy()
            self.wall[at] += share[at, None] * (inside_colour(photo, dark > 0, kept, tone, box, fill, face_px)[at]
                                                - wall[at])
        ys, xs = np.nonzero(np.maximum(self.weight, self.by_colour))
        # (rows, columns) of the crop holding all of `weight`, or None where it is 0 everywhere
        self.box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1)) if len(ys) else None

    def mixed(self, shape: tuple[int, int], at: tuple[int, int], shares: tuple[float, float]) -> np.ndarray | None:
        """(n, m) float32 in [0, 1]: the share of the wall mixed into a window of `shape` (n, m) from crop (row,
        column) `at`: the larger of the wall's share (`shares[0]`, in [0, 1], `wall_share`) times `weight` and the
        sideways shift's (`shares[1]`, `shift_share`) times `by_colour` (a turn, the head's own, uncovers under the
        ear the neck the tone stands for: lp_d6 frame 230 `edit --yaw 20`, `figures.tone_ledge`); None where it mixes
        none there. Computed once a frame and window, for `lay` and `KeptPhoto.lay`."""
        window = self._overlap(shape, at, shares[0])
        if window is None:
            return None
        part = np.maximum(shares[0] * self.weight[window], shares[1] * self.by_colour[window])
        if not part.any():
            return None
        weight = np.zeros(shape, np.float32)
        weight[box_from(window, at)] = part
        return weight

    def lay(self, plate: np.ndarray, at: tuple[int, int], mixed: np.ndarray | None) -> np.ndarray:
        """`plate` ((n, m, 3) float32 from crop (row, column) `at`) with the wall mixed in by `mixed` (its window's
        `mixed`, (n, m) float32, or None); `plate` itself where nothing is mixed."""
        window = None if mixed is None else self._overlap(plate.shape[:2], at, 1.0)
        if window is None:
            return plate
        out = plate.copy()
        local = box_from(window, at)
        part = out[local]
        part += mixed[local][..., None] * (self.wall[window] - part)
        return out

    def _overlap(self, shape: tuple[int, int], at: tuple[int, int], share: float) -> tuple[slice, slice] | None:
        """Crop (rows, columns) where a window of `shape` from `at` meets `box`; None where it does not or `share`
        is 0."""
        if self.box is None or share <= 0:
            return None
        return box_overlap((slice(at[0], at[0] + shape[0]), slice(at[1], at[1] + shape[1])), self.box)
