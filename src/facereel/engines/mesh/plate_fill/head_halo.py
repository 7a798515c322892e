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

from facereel.engines.mesh.composite import LUMA, padded_box

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
    background = (head[box] == 0).astype(np.float32)  # the head's own pixels are not the background's step
    step = ((crop[box].astype(np.float32) - filled[box]) @ LUMA) * background
    weight = cv2.GaussianBlur(background, (0, 0), CLOSE)
    step = np.abs(cv2.GaussianBlur(step, (0, 0), CLOSE)) / np.maximum(weight, 1e-3)
    share = np.clip(2 - step / MOST, 0, 1)
    out[box] = share * near[box] * (1 - off[box])
    return out


RIM_PX = 2.5
"""Px outside the head's alpha (`layers.FULL_PLATE_AT`) where the photo's own anti-aliased skin edge is read
(`skin_rim`): lp_s3's jaw edge ramps over 3 px, the mask's over 2, 1-2 px inside it."""
BESIDE = 3 * RIM_PX
"""Px inside the person's mask from its edge where the rim is read (lp_s3's jaw rim: 4-5 px in)."""
NECK_BESIDE = 2 * BESIDE
"""Px inside the person's mask from its edge where a dark neck side's rim is read: the mask is grown past the neck's
edge by its fringe (lp_d19's neck side: 7-10 px in)."""
WARM = 15.0
"""Grey levels: a dark rim whose red exceeds its blue by this is skin (lp_d19's neck side: 25-30); the blue wall beside
lp_s1's hair and her white collar, carried with the head, stood as pale notches (under 12)."""
RUN_PX = 6 * RIM_PX
"""Px: a dark rim is the neck side's edge where it goes on along the head this far at least (lp_d19's: 30-40 px a
side); shorter, it is a speck the head would carry off (sr_18's cheek: 3 px, lp_s5's chin tip)."""
MIXED = 0.25
"""Share of the step from the fill to a dark head's luma from which a dark rim pixel is its edge mixed with the fill
(lp_d19's neck side: 0.5-1.2); under it the pixel is the wall beside (sr_4's beside the hair under her ear: 0.01-0.17),
which laid with the head at that alpha left the fill behind it, a dark line over the turned nape."""
GOING_ON = 0.9
"""Share of the step from the fill to the head's luma from which a pixel is the skin going on, not the head's edge
(lp_s3's pale neck where it meets her jaw: 1.0; it and the rim within 2 `RIM_PX` of it stay in the plate)."""


def skin_rim(crop: np.ndarray, filled: np.ndarray, alpha: np.ndarray, hole: np.ndarray, person: np.ndarray,
             full_at: float, neck: np.ndarray | None = None, hanging: np.ndarray | None = None) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much each pixel just outside the head's alpha is the head's own edge: the
    photo's luma between the plate's fill and the head's pixels beside it, as a share of that step (lp_s3's jaw: the
    painted skin's last 1-2 px lay at alpha 0 and stayed in the plate, a thin pale curve beside the moved jaw). Only
    where the head is lighter than the fill by over twice `MOST` (a smaller step is `head_halo`'s; a dark head's
    edge, lp_s1's hair, left a dark speck on her collar), within `BESIDE` px of the person's edge (the head's outline
    over the background, not the chin's over the neck), and not near skin going on (`GOING_ON`).
    crop: (h, w, 3) uint8 RGB; filled: (h, w, 3) float32, the plate's fill; alpha: (h, w) float32, the head's;
    hole: (h, w), nonzero inside; person: (h, w) float32 in [0, 1], the person's mask; full_at: the alpha from which
    the plate is the fill. neck: (h, w) float32 in [0, 1], the neck band (`HeadMask.neck`): in its rows, beside the
    band (not in it), a head darker than the fill by over `MOST` keeps its edge too, skin going on or not, where the
    photo there is skin (`WARM`) mixed with the fill (`MIXED`), within `NECK_BESIDE` px of the person's edge, in runs
    of `RUN_PX`, and not within 2 `RIM_PX` of `hanging` ((h, w) float32 in [0, 1], the hair hanging below the jaw,
    `HeadMask.hanging`): lp_d19's neck side over the wall, its outermost 1-2 px at alpha 0, left in the plate, stood
    as a thin pink line along the old neck edge where the head moved off (`figures/neck_line`). Elsewhere a dark
    head's edge is hair over the clothes (lp_s1's speck; beside her hanging hair the collar and the blue wall, carried
    with the head, stood as pale notches); in the band it is the jaw's side over the neck going on below it (the
    astronaut's, carried off with the turned jaw, left the fill as a pale notch in the neck's edge under it)."""
    head = (alpha >= full_at).astype(np.uint8)
    out = np.zeros(alpha.shape, np.float32)
    if not head.any():
        return out
    close = (hole > 0) & (head == 0) & (cv2.distanceTransform(1 - head, cv2.DIST_L2, 5) <= RIM_PX)
    in_person = cv2.distanceTransform((person > 0.5).astype(np.uint8), cv2.DIST_L2, 5)
    near = close & (in_person <= BESIDE)
    dark = np.zeros_like(close) if neck is None else (
        close & (in_person <= NECK_BESIDE) & (neck.max(axis=1, keepdims=True) > 0.5) & (neck <= 0.5))
    if hanging is not None:
        dark &= cv2.distanceTransform((hanging <= 0.5).astype(np.uint8), cv2.DIST_L2, 5) > 2 * RIM_PX
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
    going_on = cv2.dilate((share >= GOING_ON).astype(np.uint8) * near[box], None, iterations=int(2 * RIM_PX))
    skin = crop[box][..., 0].astype(np.float32) - crop[box][..., 2] > WARM
    dark_rim = long_runs((step < -MOST) & (share >= MIXED) & dark[box] & skin, RUN_PX)
    out[box] = share * ((step > 2 * MOST) & (going_on == 0) & near[box] | dark_rim)
    return out


def long_runs(where: np.ndarray, least: int) -> np.ndarray:
    """(h, w) bool: the 8-connected parts of `where` ((h, w) bool) of at least `least` pixels."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(where.astype(np.uint8), connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= least
    keep[0] = False
    return keep[labels]
