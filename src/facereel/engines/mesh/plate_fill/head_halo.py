"""The photo's light halo round the head belongs to the head, not to the plate (issue #9, h23-halo).

A sharpened photo draws a thin light rim round the head over the wall (lp_s6's statue: 1-3 px, 3-8 grey levels
over it). The head mask's fringe over a lighter background is a lightness matte (`head_mask.hair_fringe`), so that
rim lies at alpha 0, where the plate fades back to the photo (`layers.FULL_PLATE_AT`): it stayed in the plate and
drew the old outline as a faint light line beside the moved head (`figures.left_halo`).

`head_halo` gives the pixels of that rim: in the hole, within `REACH` hole margins outside the head's alpha, off the
neck band's rows and the photo kept under the chin, where the photo's difference from the plate's fill, averaged over
`CLOSE` px off the head, is within `MOST` (the light rim and the darker one outside it; fading out by twice it: the
background's own structure, lp_s1's white wall beside the pelmet, sr_4's dark strip by the pillar, grace_hopper's
stars, is not the head's). There the plate is the fill, and the head layer carries the photo's difference from it
(its premultiplied colour at alpha ~0, as it carries what the head casts on the hole's margin,
`plate.margin_shadow`): at rest the frame is still the photo.

`skin_rim` gives the head's own pale edge the mask left at alpha 0 over the background (lp_s3's painted jaw,
h26-s3chin): `layers.HeadLayer` raises the head's alpha there by it, so the edge moves with the head and the plate
under it is the fill.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, disc_kernel, padded_box

REACH = 0.4
"""Hole margins (`MeshOptions.plate_grow`, 0.05 face sizes; at least 2 px): how far outside the head's alpha the rim
is read: 0.02 face sizes, ~3 px at 512."""
MOST = 15.0
"""Grey levels of luma: the rim is at most about this much lighter or darker than the fill (lp_s6: 3-8); from here to
twice this a pixel is more and more taken for the background's own structure, which stays in the plate."""
CLOSE = 2.0
"""Px (Gaussian sigma): the photo's difference from the fill is read averaged over this (off the head), so the wall's
grain does not count and the share is smooth: picked pixel by pixel, grace_hopper's flag and stars beside the cap were
laid with the head as dark specks."""


def head_halo(crop: np.ndarray, filled: np.ndarray, alpha: np.ndarray, hole: np.ndarray, off: np.ndarray,
              margin_px: float, full_at: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much each pixel of the crop is the head's light rim (module doc). crop: (h, w, 3)
    uint8 RGB; filled: (h, w, 3) float32, the plate's fill; alpha: (h, w) float32, the head's alpha the plate is made
    with; hole: (h, w), nonzero inside; off: (h, w) float32 in [0, 1], where the plate stays as it is (the neck band's
    rows, where the neck's tone replaces the fill; the photo kept); margin_px: the hole's margin, px; full_at: the
    alpha from which the plate is the fill."""
    head = (alpha >= full_at).astype(np.uint8)
    if not head.any():
        return np.zeros(alpha.shape, np.float32)
    outside = cv2.distanceTransform(1 - head, cv2.DIST_L2, 5)
    near = (hole > 0) & (head == 0) & (outside <= max(2.0, REACH * margin_px))
    ys, xs = np.nonzero(near)
    out = np.zeros(alpha.shape, np.float32)
    if not len(ys):
        return out
    pad = int(4 * CLOSE)
    box = padded_box(ys, xs, pad, near.shape)
    step = off_fill(crop[box], filled[box], head[box] == 0, CLOSE)  # the head's own pixels are not the background's
    share = np.clip(2 - step / MOST, 0, 1)
    out[box] = share * near[box] * (1 - off[box])
    return out


def off_fill(crop: np.ndarray, filled: np.ndarray, where: np.ndarray, sigma: float) -> np.ndarray:
    """(h, w) float32: |the photo's luma minus the fill's|, averaged over `where` ((h, w) bool) by a Gaussian of `sigma`
    px. crop: (h, w, 3) uint8 RGB; filled: (h, w, 3) float32."""
    weight = where.astype(np.float32)
    step = ((crop.astype(np.float32) - filled) @ LUMA) * weight
    return np.abs(cv2.GaussianBlur(step, (0, 0), sigma)) / np.maximum(cv2.GaussianBlur(weight, (0, 0), sigma), 1e-3)


RIM_PX = 2.5
"""Px outside the head's alpha (`layers.FULL_PLATE_AT`) where the photo's own anti-aliased skin edge is read
(`skin_rim`): lp_s3's jaw edge ramps over 3 px, the mask's over 2, 1-2 px inside it."""
BESIDE = 3 * RIM_PX
"""Px inside the person's mask from its edge where the rim is read (lp_s3's jaw rim: 4-5 px in)."""
NECK_BESIDE = 2 * BESIDE
"""Px inside the person's mask from its edge where a dark neck side's rim is read: the mask is grown past the neck's
edge by its fringe (lp_d19's neck side: 7-10 px in)."""
WARM = 15.0
"""Grey levels of red over blue: the head beside a dark rim is skin by this (lp_d19's neck: 40-50; lp_s0's hair over her
scarf: 13), and the rim pixel, the skin's edge mixed with the fill, by this times its share of the step (lp_d19's
greyer outer pixels: 9-13 at shares 0.3-0.5); the blue wall beside lp_s1's hair and her white collar, carried with the
head, stood as pale notches (under 12)."""
RUN_PX = 6 * RIM_PX
"""Px: a dark rim is the neck side's edge where it goes on along the head this far at least, darker than the fill by
over `MOST` (lp_d19's: 30-40 px a side; it is then grown along the head where darker at all: by the collar the fill
darkens and the edge's lower 5-10 px stayed as a pink strip); shorter, it is a speck the head would carry off (sr_18's
cheek: 3 px, lp_s5's chin tip)."""
MIXED = 0.25
"""Share of the step from the fill to a dark head's luma from which a dark rim pixel is its edge mixed with the fill
(lp_d19's neck side: 0.5-1.2); under it the pixel is the wall beside (sr_4's beside the hair under her ear: 0.01-0.17),
which laid with the head at that alpha left the fill behind it, a dark line over the turned nape."""
HAIR_DARK = 0.4
"""Share of the fill's luma: a dark rim whose head's darkest pixel within `HAIR_REACH` (its run's median) is under this
is a dark hair band over a lit wall, not a skin side (sr_4's hair band behind the neck under the warm side light: 0.32,
warm as the lit wall is, taken for skin it was carried off with 1-2 px of the wall's ramp, a loop of wisps,
`figures/wall_wisps`; lp_s6's jaw sides: 0.49, lp_s0's cheek by the foliage 0.53, lp_d19's neck side 0.81-0.83)."""
HAIR_REACH = 3 * RIM_PX
"""Px: how far into the head the darkest pixel beside a dark rim is read (`HAIR_DARK`): past the ramp a dark band's
own edge mixes into (sr_4's at 768: 1-2 px), across the band (~15 px)."""
GOING_ON = 0.9
"""Share of the step from the fill to the head's luma from which a pixel is the skin going on, not the head's edge
(lp_s3's pale neck where it meets her jaw: 1.0; it and the rim within 2 `RIM_PX` of it stay in the plate)."""
SOLID = 0.5
"""Head alpha under which the mask's own soft edge (~2 px, at or over the plate's `full_at`) is read as rim too by
`skin_rim`, raised to its share where the photo there is the head's: on lp_s3's jaw a soft-edge pixel at alpha
0.08-0.18 lay on the photo's bright skin (share 0.6-0.8) between rim pixels at 0.2-0.5 outside it and the solid head
inside, and the moved jaw's outline was drawn dotted with the wall's fill between (`figures/rim_gaps`)."""
SOLID_REACH = 2 * RIM_PX
"""Px: a dark rim lies within this of the solid head (alpha at or over `SOLID`), and that head's luma beside it is
darker than the fill: lp_d19's neck side's rim lies 1-3 px off it (its solid neck 5-47 grey levels under the fill);
lp_s0's sofa leaf, under the mask's faint wisp (alpha 0.02-0.13) left of her lighter cheek, lay 4-17 px off it and was
carried off with the turned jaw as a dark line (`figures/carried_fringe`)."""


def skin_rim(crop: np.ndarray, filled: np.ndarray, alpha: np.ndarray, hole: np.ndarray, person: np.ndarray,
             full_at: float, neck: np.ndarray | None = None, hanging: np.ndarray | None = None) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much each pixel just outside the head's alpha is the head's own edge: the
    photo's luma between the plate's fill and the head's pixels beside it, as a share of that step (lp_s3's jaw: the
    painted skin's last 1-2 px lay at alpha 0 and stayed in the plate, a thin pale curve beside the moved jaw). Only
    where the head is lighter than the fill by over twice `MOST` (a smaller step is `head_halo`'s; a dark head's
    edge, lp_s1's hair, left a dark speck on her collar), within `BESIDE` px of the person's edge (the head's outline
    over the background, not the chin's over the neck), and not near skin going on (`GOING_ON`); the mask's own narrow
    soft edge (under `SOLID`) is read so too, else it lay as a dip between the rim and the head (lp_s3's dotted jaw).
    crop: (h, w, 3) uint8 RGB; filled: (h, w, 3) float32, the plate's fill; alpha: (h, w) float32, the head's;
    hole: (h, w), nonzero inside; person: (h, w) float32 in [0, 1], the person's mask; full_at: the alpha from which
    the plate is the fill. neck: (h, w) float32 in [0, 1], the neck band (`HeadMask.neck`): in its rows, beside the
    band (not in it), a head of skin (`WARM`) darker than the fill keeps its edge too, skin going on or not, where the
    photo there is that skin mixed with the fill (`WARM`, `MIXED`), within `NECK_BESIDE` px of the person's edge and
    `SOLID_REACH` px of the solid head, which beside it is darker than the fill too (the mask's faint wisp over lp_s0's
    sofa leaf is no dark head), in runs of `RUN_PX`, not within 2 `RIM_PX` of `hanging` ((h, w) float32 in [0, 1],
    the hair hanging below the jaw, `HeadMask.hanging`), and where the photo past the run (over `RIM_PX` off the head) is the fill's, within twice
    `MOST` (its median), and not beside a head far darker than the fill (`HAIR_DARK`: a hair band): lp_d19's neck
    side over the wall, its outermost 1-2 px at alpha 0, left in the plate, stood as a thin pink line along the old
    neck edge where the head moved off (`figures/neck_line`). Elsewhere a dark
    head's edge is hair over the clothes (lp_s1's speck; beside her hanging hair the collar and the blue wall, carried
    with the head, stood as pale notches); in the band it is the jaw's side over the neck going on below it (the
    astronaut's, carried off with the turned jaw, left the fill as a pale notch in the neck's edge under it); with
    other than the fill past it (grace_hopper's neck beside the dark shadow by the flag, 85-105 off the fill; lp_s6's
    jaw, 35-55), carried off it was a dark outline over the neck under the raised jaw."""
    head = (alpha >= full_at).astype(np.uint8)
    out = np.zeros(alpha.shape, np.float32)
    if not head.any():
        return out
    off_head = cv2.distanceTransform(1 - head, cv2.DIST_L2, 5)
    close = (hole > 0) & (head == 0) & (off_head <= RIM_PX)
    in_person = cv2.distanceTransform((person > 0.5).astype(np.uint8), cv2.DIST_L2, 5)
    # The mask's own soft edge, read by its share as the rim is: a narrow ramp only, within `RIM_PX` of both the
    # solid head and the mask's end (a wide fade, lp_s1's neck, took its light strands for the head's edge).
    to_solid = cv2.distanceTransform((alpha < SOLID).astype(np.uint8), cv2.DIST_L2, 5)
    soft = (hole > 0) & (head == 1) & (to_solid > 0) & (to_solid <= RIM_PX) & (
        cv2.distanceTransform(head, cv2.DIST_L2, 5) <= RIM_PX)
    near = (close | soft) & (in_person <= BESIDE)
    dark = np.zeros_like(close) if neck is None else (
        close & (in_person <= NECK_BESIDE) & (neck.max(axis=1, keepdims=True) > 0.5) & (neck <= 0.5))
    if hanging is not None:
        dark &= cv2.distanceTransform((hanging <= 0.5).astype(np.uint8), cv2.DIST_L2, 5) > 2 * RIM_PX
    dark &= to_solid <= SOLID_REACH
    ys, xs = np.nonzero(near | dark)
    if not len(ys):
        return out
    box = padded_box(ys, xs, int(2 * RIM_PX) + 1, near.shape)
    luma = crop[box].astype(np.float32) @ LUMA
    inside = head[box].astype(np.float32)
    weight = cv2.GaussianBlur(inside, (0, 0), RIM_PX)
    edge = cv2.GaussianBlur(luma * inside, (0, 0), RIM_PX) / np.maximum(weight, 1e-3)  # the head's luma beside
    fill = filled[box] @ LUMA
    step = edge - fill
    share = np.clip((luma - fill) / np.where(np.abs(step) > 1e-3, step, 1.0), 0, 1)
    # As light as the head itself: skin going on (the neck under the jaw), not an edge mixed with the fill.
    going_on = cv2.dilate((share >= GOING_ON).astype(np.uint8) * (near[box] & close[box]), None,
                          iterations=int(2 * RIM_PX))
    warmth = crop[box][..., 0].astype(np.float32) - crop[box][..., 2]  # red over blue
    beside = cv2.GaussianBlur(warmth * inside, (0, 0), RIM_PX) / np.maximum(weight, 1e-3)  # the head's beside
    skin = (beside > WARM) & (warmth > WARM * share)
    solid = (alpha[box] >= SOLID).astype(np.float32)
    solid_edge = cv2.GaussianBlur(luma * solid, (0, 0), RIM_PX) / np.maximum(cv2.GaussianBlur(solid, (0, 0), RIM_PX),
                                                                            1e-3)  # the solid head's luma beside
    rim = (step < 0) & (share >= MIXED) & dark[box] & skin & (solid_edge < fill)
    runs = grown_runs(rim, rim & (step < -MOST), RUN_PX)
    past = off_fill(crop[box], filled[box], off_head[box] > RIM_PX, RIM_PX)  # the photo past the rim off the fill
    reach = disc_kernel(int(HAIR_REACH))
    darkest = cv2.erode(np.where(inside > 0, luma, 255).astype(np.float32), reach) / np.maximum(fill, 1.0)
    dark_rim = np.isin(runs, [k for k in np.unique(runs[runs > 0])
                              if np.median(past[runs == k]) < 2 * MOST and np.median(darkest[runs == k]) >= HAIR_DARK])
    out[box] = share * ((step > 2 * MOST) & (going_on == 0) & near[box] | dark_rim)
    return out


def grown_runs(where: np.ndarray, seeds: np.ndarray, least: int) -> np.ndarray:
    """(h, w) int32: the 8-connected parts of `where` ((h, w) bool) that hold a run of `seeds` ((h, w) bool, within
    `where`) of at least `least` pixels, each by its label (> 0); 0 elsewhere."""
    _, seed_labels, stats, _ = cv2.connectedComponentsWithStats(seeds.astype(np.uint8), connectivity=8)
    long = stats[:, cv2.CC_STAT_AREA] >= least
    long[0] = False
    _, labels = cv2.connectedComponents(where.astype(np.uint8), connectivity=8)
    keep = np.zeros(labels.max() + 1, bool)
    keep[labels[long[seed_labels]]] = True
    keep[0] = False
    return np.where(keep[labels], labels, 0)
