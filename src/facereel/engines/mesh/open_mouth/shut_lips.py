"""A photo's own open mouth, shut by the target: closed lips meeting at a soft crease, not its teeth squeezed.

When the target's lips meet over a source whose mouth shows its inside (a video frame mid-word, a photo showing its
teeth), the warp squeezes the opening's teeth and cavity into the target's 1-3 px opening: a jagged dark-and-white
line where the lips meet (`figures/shut_line`; sr_1's clip dubbed by lp_d19, `--regions lips`). `ShutLips` paints a
band round where the target's inner lips meet with the photo's lips' colours, the upper lip's above the meeting line
and the lower's below it, darkened along the line as a real closed mouth's crease is (`CREASE_DARK`, `CREASE_PX`), by
how far the target has shut (`shut_share`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import blend, box_around, polygon_mask
from facereel.engines.mesh.open_mouth.mouth_shape import lip_bands
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

SHUT = (0.04, 0.08)
"""Target gap / mouth width: at or below the first the squeezed opening is painted over whole, fading out by the
second (sr_1's dubbed shut frames open 0.014-0.04; a slit wider than ~5 px at 60 px shows the photo's teeth as a
narrowed opening, as before)."""
CLOSES = 0.04
"""Gap / mouth width the target must open less than the source for the band to be painted whole (ramped from 0):
a target opening as wide as the photo's leaves its own mouth as it is."""
PAD = 1.5
"""px: how far the band reaches past each inner lip into the lips (the warp's squeezed strip and its jagged edge
reach ~1 px past the target's contours at sr_1's 512 px)."""
CREASE_DARK = 0.22
"""Share of the lips' colour taken off on the meeting line: sr_1's own shut crease (its frame 23) reads `shut_line`
29 grey levels; 0.22 reads 24-32 on the dubbed shut frames (0.3: 33-40, a harder line than the clip's)."""
CREASE_PX = 0.8
"""px: the crease's Gaussian half-width on a shut mouth (widened by half the target's gap)."""
_FEATHER = 0.7  # px: Gaussian sigma softening the band's edges into the warped lips


def shut_share(source_open: float, target_open: float) -> float:
    """0-1: how far the crease band covers a mouth whose photo opens `source_open` and whose target opens
    `target_open` (both gap / mouth width): shut (`SHUT`) and closed past the photo's (`CLOSES`)."""
    shut = np.clip((SHUT[1] - target_open) / (SHUT[1] - SHUT[0]), 0, 1)
    return float(shut * np.clip((source_open - target_open) / CLOSES, 0, 1))


class ShutLips:
    """Paints one portrait's open mouth shut.

    image: (H, W, 3) uint8 RGB, the portrait; landmarks: (478, 2+) px, its own.
    """

    def __init__(self, image: np.ndarray, landmarks: np.ndarray) -> None:
        upper, lower = lip_bands(image, landmarks)
        self._lips = None if upper is None or lower is None else (upper, lower)

    def render(self, crop: np.ndarray, origin: np.ndarray, target: np.ndarray, share: float) -> None:
        """Draw the shut lips into `crop` (h, w, 3) uint8 in place; origin (2,) its top-left in image px; target
        (478, 2+) the drawn landmarks, image px; share: 0-1, the band's opacity (`shut_share`)."""
        if share <= 0 or self._lips is None:
            return
        pts = np.asarray(target, np.float32)[:, :2] - origin
        upper, lower = pts[list(ids.INNER_UPPER_LIP)], pts[list(ids.INNER_LOWER_LIP)]
        pad = np.array([0.0, PAD], np.float32)
        band = np.vstack([upper - pad, (lower + pad)[::-1]])
        band[[0, -1]], band[[len(upper) - 1, len(upper)]] = upper[0], upper[-1]  # corners as tracked
        x0, y0, x1, y1 = box_around(band, 3, (crop.shape[1], crop.shape[0]))
        if x1 <= x0 or y1 <= y0:
            return
        box = crop[y0:y1, x0:x1]
        mask = polygon_mask([band], box.shape[:2], (x0, y0))
        cover = share * np.minimum(cv2.GaussianBlur(mask, (0, 0), _FEATHER), mask)
        xs = np.arange(x0, x1, dtype=np.float32)
        top, bottom = np.interp(xs, *by_x(upper)), np.interp(xs, *by_x(lower))
        half = np.maximum(bottom - top, 0) / 2
        d = np.arange(y0, y1, dtype=np.float32)[:, None] - (top + bottom) / 2  # (h, w) px below the meeting line
        t = np.clip(0.5 + d / (2 * (half + PAD)), 0, 1)[..., None]
        paint = (1 - t) * self._lips[0] + t * self._lips[1]
        crease = 1 - CREASE_DARK * np.exp(-0.5 * (d / (CREASE_PX + half)) ** 2)
        blend(box, paint * crease[..., None], cover)

