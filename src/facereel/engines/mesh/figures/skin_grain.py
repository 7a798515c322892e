"""Skin grain: how much of the photo's fine skin texture a moved face keeps (issue #9: the whole face soft once the
head moves).

The head layer is moved by a bilinear remap; at a fractional position it averages 2 x 2 photo pixels, so the photo's
grain (pores, stubble, film grain) drops on every moved pixel (h36-moustache: lp_s12's chin's high-pass std 11.7 in
the photo, 8.7 in the frame). `skin_grain` reads, on discs of skin at the same landmarks in the frame and the photo
(so aligned by the face, not the image), the standard deviation of the grey levels (`composite.grey_image`) less their
Gaussian blur (`SIGMA` px), the frame's over the photo's: 1 as grainy as the photo, under 1 smoothed. The source
repeated reads 1 exactly.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, grey_image

PATCHES = {"right cheek": 101, "left cheek": 330, "chin": 199}
"""The discs read (mediapipe landmark ids of their centres): the image-left and image-right cheeks under the eyes and the
chin under the lower lip: skin on every portrait, away from the eyes, the lips and the outline."""
RADIUS = 0.05
"""Face sizes (`composite.face_size`): a disc's radius (lp_s12 and lp_s1 at 512: ~8 px, sr_18 at its own size ~19; off the lips, the
nose's side and the outline)."""
SIGMA = 1.5
"""px: the blur whose difference from the grey levels is the grain (h36-moustache's reading; pores and stubble 1-3
px)."""


def _grain(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """(len(PATCHES),) float: the high-pass std (grey levels) of `image` ((H, W, 3) uint8 RGB) on each disc of
    `PATCHES` at `landmarks` ((478, >=2) px); NaN for a disc under 8 px inside the image."""
    grey = grey_image(image)
    fine = grey - cv2.GaussianBlur(grey, (0, 0), SIGMA, borderType=cv2.BORDER_REPLICATE)
    radius = RADIUS * face_size(landmarks)
    reach = int(np.ceil(radius))
    h, w = grey.shape
    out = []
    for landmark in PATCHES.values():
        cx, cy = (float(v) for v in landmarks[landmark, :2])
        x0, y0 = max(int(cx) - reach, 0), max(int(cy) - reach, 0)
        x1, y1 = min(int(cx) + reach + 2, w), min(int(cy) + reach + 2, h)
        ys, xs = np.mgrid[y0:y1, x0:x1]
        disc = np.hypot(xs - cx, ys - cy) <= radius
        out.append(float(fine[y0:y1, x0:x1][disc].std()) if disc.sum() >= 8 else float("nan"))
    return np.array(out)


class SkinGrain:
    """`skin_grain` (module docstring) against a source portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        self.own = _grain(source, landmarks)  # (len(PATCHES),) grey levels

    def __call__(self, frame: np.ndarray, target: np.ndarray) -> np.ndarray:
        """(len(PATCHES),) the frame's (`frame` (H, W, 3) uint8 RGB, landmarks `target` (478, >=2) px) high-pass std
        on each disc of `PATCHES` over the source's own (in `PATCHES`' order)."""
        return _grain(frame, target) / self.own
