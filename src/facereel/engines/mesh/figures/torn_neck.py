"""A dark line torn across the neck under the near ear on a turn (issue #9, h34-tornneck).

sr_18 (a short-haired man against black) at 320-448 px x preset:turn frames 30-49: a dark line from under the near
(image-left) ear down across the neck to the collar (at 384: x 215-250, y 80-135), the photo's neck skin doubled
left of it. The head mask had taken the neck's shadowed side under the ear lobe as hanging hair (`hanging_hair`), so
it turned rigidly with the head while the neck layer left its columns still.

`line_share` reads the share of a box's pixels that lie in a thin dark valley: for one of four directions (the row,
the column, the two diagonals) the luma `ACROSS` face sizes to both sides of the pixel is lit (over `LIT`) and
brighter than the pixel by more than `DEPTH`. A dark line across skin reads; an edge (skin beside the black
backdrop), a flat dark or a flat lit area do not. The source repeated reads the valleys the photo itself has there
(the hair's edge over the ear, creases), so a frame is read beside it.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA

ACROSS = 0.04
"""Face sizes: how far to each side of a pixel the valley's walls are read (~4 px at 384, where the torn line is 2-4
px wide)."""
DEPTH = 35.0
"""Grey levels (luma) by which both walls are brighter than the valley's floor: the torn line lies 60-100 below the
neck skin beside it; the photo's skin creases 10-30."""
LIT = 60.0
"""Grey levels (luma): both walls at least this light (skin; sr_18's backdrop reads 2-5, its shadowed neck 10-20)."""
_SMOOTH = 0.7  # px: sigma of the blur before reading (the frame's single-pixel noise is no valley)


def line_share(frame: np.ndarray, box: tuple[int, int, int, int], face_px: float) -> float:
    """The share of the box's pixels that lie in a thin dark valley (module docstring): frame (H, W, 3) uint8 RGB,
    box (x0, y0, x1, y1) px, face_px the face size (px) that `ACROSS` is measured in."""
    luma = cv2.GaussianBlur(frame.astype(np.float32) @ LUMA, (0, 0), _SMOOTH)
    d = max(1, round(ACROSS * face_px))
    h, w = luma.shape
    padded = np.pad(luma, d, mode="edge")
    valley = np.zeros((h, w), bool)
    for dx, dy in ((d, 0), (0, d), (d, d), (d, -d)):
        walls = np.minimum(padded[d + dy:d + dy + h, d + dx:d + dx + w], padded[d - dy:d - dy + h, d - dx:d - dx + w])
        valley |= (walls - luma > DEPTH) & (walls > LIT)
    x0, y0, x1, y1 = box
    return float(valley[y0:y1, x0:x1].mean())
