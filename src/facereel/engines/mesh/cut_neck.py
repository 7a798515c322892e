"""A neck the frame cuts off: the source extended below its bottom row by its last row, so the neck layer finds one.

The neck layer (`neck_layer.neck.NeckWarp`) lays the photo's neck from the moved jaw down to its collar line,
`NECK_LENGTH` face sizes below the chin, and mirrors the neck's skin below the plate's hole up under a raised chin.
A selfie cut at the chin has no such rows: lp_s1 cut so her chin touches the bottom (x 150-850, y 0-735) x lp_d12
90-150 found no neck in the columns under the chin (the hole ran to the frame's last rows), so nothing stretched and
the plate's fallback tone (the chin's skin shaded, its highlight mirrored down) showed under the raised chin as a
flat salmon rectangle with straight sides (frame 17, x 300-400, y 678-718; `figures.tone_patch.TonePatch.straight_step`,
`bench/cut_neck.py`). Here the engine works on the source with its last row carried on down (the neck going on as it
leaves the frame; blurred along the row more with each row down, `SPREAD`) until `NECK_ROOM` below the chin is
inside, and each frame is cut back to the source's rows: what nothing moved is the source bit for bit.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from facereel.engines.mesh.animator import FrameMap, MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.neck_layer.neck import NECK_LENGTH
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.working_copy import WorkingCopy
from facereel.face import landmark_ids as ids

NECK_ROOM = NECK_LENGTH + 0.02
"""Face sizes below the chin landmark that the neck layer needs in the frame: its collar line and a little. sr_8 (0.32
below its chin) is not extended; lp_s1 cut at her chin (0.016) is, by 107 rows."""

SPREAD = 0.5
"""Px along the row per row below the frame: the last row carried down is blurred this much more each row."""


def rows_below(landmarks: np.ndarray, height: int) -> int:
    """Rows (0: none) by which a frame `height` px high is extended below for the face of (478, 2+) px `landmarks`:
    up to `NECK_ROOM` face sizes below its chin."""
    return max(0, math.ceil(float(landmarks[ids.CHIN, 1]) + NECK_ROOM * face_size(landmarks) - height))


def _rows_on(last: np.ndarray, rows: int) -> np.ndarray:
    """(rows, W, 3) uint8: the frame's last row ((W, 3) uint8 RGB) carried on down, blurred along itself by `SPREAD`
    px per row down (no streaks where the neck is pulled up from far below)."""
    line = last[None].astype(np.float32)
    out = [cv2.GaussianBlur(line, (0, 0), sigmaX=max(0.5, SPREAD * k), sigmaY=1e-3, borderType=cv2.BORDER_REPLICATE)
           for k in range(1, rows + 1)]
    return np.clip(np.rint(np.vstack(out)), 0, 255).astype(np.uint8)


class ExtendedBelow(WorkingCopy):
    """`MeshAnimator`'s `draw` (`WorkingCopy`: `map_frame`, `render`, `options`, `warp_health`) for a face whose
    neck the frame's bottom cuts off, drawn on the source extended `rows` below (module docstring). source: (H, W, 3)
    uint8 RGB; landmarks: (478, 3) px (the same on the extended source: it grows below only)."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, options: MeshOptions, rows: int) -> None:
        self.height = source.shape[0]
        extended = np.vstack([source, _rows_on(source[-1], rows)])
        self.inner = MeshAnimator(extended, landmarks, options)

    def draw(self, frame: FrameMap, body: np.ndarray | None = None, driver: DriverFrame | None = None) -> np.ndarray:
        """(H, W, 3) uint8 RGB: the extended source's frame cut back to the source's rows. body: unused (body following
        warps the whole frame's torso: not extended, `choose_engine`)."""
        return np.ascontiguousarray(self.inner.draw(frame, None, driver)[:self.height])
