"""Side grain: how much of the photo's fine hair texture the hair drawn past a cut side shows (issue #9).

A portrait cut at the frame's side (lp_s1 cut at x 320-1145, y 150-1145: her hair off the left edge) is drawn on the
source widened past that side (`cut_side`). With the head moved 20-40 px away from the cut (lp_d12 90-150, frames
24 / 48) the frame's edge shows that widened strip; carried on as the cut column blurred along itself it was an
out-of-focus blur beside the photo's sharp strands. `side_grain` is the fine detail (mean |L* less its blur at
`FINE` px|) of a box of the frame over that of a box of the photo: the source repeated over its own hair by the cut
reads 1, a blur near 0. From the frame and the photo alone.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.wall_strip import lab

FINE = 2.0
"""px: the standard deviation of the blur whose difference from L* is the fine detail (lp_s1's strands 2-5 px)."""


def fine_detail(image: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Mean |L* - its Gaussian blur (`FINE` px)| (L* units) of `image` ((H, W, 3) uint8 RGB) over `box` (x0, y0, x1,
    y1) px (the blur read on the whole image)."""
    light = lab(image)[..., 0]
    x0, y0, x1, y1 = box
    detail = np.abs(light - cv2.GaussianBlur(light, (0, 0), FINE))
    return float(detail[y0:y1, x0:x1].mean())


def side_grain(frame: np.ndarray, source: np.ndarray, box: tuple[int, int, int, int],
               hair: tuple[int, int, int, int]) -> float:
    """`fine_detail` of `frame` ((H, W, 3) uint8 RGB) over `box` over that of the photo `source` ((H, W, 3) uint8
    RGB) over its `hair` box (x0, y0, x1, y1 px each)."""
    return fine_detail(frame, box) / max(fine_detail(source, hair), 1e-6)
