"""The shadowed neck tone laid over the hair beside a raised jaw (issue #9, open): `dark_tone`.

lp_s3 at its own size, `facereel edit --pitch -25`: the jaw rises and uncovers the plate beside it, where the photo
behind the head is her brown hair. The neck tone there is that hair mirrored up as a neck in shadow
(`neck_layer.neck._mirrored`: `_neck_run` tells the neck's skin by its chroma alone, and the hair's is the skin's, 0.63-0.68
of the jaw skin's lightness) and laid over the plate's hair-coloured fill (`neck.NeckWarp.below_jaw`): a dark diagonal
band along the jaw, 74-80 grey levels where the plate is 88-97 and the photo (her cheek) ~210. A tone that stands for a
neck behind the head is never darker than both what the photo and the plate show there.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.neck_layer.hole_end import lightness

DARKER = 8.0
"""OpenCV 8-bit L* levels (0-255) by which a frame's pixel, blurred, must be darker than both the photo's and the
plate's there to count: over the plate's and the tone's grain (~5 levels after the blur)."""
BLUR = 1.5
"""Px: the sigma of the Gaussian over each image before they are compared (the band is 5-8 px across; single grain
pixels are not it)."""


def dark_tone(frame: np.ndarray, photo: np.ndarray, plate: np.ndarray, origin: tuple[int, int],
              box: tuple[int, int, int, int]) -> int:
    """Pixels of `box` ((x0, y0, x1, y1) image px, exclusive ends) where the frame ((H, W, 3) uint8 RGB) is darker
    than both the photo ((H, W, 3) uint8 RGB, the source) and the still plate (`plate`, (h, w, 3) float32 RGB, the
    layer's `HeadLayer.plate` at `origin` (x, y) image px) by more than `DARKER` levels, each blurred by `BLUR` px.
    The source repeated scores 0."""
    x0, y0, x1, y1 = box
    ox, oy = origin
    levels = []
    for image, (dx, dy) in ((frame, (0, 0)), (photo, (0, 0)), (plate, (ox, oy))):
        part = np.clip(image[y0 - dy:y1 - dy, x0 - dx:x1 - dx], 0, 255).astype(np.uint8)
        levels.append(cv2.GaussianBlur(lightness(part).astype(np.float32), (0, 0), BLUR))
    drawn, source, still = levels
    return int(np.count_nonzero(drawn < np.minimum(source, still) - DARKER))
