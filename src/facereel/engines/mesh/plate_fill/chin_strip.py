"""The photo the plate keeps behind the chin's soft lower edge, laid over with the neck round it where the head's
fringe no longer lies on it (issue #9, the doubled jaw line).

Below the jaw line's middle the plate is the photo, not the hole's fill (`HeadMask.photo`, from
`chin_outline.soften_chin`), so that the head layer's soft fringe there (source minus (1 - alpha) times the plate)
carries the photo's own shadow at its own strength. That strip holds the photo's own jaw edge: sr_18's dark one
(131, 67, 38) at head alpha 0.84-0.02, lp_s1's light rim at alpha under 0.05. Where the jaw moves off it (sr_18
`edit --yaw 25`: up 8-10 px) or the neck's warp moves it elsewhere than the head (lp_s1 `edit --roll 20`), the
plate's share of that edge was left as a second jaw line beside the one the head layer carries. So the strip takes
the plate round it (inpainted, as `kept_photo`'s pixels) by how far the head's map and the neck's read apart there:
not at all while they read the same pixel (a still frame is the photo), in full from `SLIP` face sizes apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.plate_fill.kept_photo import INPAINT_PX, inpainted

if TYPE_CHECKING:
    from facereel.engines.mesh.geometry.head_proxy import HeadMask

STRIP = 0.5
"""`HeadMask.photo` from which the plate's pixel is the chin's kept photo."""
SLIP = 0.01
"""Face sizes between the head's and the neck's reads from which the strip is the plate round it in full (2 px at
512 px: the photo's jaw edge is 2-4 px tall)."""


def strip_step(plate: np.ndarray, mask: HeadMask, hole: np.ndarray, box: tuple[slice, slice]) -> np.ndarray | None:
    """(n, m, 3) float32 on the neck's `box` (rows, columns of the crop): the photo's own neck round the chin's kept
    photo carried over it (inpainted from the plate's pixels on the person outside the `hole` ((h, w), nonzero
    inside), not from the hole's fill above it: lp_s1's is the wall's light grey there) less the neck's `plate` ((h, w, 3) float32, the
    crop's), on the kept photo (`HeadMask.photo` over `STRIP`, on the person farther than the inpainting's reach
    from its edge: beside the background the photo round it is the wall), 0 elsewhere; None where there is none."""
    reach = 2 * INPAINT_PX + 1
    inside = cv2.erode((mask.person > 0.5).astype(np.uint8), np.ones((2 * reach + 1,) * 2, np.uint8)) > 0
    strip = (mask.photo[box] > STRIP) & inside[box]
    if not strip.any():
        return None
    part = np.ascontiguousarray(plate[box])
    unknown = strip | (hole[box] > 0) | (mask.person[box] <= 0.5)
    return np.where(strip[..., None], inpainted(part, unknown) - part, 0.0).astype(np.float32)


def slip_share(head_reads: np.ndarray, neck_reads: np.ndarray, face_px: float) -> np.ndarray:
    """(n, m, 1) float32 in [0, 1]: how far each pixel's head map (`head_reads`, (n, m, 2) crop px) and the neck's
    read (`neck_reads`, the same) lie apart, in `SLIP` face sizes (face_px: the face size, px)."""
    apart = np.linalg.norm(head_reads - neck_reads, axis=2)
    return np.clip(apart / (SLIP * face_px), 0, 1)[..., None].astype(np.float32)
