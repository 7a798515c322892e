"""A rolled face drawn upright: the mesh engine run on the source turned about the face so its eyes are level, each
frame turned back.

The neck layer (`neck_layer.neck.NeckWarp`) works column by column: its hole end and collar line are per image column,
as under an upright neck. Along a rolled jaw its columns switch between a laid neck and a still one in axis-aligned
steps: lp_s1 rolled 30 deg (PIL `rotate(30)`, fill 235) `edit --pitch -10` showed a thin dark stepped "Z" line and a
pale lobe on the neck under the chin (faint rolled 15, strong at 38, none upright), lp_s3 rolled -32 `edit --yaw -10`
a pale arc on the wall beside the near cheek (docs/status.md, h29-fresh3's sweep (1) and (2)). Past
`face.roll.ROLL_LIMIT`, `Upright` turns the source by the face's roll (`face.roll.face_roll`) about the face's centre
onto a canvas that holds all of it (the corners beyond the photo its edge pixels carried on), animates there and turns
each frame's moved pixels back (Lanczos both ways); what did not move stays the source bit for bit. (The tracker finds
such a face on a level crop too, `FaceTracker.level`: on an axis-aligned one its jaw lay 3.7-4.0 px off.)
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.animator import FrameMap, MeshOptions
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.working_copy import WorkingCopy

INTERPOLATION = cv2.INTER_LANCZOS4
"""The turn's resampling, there and back (the eyes and lips at 4x as sharp as before, docs/mesh-engine.md "A rolled
face")."""


def turn(roll: float, centre: tuple[float, float], size: tuple[int, int]) -> tuple[np.ndarray, tuple[int, int]]:
    """((2, 3) float64 affine, (W', H')): the turn by `roll` deg about `centre` (x, y) px that levels the face on an
    image of `size` (W, H), shifted so the canvas (W', H') holds the whole turned image."""
    matrix = cv2.getRotationMatrix2D(centre, roll, 1.0)
    w, h = size
    corners = np.array([[0, 0, 1], [w, 0, 1], [0, h, 1], [w, h, 1]], np.float64) @ matrix.T
    low, high = np.floor(corners.min(0)), np.ceil(corners.max(0))
    matrix[:, 2] -= low
    return matrix, (int(high[0] - low[0]), int(high[1] - low[1]))


class Upright(WorkingCopy):
    """`MeshAnimator`'s `draw` (`WorkingCopy`: `map_frame`, `render`, `options`, `warp_health`) for a face rolled
    `roll` deg (`face.roll.rolled`), drawn on the source turned upright (module docstring). source: (H, W, 3) uint8 RGB;
    landmarks: (478, 3) px of the source; region, under, carried: a face of several (`MeshAnimator`'s, (H, W) float32
    of the source), turned with it; like: a key frame's (`reused`)."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, options: MeshOptions, roll: float,
                 region: np.ndarray | None = None, under: np.ndarray | None = None,
                 carried: np.ndarray | None = None, like: Upright | None = None) -> None:
        self.source = np.ascontiguousarray(source)
        self.height, self.width = source.shape[:2]
        self.roll = roll
        if like is None:
            centre = np.asarray(landmarks, np.float64)[:, :2].mean(0)
            self._to_copy, self._size = turn(roll, (float(centre[0]), float(centre[1])), (self.width, self.height))
        else:  # the key frame's turn, so its crop box and masks lie on this canvas
            self._to_copy, self._size = like._to_copy, like._size
        self._to_source = cv2.invertAffineTransform(self._to_copy)
        self._copy = self._turned(self.source, self._to_copy, self._size, INTERPOLATION)
        self.inner = self._animator(self._copy, landmarks, options,
                                    {"region": region, "under": under, "carried": carried}, like)
        self.box = self._box_on_source()

    def reused(self, source: np.ndarray, landmarks: np.ndarray) -> Upright:
        """`WorkingCopy.reused`: `source` turned as this one's source was (the key frame's roll and centre)."""
        return Upright(source, landmarks, self.options, self.roll, like=self)

    @staticmethod
    def _turned(image: np.ndarray, matrix: np.ndarray, size: tuple[int, int], interpolation: int) -> np.ndarray:
        """`image` ((h, w, ...)) taken by the affine `matrix` onto a canvas of `size` (W', H'), its edge carried on."""
        return cv2.warpAffine(image, matrix, size, flags=interpolation, borderMode=cv2.BORDER_REPLICATE)

    def _box_on_source(self) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) px of the source: the inner engine's crop box turned back, its bounds within the
        source."""
        x0, y0, x1, y1 = self.inner.box
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], np.float64) @ self._to_source.T
        low, high = np.floor(corners.min(0)).astype(int), np.ceil(corners.max(0)).astype(int)
        return (max(int(low[0]), 0), max(int(low[1]), 0), min(int(high[0]), self.width),
                min(int(high[1]), self.height))

    def on_copy(self, landmarks: np.ndarray) -> np.ndarray:
        """(478, 3) float32 px on the turned canvas of (478, 3) px `landmarks` of the source (z kept: a turn in the
        image's plane)."""
        out = np.array(landmarks, np.float32)
        out[:, :2] = out[:, :2] @ self._to_copy[:, :2].T.astype(np.float32) + self._to_copy[:, 2].astype(np.float32)
        return out

    def field_on_copy(self, field: np.ndarray) -> np.ndarray:
        """(H', W') float32: the (H, W) float32 map `field` of the source turned onto the canvas (bilinear)."""
        return self._turned(field, self._to_copy, self._size, cv2.INTER_LINEAR)

    def on_source(self, crop: np.ndarray, copy: np.ndarray | None = None) -> np.ndarray:
        """(h, w, ...) float32 on `box`: `crop` ((h', w', ...) float32 on the inner engine's crop box of the canvas),
        laid on `copy` ((H', W', ...) the canvas's; None: 0) and turned back (bilinear)."""
        whole = np.zeros(self._copy.shape[:2] + crop.shape[2:], np.float32) if copy is None else copy.copy()
        x0, y0, x1, y1 = self.inner.box
        whole[y0:y1, x0:x1] = crop
        back = cv2.warpAffine(whole, self._to_source, (self.width, self.height), flags=cv2.INTER_LINEAR)
        return back[self.box[1]:self.box[3], self.box[0]:self.box[2]]

    def draw(self, frame: FrameMap, body: np.ndarray | None = None, driver: DriverFrame | None = None) -> np.ndarray:
        """(H, W, 3) uint8 RGB: the source with the canvas's moved pixels turned back (each source pixel its moved
        share of the turned frame over its own colour). body: unused (body following warps the whole frame's torso:
        not turned, `choose_engine`)."""
        drawn = self.inner.draw(frame, None, driver)
        moved = (drawn != self._copy).any(2).astype(np.float32)  # (H', W'): the engine leaves the rest as given
        size = (self.width, self.height)
        share = cv2.warpAffine(moved, self._to_source, size, flags=cv2.INTER_LINEAR)[..., None]
        colour = cv2.warpAffine(drawn, self._to_source, size, flags=INTERPOLATION).astype(np.float32)
        out = self.source.astype(np.float32)
        return np.clip(np.rint(share * colour + (1 - share) * out), 0, 255).astype(np.uint8)
