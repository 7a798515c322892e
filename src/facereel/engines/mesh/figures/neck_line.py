"""The neck's edge left in the plate beside the moved head (issue #12 item 1, video-to-video with `--regions pose`).

lp_d19 (a presenter with a wide neck against a grey wall) as the clip, sr_1 frames 30-70 the driver, `--regions pose`:
on frames 20-35 a thin pink line stood on the wall along the old neck edge, left of the turned head (x 125-150, y
295-335). The segmentation left the neck side's outermost 1-2 px at head alpha 0, on the person (its mask is grown past
the neck by its fringe), so behind them the plate stayed the photo; `head_halo.skin_rim` took only a head lighter than
the fill (lp_s3's pale jaw) as the head's own edge, and this neck is darker than the wall.

`neck_line` counts the plate's pixels in the hole, in the neck band's rows, at head alpha under `layers.FULL_PLATE_AT`
within `head_halo.RIM_PX` of the head, that are a thin dark line: darker by more than `LINE_STEP` than the plate
`ACROSS` px to either side in the row. The source repeated (the crop itself as the plate) has the neck's edge there
as a step from the skin to the wall, not a line.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.layers import FULL_PLATE_AT
from facereel.engines.mesh.plate_fill.head_halo import RIM_PX

LINE_STEP = 15.0
"""Grey levels (luma) by which a line pixel is darker than the plate on both sides of it: lp_d19's neck edge left in
the plate stands 30-50 below the fill beside it; the wall's coding noise 2-4."""
ACROSS = 3  # px: a line is 1-2 px wide; the plate this far to its left and right is what it is compared with


def neck_line(plate: np.ndarray, alpha: np.ndarray, neck: np.ndarray, hole: np.ndarray) -> int:
    """The pixels of `plate` ((h, w, 3) RGB; a crop's plate, or the crop itself for the source repeated) inside
    `hole` ((h, w), nonzero inside), in the rows of the `neck` band ((h, w) in [0, 1]; rows whose strongest pixel is
    over 0.5), where the segmentation's head `alpha` ((h, w) in [0, 1]) is under `FULL_PLATE_AT` within `RIM_PX` px of
    it, whose luma is more than `LINE_STEP` below the plate's `ACROSS` px left and right of it."""
    head = (alpha >= FULL_PLATE_AT).astype(np.uint8)
    where = (hole > 0) & (head == 0) & (cv2.distanceTransform(1 - head, cv2.DIST_L2, 5) <= RIM_PX)
    where[~(neck.max(axis=1) > 0.5)] = False
    luma = np.pad(plate.astype(np.float32) @ LUMA, ((0, 0), (ACROSS, ACROSS)), mode="edge")
    beside = np.minimum(luma[:, :-2 * ACROSS], luma[:, 2 * ACROSS:])
    return int(np.count_nonzero(where & (beside - luma[:, ACROSS:-ACROSS] > LINE_STEP)))
