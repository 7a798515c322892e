"""A pale patch with a straight vertical edge on the neck under a moved chin (issue #9).

sr_18 at 512 `edit --yaw 45 --pitch -30` (the yaw ended at 20): under the left half of the raised chin (x 325-336,
y 168-177) a small pale patch, its left edge a straight vertical step of 14-21 lightness levels over ~5 rows: the
photo's chin below the head mask's outline beside the mirrored lit neck, both carried up with the neck's top. Traced
(h47-sr18patch, the plate dumped): the plate keeps the photo where `HeadMask.photo` holds (`chin_outline.soften_chin`'s
zone under the outline), whose right side runs straight down crop column 203 (x 327) over rows 173-180; right of it the
plate is the hole's fill with the neck's tone (`_tone_share` 1: the mirrored lit neck, L 178-183), left of it the
photo's chin (L 145-156, `_tone_share` 0): that zone times the under-jaw coverage > 0.5, the coverage there the neck
side's sideways ramp. Mended: the kept photo ramped in over that coverage (`chin_outline.PHOTO_RAMP`), 0.042 -> 0.008.
`chin_patch`: in each column within `chin_edge.SPAN` face sizes of the chin, from the drawn head alpha's lower outline
to `REACH` face sizes under it, the rows where the lightness (OpenCV's 8-bit L) steps by `STEP` levels or more from
the column on its left, in either sign, with the step's lighter side `PALE` levels or more over the median lightness
of that window (a pale region's edge, not the neck's outline against a dark collar or background); the longest run
of such rows in one column with one sign, in face sizes. The source repeated reads 0 (its neck's skin shades
smoothly across the columns); a patch's vertical edge reads its height.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.chin_edge import lower_outline

REACH = 0.12
"""Face sizes under the head alpha's lower outline where the window ends (sr_18's patch: 0.02-0.1)."""
STEP = 10.0
"""Lightness levels between neighbouring columns from which a row is on a vertical edge (sr_18's patch: 14-21;
the photo's neck skin: under 8 but at its outline)."""
PALE = 10.0
"""Lightness levels over the window's median from which a step's lighter side is pale (sr_18's patch: 15-25 over its
neck's 149; the photo's collar edge lies under the median)."""


def chin_patch(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float) -> float:
    """Face sizes: the longest vertical run of pale-sided lightness steps under the chin.

    frame: (h, w, 3) uint8 RGB; alpha: (h, w) float32 in [0, 1], the head layer's alpha as drawn on it
    (`MeshAnimator.drawn_alpha`; the source's `layer.alpha` on the photo); chin: (2,) px, the chin landmark (as
    drawn: `FrameMap.target`); face_px: the face size, px. 0 where no column under the chin has such a step.
    """
    lightness = cv2.cvtColor(frame, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    reach = max(2, round(REACH * face_px))
    windows = [(x, slice(y + 1, min(lightness.shape[0], y + reach)))
               for x, y in lower_outline(alpha, chin, face_px) if x > 0]
    windows = [(x, rows) for x, rows in windows if rows.start < rows.stop]
    if not windows:
        return 0.0
    median = float(np.median(np.concatenate([lightness[rows, x] for x, rows in windows])))
    longest = 0
    for x, rows in windows:
        here, left = lightness[rows, x], lightness[rows, x - 1]
        pale = np.maximum(here, left) >= median + PALE
        for sign in (1.0, -1.0):
            longest = max(longest, _longest_run(pale & (sign * (here - left) >= STEP)))
    return longest / face_px


def _longest_run(hits: np.ndarray) -> int:
    """The most consecutive True values in `hits` ((n,) bool)."""
    edges = np.diff(np.concatenate([[0], hits.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return int((ends - starts).max()) if len(starts) else 0
