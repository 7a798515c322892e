"""Streaks on the photo beside a transparent portrait's backdrop (issue #9, h33-edges).

lp_s1 as RGBA with the outside of an ellipse transparent, composited over white (`media.image.BACKDROP`), `edit
--smile 0.8 --yaw 15` at 512: white and grey streaks on the wall along the backdrop's edge above the head (x 283-300,
y 7-20), where the head's fringe moved over a plate filled with the backdrop's white (`head_mask.backdrop`). Above the
head the wall is plain and still, so the photo there should stay as it is. `edge_changes` is the share of the photo's
pixels within `REACH` px of the backdrop, in a box, whose grey level in the frame is off the photo's by over `STEP`:
the source repeated reads 0; a head moved into the box counts its own pixels too (read it where the head stays off).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.head_mask.backdrop import backdrop

REACH = 8
"""px from the backdrop read (the streaks at 512 run 1-6 px inside its edge)."""

STEP = 12.0
"""grey levels (0-255): a change over this is a mark (the still wall's resampling moves it by 1-3)."""


def edge_changes(frame: np.ndarray, source: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share (0-1) of the photo's pixels in `box` (x0, y0, x1, y1 px) within `REACH` px of `source`'s ((H, W, 3)
    uint8 RGB) backdrop (`head_mask.backdrop.backdrop`, not the backdrop itself) whose grey level in `frame` ((H, W, 3)
    uint8 RGB) is off `source`'s by over `STEP` (module docstring); 0 where no such pixel lies in `box`."""
    back = backdrop(source).astype(np.uint8)
    near = cv2.dilate(back, np.ones((2 * REACH + 1,) * 2, np.uint8)) & (1 - back)
    x0, y0, x1, y1 = box
    read = near[y0:y1, x0:x1] > 0
    if not read.any():
        return 0.0
    off = np.abs(grey_image(frame) - grey_image(source))[y0:y1, x0:x1] > STEP
    return float(off[read].mean())
