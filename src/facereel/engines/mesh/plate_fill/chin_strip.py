"""The photo the plate keeps behind the chin's soft lower edge, its thin lines taken out where the head's fringe no
longer lies on it (issue #9, the doubled jaw line).

Below the jaw line's middle the plate is the photo, not the hole's fill (`HeadMask.photo`, from
`chin_outline.soften_chin`), so that the head layer's soft fringe there (source minus (1 - alpha) times the plate)
carries the photo's own shadow at its own strength. That strip holds the photo's own jaw edge: sr_18's dark one
(131, 67, 38) at head alpha 0.84-0.02, lp_s1's light rim at alpha under 0.05. Where the jaw moves off it (sr_18
`edit --yaw 25`: up 8-10 px) or the neck's warp moves it elsewhere than the head (lp_s1 `edit --roll 20`), the
plate's share of that edge was left as a second jaw line beside the one the head layer carries. So the strip loses
its thin lines (a grey closing and opening down the columns, `LINE` face sizes tall: broad shading such as lp_s12's
beard shadow stays) by how far the head's map and the neck's read apart there: not at all while they read the same
pixel (a still frame is the photo), in full from `SLIP` face sizes apart. Tried: the plate round the strip
inpainted over it (`kept_photo`'s way): from the hole's fill above, lp_s1's strip took the wall's light grey; from
the photo's person below only, lp_s12's took his white collar (a white smear under the raised chin).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

if TYPE_CHECKING:
    from facereel.engines.mesh.geometry.head_proxy import HeadMask

STRIP = 0.5
"""`HeadMask.photo` from which the plate's pixel is the chin's kept photo."""
LINE = 0.015
"""Face sizes: the tallest line taken out of the strip, each way from its middle (sr_18's dark jaw edge 4-5 px tall at
512 px, lp_s1's light rim 1-2)."""
SLIP = 0.01
"""Face sizes between the head's and the neck's reads from which the strip's lines are out in full (2 px at 512 px:
the photo's jaw edge is 2-5 px tall)."""


def strip_step(plate: np.ndarray, mask: HeadMask, box: tuple[slice, slice], face_px: float) -> np.ndarray | None:
    """(n, m, 3) float32 on the neck's `box` (rows, columns of the crop): the neck's `plate` ((h, w, 3) float32, the
    crop's) with its thin lines down the columns taken out (`LINE`) less that plate, blurred along its lines by a
    line's reach (`along_lines`: column by column the lines taken out of a grainy strip, lp_s12's beard shadow, drew
    vertical streaks), on the chin's kept photo
    (`HeadMask.photo` over `STRIP`, on the person farther than a line's reach from its edge: a line beside the
    background is the person's own outline), 0 elsewhere; None where there is none. face_px: the face size, px."""
    reach = max(1, round(LINE * face_px))
    inside = cv2.erode((mask.person > 0.5).astype(np.uint8), np.ones((2 * reach + 1,) * 2, np.uint8)) > 0
    strip = (mask.photo[box] > STRIP) & inside[box]
    if not strip.any():
        return None
    part = np.ascontiguousarray(plate[box])
    column = np.ones((2 * reach + 1, 1), np.uint8)
    plain = cv2.morphologyEx(cv2.morphologyEx(part, cv2.MORPH_CLOSE, column), cv2.MORPH_OPEN, column)
    step = np.where(strip[..., None], plain - part, 0.0).astype(np.float32)
    return along_lines(step, reach) * strip[..., None]


def along_lines(step: np.ndarray, reach: int) -> np.ndarray:
    """(n, m, 3) float32: `step` ((n, m, 3) float32) blurred along a line `reach` px sigma, at each pixel along the
    row or either diagonal, whichever leaves it closest to its own value (a line taken out of the strip keeps its
    step blurred along itself: lp_s1's light rim runs down the jaw's side at about 45 degrees, and blurred along the
    rows only ~2/3 of it was taken out; beside a line along the rows a diagonal would smear its step over the skin
    there, sr_18's jaw edge)."""
    weights = cv2.getGaussianKernel(6 * reach + 1, float(reach))[:, 0].astype(np.float32)
    kernels = (weights[None, :], np.diag(weights), np.fliplr(np.diag(weights)))
    blurred = np.stack([cv2.filter2D(step, -1, k, borderType=cv2.BORDER_REFLECT) for k in kernels])
    best = np.abs(blurred - step).sum(axis=3).argmin(axis=0)
    return np.take_along_axis(blurred, best[None, ..., None], axis=0)[0]


def slip_unit(face_px: float) -> np.float32:
    """px: `SLIP` face sizes (face_px: the face size, px) as the float32 the lengths are divided by. The share of the
    strip's lines taken out at a pixel is the length of the head's map minus the neck's read there over it, clipped
    to [0, 1]; the draw computes it in `draw_kernels.neck_read`'s pass (its numpy statement:
    tests/mesh/test_exact_speedups.py)."""
    return np.float32(SLIP * face_px)
