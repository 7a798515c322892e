"""The plate's fill inside the person under the ear: the neck's shadowed tone, not the wall (issue #9, lp_s6).

Beside a neck no wider than the plate's hole's margin (lp_s6, a statue on a white wall) the eroded body has nothing
left beside the hole, so the hole's fill between the jaw and the ear, above the neck band's rows, is carried in
from the wall (`plate.body_side`); the neck layer's shadowed tone (`neck.NeckWarp.below_jaw`) reaches only the jaw
line raised by `neck.SHADE_REACH` and the neck's width, so a head turning away uncovered a white wedge under the
ear (preset:turn 12-20, `figures.wall_notch.wall_under_ear`). Filling that part of the hole from the person below
(the clothes' colour) made a flat stone-brown box with straight top and side edges, then feathered, a flat paler
block (h20-statue, h20-statue2). Here the fill, where it is the wall's inside the person and under the photo's head
on the neck's box, becomes the tone the neck layer lays in full below the jaw, carried on (`LAID`), with its grain
(`layers.HeadLayer`), so it joins the tone below without a step; above the box's top row the tone is mirrored up and
fades out (`FADE`), so neither the tone nor the fill ends in a straight edge there; towards the wall it fades with
the wall's share of the fill and the person's eroded outline, softened (`SOFTNESS`), and in from the background
beside the head (`BESIDE`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, disc_kernel
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.plate_fill.plate import distance_outside, hair_hole

FADE = 0.12
"""Face sizes above the neck box's top row over which the tone, mirrored up across it, fades out (under the ear
lobe, where the moved head mostly covers it)."""
PALE_FADE = 0.25
"""Face sizes over which it fades out instead over a fill lighter than the tone (`LIGHTER`): a pale wall under the
photo's ear (lp_s6's white, behind the statue's lobe) stood as a whitish wedge between the turned lobe's foot and the
tone's top edge (preset:turn 12-20, 36-44: `figures.wall_notch.wall_under_lobe`), where a dark background behind the
ear reads as its shadow (sr_18's: raised there too, the pale tone stood higher beside his ear)."""
PALE_HELD = 0.5
"""Share of `PALE_FADE` over which the tone over a pale fill is held in full before it fades (faded over all of it,
the wedge was a translucent brown mix of tone and wall: `figures.wall_smear` 0.58 -> 0.64 over 12-20 + 36-44)."""
LIGHTER = (95.0, 115.0)
"""Grey levels the fill is lighter than the tone (both softened over `SOFTNESS`) over which the tone's rise goes from
`FADE` (the first) to `PALE_FADE` (the second; smoothstep between): lp_s6's white wall 117-149 over its tone; not
sr_4's pillar beside its hair, at most 91 (raised there, the plate beside the head lost the ring's brightness:
tests/mesh/test_turn_artefacts.py), nor grace_hopper's sky, 10-20 (read pixel by pixel, unsoftened, its grain raised
brown specks of tone on the sky)."""
WALL_FULL = 0.5
"""The wall's share of the hole's fill (1 - `plate.body_side`) from which the tone replaces it in full (beside
lp_s6's thin neck the share is 0.5-0.7 between jaw and ear)."""
SOFTNESS = 0.03
"""Face sizes: the sigma softening where the tone gives way to the fill (the person's eroded outline)."""
BESIDE = (2.0, 4.0)
"""Hole margins from the background outside the hole: none of the tone within the first, all from the second (right
beside the head the plate keeps the background ring's brightness, which a head moving away uncovers: sr_4)."""
LAID = 0.9
"""The tone carried under the ear is the one laid at least this much under the jaw (`neck.NeckWarp.below_jaw`) where
the mirrored neck holds under 1 - this (`neck.NeckWarp.mirror_weight`): beside lp_s6's ear the mirror reflects the
white wall (as pale as the statue's skin) and the jaw band's colour takes the collar's pink (`neck_tone`)."""


def wall_inside(side: np.ndarray, person: np.ndarray, alpha: np.ndarray, hole: np.ndarray, grow_px: int,
                face_px: float, hanging: np.ndarray, through: np.ndarray | None = None) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much of the hole's fill (`hole`, (h, w), nonzero inside) under the photo's head
    (`alpha`, (h, w) float32, over 0.5: what a turned head uncovers; not the hole's margin beside it, where beside
    sr_4's nape the background is right) inside the person (`person`, (h, w) float32 in [0, 1], eroded by `grow_px`
    px: not its fringe) is the wall's: 1 from `WALL_FULL` of the wall's share (1 - `side`, (h, w) float32,
    `plate.neck_body_side`), 0 where the body fills it; softened over `SOFTNESS` face sizes (`face_px` px), 0
    outside the hole and off the person, faded in from the background outside the hole (`BESIDE` margins). Not behind
    the hair hanging below the jaw (`hanging`, (h, w) float32, `HeadMask.hanging`, grown as the hole is,
    `plate.hair_hole`): a lock hanging over the background has the wall behind it (lp_s5 cut to its head's corner:
    the tone, carried in behind its curl and mirrored up, was a blurred brown block on the wall a turn uncovered).
    through: (h, w) bool, the background carried straight through the hole (`plate.column_runs`), or None: background
    beside the head too, though the person mask holds it (sr_4's dark wall strip between the ear and a lit pillar: the
    tone laid behind the ear up to it showed as a pale block with a straight edge where the head moved off)."""
    inside = cv2.erode(person, disc_kernel(grow_px))
    wall = np.clip((1 - side) / WALL_FULL, 0, 1) * inside * (alpha >= 0.5) * (hole > 0) * (1 - hair_hole(hanging, grow_px))
    soft = cv2.GaussianBlur(wall.astype(np.float32), (0, 0), max(1.0, SOFTNESS * face_px))
    background, open_hole = 1 - person, hole
    if through is not None:
        background, open_hole = np.maximum(background, through), hole * ~through
    beside = smoothstep(*BESIDE, distance_outside(open_hole, background) / max(grow_px, 1))
    return (soft * beside * (hole > 0) * (person >= 0.5)).astype(np.float32)


def tone_under_ear(filled: np.ndarray, tone: np.ndarray, wall: np.ndarray, box: tuple[slice, slice],
                   columns: np.ndarray, face_px: float) -> np.ndarray:
    """Lay the neck's shadowed `tone` ((n, m, 3) float32 RGB on the neck's `box`, n rows from `box[0].start`: the tone
    laid under the jaw carried on, `LAID`) over the hole's fill `filled` ((h, w, 3) float32, changed in place) where
    it is the wall's inside the person (`wall`, (h, w), `wall_inside`): on the box, and above its top row the tone
    mirrored up across it, fading out over `FADE` face sizes (`face_px` px), held over `PALE_HELD` of `PALE_FADE`
    and faded out by it where the fill is lighter than the tone (`LIGHTER`); across, in the columns where the neck
    goes on up behind the head (`columns`, (m,) in [0, 1], `neck.NeckWarp.neck_columns`). Returns the weight it was
    laid with on the box, (n, m) float32 in [0, 1]."""
    rows, cols = box
    short, long = (min(rows.start, int(np.ceil(f * face_px)), rows.stop - rows.start) for f in (FADE, PALE_FADE))
    reach = max(short, long)
    up = np.arange(reach, 0, -1)  # rows above the top row, farthest first
    region = slice(rows.start - reach, rows.stop)
    laid = np.concatenate([tone[up - 1], tone])  # the first `reach` rows mirrored up
    short = 1 - smoothstep(0.0, float(short + 1), up.astype(np.float32))
    long = 1 - smoothstep(PALE_HELD * long, float(long + 1), up.astype(np.float32))
    lighter = (filled[region.start:rows.start, cols] - laid[:reach]) @ LUMA
    lighter = smoothstep(*LIGHTER, cv2.GaussianBlur(lighter, (0, 0), max(1.0, SOFTNESS * face_px)))
    fade = np.concatenate([short[:, None] + lighter * (long - short)[:, None], np.ones((len(tone), len(columns)))])
    weight = (wall[region, cols] * fade * columns[None]).astype(np.float32)
    filled[region, cols] += weight[..., None] * (laid - filled[region, cols])
    return weight[reach:]
