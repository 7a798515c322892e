"""A rolled face drawn upright: the mesh engine run on the source turned about the face so its eyes are level, each
frame turned back.

The neck layer (`neck_layer.neck.NeckWarp`) works column by column: its hole end and collar line are per image column,
as under an upright neck. Along a rolled jaw its columns switch between a laid neck and a still one in axis-aligned
steps: lp_s1 rolled 30 deg (PIL `rotate(30)`, fill 235) `edit --pitch -10` showed a thin dark stepped "Z" line and a
pale lobe on the neck under the chin (faint rolled 15, strong at 38, none upright), lp_s3 rolled -32 `edit --yaw -10`
a pale arc on the wall beside the near cheek (docs/status.md, h29-fresh3's sweep (1) and (2)). Past
`face.roll.ROLL_LIMIT`, `Upright` turns the source by the face's roll (`face.roll.face_roll`) about the face's centre
onto a canvas that holds all of it (the corners beyond the photo its edge pixels carried on), animates there and turns
each frame's moved pixels back (Lanczos both ways; on the box they reach only, as the whole frame's turn bit for bit,
`warp_maps`); what did not move stays the source bit for bit. (The tracker finds
such a face on a level crop too, `FaceTracker.level`: on an axis-aligned one its jaw lay 3.7-4.0 px off.) A small
face (under `SMALL_FACE_PX`) is upscaled on the upright canvas (`small_face.UpscaledFace` as the inner engine): upscaled
as it lay, on its side, it was drawn lying (a dark gap for lp_s1 at 1/8's open mouth, `figures.turned_back.
upright_gap`).
"""

from __future__ import annotations

import functools

import cv2
import numpy as np

from facereel.engines.mesh.animator import FrameMap, MeshAnimator, MeshOptions
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.small_face import UpscaledFace, working_box
from facereel.engines.mesh.working_copy import WorkingCopy

INTERPOLATION = cv2.INTER_LANCZOS4
"""The turn's resampling, there and back (the eyes and lips at 4x as sharp as before, docs/mesh-engine.md "A rolled
face")."""
REACH = 2
"""px of the source: how far past the turned-back bounds of a frame's moved pixels their turn reaches (the share's
bilinear neighbour, 1 px, and the bounds' rounding); `Upright.draw` turns back only that box."""
REMAP_ROW = 4096
"""Samples a row of `remap_at`'s maps."""
INTER_BITS = 5
"""OpenCV's `INTER_BITS`: `cv2.remap`'s fixed-point maps hold a sample's position in 1/32 px."""
AB_BITS = 10
"""`cv2.warpAffine`'s fixed point, 1/1024 px, in which it sums a row's and a column's share of a sample's position."""


def warp_maps(matrix: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """((h, w, 2) int16, (h, w) uint16): `cv2.remap`'s fixed-point maps (whole px, then the 1/32 px fraction, y's
    then x's bits) of the px of `box` ((x0, y0, x1, y1) of the destination) for `cv2.warpAffine(image, matrix, ...)`
    ((2, 3) float64 affine, the image onto the destination), rounded at the same steps as it rounds them, so a
    `remap` of the box is that whole warp's box bit for bit (its rows' and columns' shares rounded apart, each
    1/1024 px: a warp of the box alone, the affine shifted, rounds them otherwise, up to 3 levels off)."""
    inverse = cv2.invertAffineTransform(matrix)  # as warpAffine inverts it
    scale, step = 1 << AB_BITS, (1 << INTER_BITS) - 1
    columns, rows = np.arange(box[0], box[2]), np.arange(box[1], box[3])
    across = np.rint(inverse[:, :1] * columns * scale).astype(np.int64)  # (2, w)
    down = np.rint((inverse[:, 1:2] * rows + inverse[:, 2:]) * scale).astype(np.int64) + (scale >> INTER_BITS >> 1)
    x, y = (down[:, :, None] + across[:, None, :]) >> (AB_BITS - INTER_BITS)  # (h, w) each, 1/32 px
    whole = np.stack([x >> INTER_BITS, y >> INTER_BITS], -1).astype(np.int16)
    return whole, (((y & step) << INTER_BITS) | (x & step)).astype(np.uint16)


def remap_at(image: np.ndarray, whole: np.ndarray, fraction: np.ndarray, interpolation: int) -> np.ndarray:
    """(n, C) of `image` ((H, W, C)): `cv2.remap` at n samples, (n, 2) int16 `whole` and (n,) uint16 `fraction`
    (`warp_maps`' at chosen px; laid in rows of `REMAP_ROW`, remap's rows being shorter than 32767 samples)."""
    n = len(fraction)
    rows = -(-n // REMAP_ROW)
    if rows == 0:
        return np.empty((0, image.shape[2]), image.dtype)
    pad = rows * REMAP_ROW - n
    whole = np.pad(whole, ((0, pad), (0, 0))).reshape(rows, REMAP_ROW, 2)
    fraction = np.pad(fraction, (0, pad)).reshape(rows, REMAP_ROW)
    return cv2.remap(image, whole, fraction, interpolation).reshape(-1, image.shape[2])[:n]


def moved(drawn: np.ndarray, given: np.ndarray) -> np.ndarray:
    """(h, w) uint8, 1 where (h, w, 3) uint8 `drawn` differs from `given` in any channel, else 0."""
    differs = functools.reduce(cv2.bitwise_or, cv2.split(cv2.absdiff(drawn, given)))
    return cv2.threshold(differs, 0, 1, cv2.THRESH_BINARY)[1]


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
        self.inner = self._inner(landmarks, options, {"region": region, "under": under, "carried": carried}, like)
        self.box = self._on_source_bounds(self.inner.box)
        self._box_maps = warp_maps(self._to_source, self.box)

    def _inner(self, landmarks: np.ndarray, options: MeshOptions, shares: dict[str, np.ndarray | None],
               like: Upright | None) -> MeshAnimator | UpscaledFace:
        """The engine on the upright canvas for (478, 3) px `landmarks` of the source: `small_face.UpscaledFace` for a
        small face (`small_face.working_box` on the canvas, where its crop box stands upright; a key frame's own kind
        on a reused setup), else the `MeshAnimator` (`WorkingCopy._animator`). shares: as `_animator`'s."""
        upright = self.on_copy(landmarks)
        if like is not None and isinstance(like.inner, UpscaledFace):
            self.source_landmarks = np.asarray(landmarks, np.float32)
            return like.inner.reused(self._copy, upright)
        working = working_box(self._copy, upright, options) if like is None else None
        if working is None:
            return self._animator(self._copy, landmarks, options, shares, like)
        self.source_landmarks = np.asarray(landmarks, np.float32)
        carried = {name: None if field is None else self.field_on_copy(np.asarray(field, np.float32))
                   for name, field in shares.items()}
        return UpscaledFace(self._copy, upright, options, *working, **carried)

    def reused(self, source: np.ndarray, landmarks: np.ndarray) -> Upright:
        """`WorkingCopy.reused`: `source` turned as this one's source was (the key frame's roll and centre)."""
        return Upright(source, landmarks, self.options, self.roll, like=self)

    @staticmethod
    def _turned(image: np.ndarray, matrix: np.ndarray, size: tuple[int, int], interpolation: int) -> np.ndarray:
        """`image` ((h, w, ...)) taken by the affine `matrix` onto a canvas of `size` (W', H'), its edge carried on."""
        return cv2.warpAffine(image, matrix, size, flags=interpolation, borderMode=cv2.BORDER_REPLICATE)

    def _on_source_bounds(self, box: tuple[int, int, int, int], reach: int = 0) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) px of the source: the bounds of `box` ((x0, y0, x1, y1) px of the canvas) turned back,
        grown by `reach` px, within the source."""
        x0, y0, x1, y1 = box
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], np.float64) @ self._to_source.T
        low = np.floor(corners.min(0)).astype(int) - reach
        high = np.ceil(corners.max(0)).astype(int) + reach
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
        laid on `copy` ((H', W', ...) the canvas's; None: 0) and turned back (bilinear) onto `box` only (`warp_maps`:
        the whole frame's turn there bit for bit)."""
        whole = np.zeros(self._copy.shape[:2] + crop.shape[2:], np.float32) if copy is None else copy.copy()
        x0, y0, x1, y1 = self.inner.box
        whole[y0:y1, x0:x1] = crop
        return cv2.remap(whole, *self._box_maps, cv2.INTER_LINEAR)

    def draw(self, frame: FrameMap, body: np.ndarray | None = None, driver: DriverFrame | None = None) -> np.ndarray:
        """(H, W, 3) uint8 RGB: the source with the canvas's moved pixels turned back (each source pixel its moved
        share of the turned frame over its own colour), on the box those pixels' turn reaches (`REACH`) and the
        colour where the share is not 0 only: the whole frame's turns bit for bit (`warp_maps`). body: unused
        (body following warps the whole frame's torso: not turned, `choose_engine`)."""
        drawn = self.inner.draw(frame, None, driver)
        x0, y0, x1, y1 = self.inner.box  # the engine leaves the rest of the canvas as given
        shift = moved(drawn[y0:y1, x0:x1], self._copy[y0:y1, x0:x1])
        out = self.source.copy()
        box = self._moved_box(shift)
        if box is None:
            return out
        whole, fraction = warp_maps(self._to_source, box)
        share = cv2.remap(shift.astype(np.float32), whole - np.int16([x0, y0]), fraction, cv2.INTER_LINEAR)
        at = share > 0
        colour = remap_at(drawn, whole[at], fraction[at], INTERPOLATION).astype(np.float32)
        cut = out[box[1]:box[3], box[0]:box[2]]
        part = share[at][:, None]
        cut[at] = np.clip(np.rint(part * colour + (1 - part) * cut[at]), 0, 255).astype(np.uint8)
        return out

    def _moved_box(self, shift: np.ndarray) -> tuple[int, int, int, int] | None:
        """(x0, y0, x1, y1) px of the source: where the turn of the (h, w) uint8 `shift` on the inner engine's crop
        box reaches (its non-zero px's bounds turned back, grown by `REACH`); None where none lies on the source."""
        mx, my, mw, mh = cv2.boundingRect(shift)
        x0, y0 = self.inner.box[:2]
        box = self._on_source_bounds((x0 + mx, y0 + my, x0 + mx + mw, y0 + my + mh), REACH)
        return box if mw > 0 and box[2] > box[0] and box[3] > box[1] else None
