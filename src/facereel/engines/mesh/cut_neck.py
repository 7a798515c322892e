"""A neck or hair the frame cuts off: the source extended below its bottom row by its last row, so the neck layer finds
a neck, and past a side cutting the hair by its side column, so the head layer keeps hair at the frame's edge.

The neck layer (`neck_layer.neck.NeckWarp`) lays the photo's neck from the moved jaw down to its collar line,
`NECK_LENGTH` face sizes below the chin, and mirrors the neck's skin below the plate's hole up under a raised chin.
A selfie cut at the chin has no such rows: lp_s1 cut so her chin touches the bottom (x 150-850, y 0-735) x lp_d12
90-150 found no neck in the columns under the chin (the hole ran to the frame's last rows), so nothing stretched and
the plate's fallback tone (the chin's skin shaded, its highlight mirrored down) showed under the raised chin as a
flat salmon rectangle with straight sides (frame 17, x 300-400, y 678-718; `figures.tone_patch.TonePatch.straight_step`,
`bench/cut_neck.py`). Here the engine works on the source with its last row carried on down (the neck going on as it
leaves the frame; blurred along the row more with each row down, `SPREAD`) until `NECK_ROOM` below the chin is
inside, and each frame is cut back to the source's rows: what nothing moved is the source bit for bit.

A photo that cuts the hair at its side is widened there the same way (`cut_side`); `Extended` draws both.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from facereel.engines.mesh.animator import FrameMap, MeshOptions
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


def carried_on(last: np.ndarray, rows: int) -> np.ndarray:
    """(rows, W, 3) uint8: the frame's last row ((W, 3) uint8 RGB; or a side column, `cut_side`) carried on down (out),
    blurred along itself by `SPREAD` px per row down (no streaks where the neck is pulled up from far below, nor where
    hair is spread along the rows)."""
    line = last[None].astype(np.float32)
    out = [cv2.GaussianBlur(line, (0, 0), sigmaX=max(0.5, SPREAD * k), sigmaY=1e-3, borderType=cv2.BORDER_REPLICATE)
           for k in range(1, rows + 1)]
    return np.clip(np.rint(np.vstack([line[:0], *out])), 0, 255).astype(np.uint8)


def extended(source: np.ndarray, rows: int, sides: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """(H + rows, left + W + right, 3) uint8: `source` (H, W, 3) uint8 RGB between the `sides` ((H, left, 3) and
    (H, right, 3) uint8), then its last row carried on down by `rows`."""
    wide = np.hstack([sides[0], source, sides[1]])
    return np.vstack([wide, carried_on(wide[-1], rows)])


class Extended(WorkingCopy):
    """`MeshAnimator`'s `draw` (`WorkingCopy`: `map_frame`, `render`, `options`, `warp_health`) for a face whose
    neck the frame's bottom or hair a side cuts off, drawn on the source extended `rows` below and by the `drawn`
    sides ((H, left, 3) and (H, right, 3) uint8, `cut_side.side_blocks`' grained) beside, its head's masks found on
    the source extended by the plain `sides` (module docstring). source: (H, W, 3) uint8 RGB; landmarks: (478, 3) px
    of the source; region, under, carried: a face of several (`MeshAnimator`'s, (H, W) float32 of the source),
    carried on past the cuts as their last row and columns; like: a key frame's (`reused`)."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, options: MeshOptions, rows: int,
                 sides: tuple[np.ndarray, np.ndarray], drawn: tuple[np.ndarray, np.ndarray],
                 region: np.ndarray | None = None, under: np.ndarray | None = None,
                 carried: np.ndarray | None = None, like: Extended | None = None) -> None:
        self.height, self.width = source.shape[:2]
        self.rows, self.sides, self.drawn = rows, sides, drawn
        self._widths = ((0, rows), (sides[0].shape[1], sides[1].shape[1]))  # rows added (above, below), columns
        self.left = sides[0].shape[1]
        segment = extended(source, rows, sides) if like is None else None  # a reused setup keeps its key's masks
        self.inner = self._animator(extended(source, rows, drawn), landmarks, options,
                                    {"region": region, "under": under, "carried": carried}, like, segment=segment)
        x0, y0, x1, y1 = self.inner.box
        self.box = (max(x0 - self.left, 0), y0, min(x1 - self.left, self.width), min(y1, self.height))

    def reused(self, source: np.ndarray, landmarks: np.ndarray) -> Extended:
        """`WorkingCopy.reused`: `source` extended by this one's rows and side blocks (found on the key frame: the
        face barely moved, so its cut columns and the wall beside them barely changed)."""
        return Extended(source, landmarks, self.options, self.rows, self.sides, self.drawn, like=self)

    def on_copy(self, landmarks: np.ndarray) -> np.ndarray:
        """(478, 3) float32 px on the extended source of (478, 3) px `landmarks` of the source (moved right by the
        columns added on the left)."""
        moved = np.array(landmarks, np.float32)
        moved[:, 0] += self.left
        return moved

    def field_on_copy(self, field: np.ndarray) -> np.ndarray:
        """(H + rows, left + W + right) float32: the (H, W) map `field` carried on past the cuts (its edge values)."""
        return np.pad(field, self._widths, mode="edge")

    def on_source(self, crop: np.ndarray, copy: np.ndarray | None = None) -> np.ndarray:
        """(h, w, ...) float32 on `box`: the part of `crop` ((h', w', ...) float32 on the inner engine's crop box of
        the extended source) within the source (copy: unused, `box` lies within that crop box)."""
        x0, y0 = self.inner.box[:2]
        left = self.box[0] + self.left - x0
        return crop[self.box[1] - y0:self.box[3] - y0, left:left + self.box[2] - self.box[0]]

    def draw(self, frame: FrameMap, body: np.ndarray | None = None, driver: DriverFrame | None = None) -> np.ndarray:
        """(H, W, 3) uint8 RGB: the extended source's frame cut back to the source's rows and columns. body: unused
        (body following warps the whole frame's torso: not extended, `choose_engine`)."""
        drawn = self.inner.draw(frame, None, driver)
        return np.ascontiguousarray(drawn[:self.height, self.left:self.left + self.width])
