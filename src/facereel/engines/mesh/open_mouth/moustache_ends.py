"""A moustache's ends beside the mouth's corners stay with the upper lip when the jaw drops.

The warp moves the skin beside and below the mouth's corners with the lower lip and the jaw (the mesh's points
there drop with them). A moustache whose ends hang past the corners (lp_s12) had them dragged down beside the
opened mouth into dark vertical bands to the lower lip (`facereel edit --mouth-open 1.5` at his own size: x 152-170
and 200-215, y 215-252; `figures.moustache_drag`). `MoustacheEnds` reads the ends' hair in the photo beside each
corner (`ends_mask`), and in each frame draws the skin under them where the warp drags them (`uncover`: each
column's hair filled by the skin below it, `skin_under`) and the hair itself over the frame, moved with the upper
lip and the cheek above that corner (`lay`: a similarity of `ANCHORS`), as far as the mouth is opened past the
photo's (`share`: a closed mouth's jaw drags nothing, and on a turn the similarity does not follow the near cheek the
map widens: lp_s12 x preset:turn tore the near end off into a dark stroke, `figures.torn_ends`). A photo whose upper
lip is not hair (`mouth_synthetic.overhang_share` 0: every clean-shaven portrait of ../shared/data) gets none.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import blend, polygon_mask
from facereel.engines.mesh.geometry.lip_ring import mouth_width
from facereel.engines.mesh.geometry.warp import fit_similarity
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_bands, mouth_gap, outer_lips
from facereel.engines.mesh.open_mouth.mouth_synthetic import overhang_share
from facereel.face import landmark_ids as ids

ANCHORS = ((185, 40, 39, 186, 92, 165), (409, 270, 269, 410, 322, 391))
"""Per mouth corner (`ids.MOUTH_CORNERS`' order): the landmarks whose move the hair beside it follows, the outer
upper lip's three points next to the corner and the cheek's three above it (the corner itself drops with the jaw:
lp_s12 `--mouth-open 1.5` 9 px, the upper lip's points 0-6)."""
REACH = 0.45
"""Mouth widths round each corner the ends are read within (lp_s12's reach 0.4 below and beside the corners)."""
BESIDE = 0.15
"""Mouth widths inside the corner, along the corners' line, the ends are read to (past it the lip's own hair, moved
with the upper lip by the warp already; lp_s12's left end curls 0.1 under the corner)."""
SKIN_SHARE = 0.75
"""Quantile of the L* round a corner (the read zone) taken as its skin's: the zone is up to half hair (lp_s12's
shaded left side 41, his right 79)."""
HAIR = 0.4
"""A pixel is hair where its L* is below the upper lip band's (the moustache's) plus this share of the way to the
zone's skin: lp_s12's left end 10-20 and the stubble under it 25-45 (threshold 27), his greyer right end 15-40 (42)."""
GROWN = 0.08
"""Mouth widths the read hair is grown by (at least 1 px): its soft edge, half hair, was left to the warp and dragged
into grey streaks beside the opened mouth (lp_s12 `--mouth-open 1.5`: 2-3 px under his ends, L* 30-50; at 0.05 a
thin grey line was left beside his right end's skin on preset:laugh and lp_d18 at 512)."""
OPENED = (0.01, 0.02)
"""Inner-lip gap past the photo's own, in mouth widths (`mouth_gap`), from which the ends are kept with the upper lip
and at which fully: the skin under the map's ends drawn by that share, the hair laid whole over any share (the map's
ends and the laid ones lie within ~1 px there; laid at that share of its alpha too, over a wider ramp, 0.02-0.08,
the hair was drawn lighter: grey ends where preset:laugh opens 0.04). lp_s12 x preset:turn 0.000-0.003 (the map's
ends right, the similarity's torn off), `edit --mouth-open 0.25` / `1` 0.09 / 0.34, preset:laugh 0.01-0.37."""
FEATHER = 1.0
"""px: Gaussian sigma of the hair's soft edge outside its read pixels when laid over the frame."""
_SHAPE = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))  # closes the hair's gaps, opens away single specks


def ends_mask(crop: np.ndarray, points: np.ndarray) -> np.ndarray | None:
    """(h, w) bool: the moustache's ends in the photo's crop (h, w, 3) uint8 RGB, its landmarks (478, 2+) crop px:
    the hair (`HAIR`) within `REACH` mouth widths of each corner, outside the outer lips and no more than `BESIDE`
    inside the corner, grown by `GROWN` (its soft edge; not into the lips); None where the upper lip is not hair
    (`overhang_share` 0) or no such pixel is read."""
    upper, lower = lip_bands(crop, points)
    if upper is None or lower is None:
        return None
    hair = float(to_lab(upper)[0])
    if overhang_share(hair, float(to_lab(lower)[0])) <= 0:
        return None
    pts = np.asarray(points, np.float64)[:, :2]
    h, w = crop.shape[:2]
    lightness = to_lab(crop)[..., 0]
    lips = polygon_mask([outer_lips(pts)], (h, w), (0, 0)) > 0.5
    width = max(mouth_width(pts), 1.0)
    left, right = pts[ids.MOUTH_CORNERS[0]], pts[ids.MOUTH_CORNERS[1]]
    ys, xs = np.mgrid[0:h, 0:w]
    along = ((xs - left[0]) * (right - left)[0] + (ys - left[1]) * (right - left)[1]) / width  # px from the corner
    out = np.zeros((h, w), bool)
    for corner, beside in ((left, along < BESIDE * width), (right, along > (1 - BESIDE) * width)):
        zone = (np.hypot(xs - corner[0], ys - corner[1]) < REACH * width) & beside & ~lips
        if not zone.any():
            continue
        skin = float(np.quantile(lightness[zone], SKIN_SHARE))
        out |= zone & (lightness < hair + HAIR * (skin - hair))
    out = cv2.morphologyEx(cv2.morphologyEx(out.astype(np.uint8), cv2.MORPH_CLOSE, _SHAPE), cv2.MORPH_OPEN, _SHAPE)
    if not out.any():
        return None
    grow = 2 * max(round(GROWN * width), 1) + 1
    return (cv2.dilate(out, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow))) > 0) & ~lips


def skin_under(image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32: `image` (h, w, 3) with each column's runs of `mask` (h, w) bool filled by the pixels below
    the run, reflected about its lower end (the skin's grain kept; clipped at the image's bottom)."""
    out = image.astype(np.float32)
    h = mask.shape[0]
    for x in np.flatnonzero(mask.any(0)):
        column = np.concatenate([[False], mask[:, x], [False]]).astype(np.int8)
        starts, ends = np.flatnonzero(np.diff(column) == 1), np.flatnonzero(np.diff(column) == -1)
        for start, end in zip(starts, ends):  # rows start .. end - 1
            rows = np.arange(start, end)
            out[rows, x] = image[np.minimum(2 * end - 1 - rows, h - 1), x]
    return out


class MoustacheEnds:
    """The moustache's ends of one portrait, kept with its upper lip.

    mask: (h, w) bool on the crop, the ends' hair (`ends_mask`); crop: (h, w, 3) uint8 RGB, the photo as the head
    layer draws it; points: (478, 2+) crop px, its landmarks."""

    def __init__(self, mask: np.ndarray, crop: np.ndarray, points: np.ndarray) -> None:
        rows, cols = np.flatnonzero(mask.any(1)), np.flatnonzero(mask.any(0))
        pad = int(np.ceil(3 * FEATHER)) + 1
        y0, y1 = max(rows[0] - pad, 0), min(rows[-1] + pad + 1, mask.shape[0])
        x0, x1 = max(cols[0] - pad, 0), min(cols[-1] + pad + 1, mask.shape[1])
        self.origin = np.array([x0, y0], np.float32)  # crop px of the patches' top-left
        hair = mask[y0:y1, x0:x1]
        patch = crop[y0:y1, x0:x1]
        # (b, a, 3) float32: what the warp reads there less the photo, the hair's skin under it (0 off the hair)
        self.uncovered = np.where(hair[..., None], skin_under(patch, hair) - patch, 0).astype(np.float32)
        alpha = np.maximum(hair, cv2.GaussianBlur(hair.astype(np.float32), (0, 0), FEATHER))
        pts = np.asarray(points, np.float32)[:, :2]
        middle = 0.5 * (pts[ids.MOUTH_CORNERS[0], 0] + pts[ids.MOUTH_CORNERS[1], 0]) - x0
        left = (np.arange(x1 - x0) < middle)[None, :]
        # per corner: (b, a, 4) float32 RGBA, the hair on that side of the mouth's middle, and its anchors (K, 2) px
        self.sides = [(np.dstack([patch.astype(np.float32), alpha * side]), pts[list(anchor)] - self.origin)
                      for side, anchor in ((left, ANCHORS[0]), (~left, ANCHORS[1])) if (alpha * side).any()]
        self.opening = _opening(pts)  # the photo's inner-lip gap, mouth widths

    @classmethod
    def read(cls, crop: np.ndarray, points: np.ndarray) -> MoustacheEnds | None:
        """The ends of the photo's crop (h, w, 3) uint8 RGB with landmarks (478, 2+) crop px; None without any
        (`ends_mask`)."""
        mask = ends_mask(crop, points)
        return None if mask is None else cls(mask, crop, points)

    def share(self, target: np.ndarray) -> float:
        """0-1: how far the ends are kept with the upper lip in a frame whose landmarks are `target` (478, 2+) px, by
        its mouth's opening past the photo's (`OPENED`); 0: the map's ends, as drawn."""
        return float(np.clip((_opening(target) - self.opening - OPENED[0]) / (OPENED[1] - OPENED[0]), 0, 1))

    def uncover(self, pixels: np.ndarray, positions: np.ndarray, share: float) -> None:
        """Draw the skin under the ends where the warp reads them: pixels (n, m, 3) uint8 (the frame's drawn box, in
        place), positions (n, m, 2) float32 the crop px each reads (the backward map); `share` 0-1 of it (`share`)."""
        b, a = self.uncovered.shape[:2]
        x, y = positions[..., 0] - self.origin[0], positions[..., 1] - self.origin[1]
        near = (x > -1) & (x < a) & (y > -1) & (y < b)
        rows, cols = np.flatnonzero(near.any(1)), np.flatnonzero(near.any(0))
        if not len(rows):
            return
        window = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
        read = cv2.remap(self.uncovered, np.ascontiguousarray(x[window]), np.ascontiguousarray(y[window]),
                         cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        box = pixels[window]
        box[...] = np.clip(np.rint(box.astype(np.float32) + share * read), 0, 255).astype(np.uint8)

    def lay(self, crop: np.ndarray, target: np.ndarray) -> None:
        """Lay the ends' hair over the frame's crop (h, w, 3) uint8 (in place), each side moved with its `ANCHORS`
        (a similarity of their photo's places to target's, (478, 2+) crop px)."""
        h, w = crop.shape[:2]
        tgt = np.asarray(target, np.float32)[:, :2]
        for (patch, anchors), anchor in zip(self.sides, ANCHORS):
            move = fit_similarity(anchors, tgt[list(anchor)] - self.origin)  # patch px -> patch px
            b, a = patch.shape[:2]
            corners = np.array([[0, 0], [a, 0], [0, b], [a, b]], np.float64) @ move[:, :2].T + move[:, 2]
            x0, y0 = np.floor(corners.min(0) + self.origin).astype(int) - 1
            x1, y1 = np.ceil(corners.max(0) + self.origin).astype(int) + 2
            x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
            if x1 <= x0 or y1 <= y0:
                continue
            shifted = move.copy()
            shifted[:, 2] += self.origin - (x0, y0)  # patch px -> window px
            laid = cv2.warpAffine(patch, shifted, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_CONSTANT, borderValue=0)
            blend(crop[y0:y1, x0:x1], laid[..., :3], laid[..., 3])


def _opening(points: np.ndarray) -> float:
    """The inner lips' gap of landmarks `points` (478, 2+) px in mouth widths (`mouth_gap`)."""
    gap, width = mouth_gap(np.asarray(points, np.float64))
    return gap / max(width, 1.0)
