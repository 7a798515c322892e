"""A small face drawn at a working size: the mesh engine run on its crop box upscaled, the frame scaled back.

Under `SMALL_FACE_PX` a face's few px make every stage's px-sized step a large share of it (the stretch limit's
floors, the head mask's and the plate's 1-px edges, the outline's skin, the rasterised map): lp_s3 at 1/4 (a 32 px
face) on a 1280 x 720 canvas, preset:turn, drew the near cheek as a pale blocky band (frames 10-13) and washed the jaw
below the chin into the neck (40-44), where the same picture upscaled 4x, animated and scaled back was clean
(docs/mesh-engine.md "A small face drawn at a working size"). `UpscaledFace` does that inside the engine: the crop
box the engine would work in (`crop_box.head_box`) is upscaled by a whole factor so the face is at least
`WORKING_FACE_PX`, animated there by a `MeshAnimator`, and each frame's moved pixels are scaled back (an area
mean) into a copy of the source; what did not move stays the source bit for bit.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from facereel.engines.mesh.animator import FrameMap, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.crop_box import head_box
from facereel.engines.mesh.geometry.stretch_limit import SMALL_FACE_PX
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_finish import softness
from facereel.engines.mesh.working_copy import WorkingCopy

WORKING_FACE_PX = 128.0
"""px: a face under `SMALL_FACE_PX` is drawn at least this size (lp_s3 at 1/4 on 1280 x 720, 31.8 px: 5x; at 1/3,
42.5 px: 4x); the size the floors were read best at (`stretch_limit.SMALL_FACE_PX`)."""
MAX_WORKING_PIXELS = 4_000_000
"""The upscaled crop's pixels at most (a box with no shift limit reaches the image's sides: the factor is lowered
to fit, and under 2 the face is drawn at its own size)."""


def working_box(source: np.ndarray, landmarks: np.ndarray, options: MeshOptions
                ) -> tuple[tuple[int, int, int, int], int] | None:
    """(the crop box (x0, y0, x1, y1) px, `working_scale`) for a face of (478, 3) px `landmarks` under
    `SMALL_FACE_PX` on (H, W, 3) uint8 `source` that is drawn upscaled (`UpscaledFace`); None for a face drawn at its
    own size."""
    face_px = face_size(landmarks)
    if face_px >= SMALL_FACE_PX:
        return None
    box = head_box(np.ascontiguousarray(source), np.asarray(landmarks, np.float32), options)[0]
    scale = working_scale(face_px, box)
    return (box, scale) if scale > 1 else None


def working_scale(face_px: float, box: tuple[int, int, int, int]) -> int:
    """The whole factor (1: none) a face of `face_px` px in the crop `box` (x0, y0, x1, y1) is drawn at."""
    if face_px >= SMALL_FACE_PX:
        return 1
    area = (box[2] - box[0]) * (box[3] - box[1])
    return max(1, min(math.ceil(WORKING_FACE_PX / face_px), math.floor(math.sqrt(MAX_WORKING_PIXELS / area))))


class UpscaledFace(WorkingCopy):
    """`MeshAnimator`'s `map_frame` / `draw` (`WorkingCopy`: `render`, `options` and `warp_health`, what the runs that
    take `choose_engine.mesh_animator`'s engine read) for a small face, drawn on its crop box upscaled `scale` times
    (module docstring); a figure reads the engine at work as `inner`. source: (H, W, 3) uint8 RGB; landmarks: (478, 3)
    px; box: (x0, y0, x1, y1) px, the crop box (`crop_box.head_box`); scale: the whole factor (>= 2); region, under,
    carried: a face of several (`MeshAnimator`'s, (H, W) float32 of the source), upscaled with the crop; like: a key
    frame's (`reused`)."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, options: MeshOptions,
                 box: tuple[int, int, int, int], scale: int, region: np.ndarray | None = None,
                 under: np.ndarray | None = None, carried: np.ndarray | None = None,
                 like: UpscaledFace | None = None) -> None:
        self.source = np.ascontiguousarray(source)
        self.box = box
        self.scale = scale
        self._offset = np.array(box[:2], np.float32)
        self._big = self._upscaled(self.source, cv2.INTER_CUBIC)
        # the photo's own softness round its mouth, not the upscaling's (`mouth_finish.softness`), read once
        self.soft = like.soft if like is not None else softness(self.source, landmarks) if options.mouth else None
        self.inner = self._animator(self._big, landmarks, options, {"region": region, "under": under,
                                                                    "carried": carried}, like, soft=self.soft)

    def reused(self, source: np.ndarray, landmarks: np.ndarray) -> UpscaledFace:
        """`WorkingCopy.reused`: `source`'s crop `box` upscaled `scale` times, the mouth's softness this one's."""
        return UpscaledFace(source, landmarks, self.options, self.box, self.scale, like=self)

    def on_copy(self, landmarks: np.ndarray) -> np.ndarray:
        """(478, 3) float32: `landmarks` px of the source in the upscaled crop's px (pixel centres kept, as
        `cv2.resize` places them; z, in px, scaled alike)."""
        out = np.array(landmarks, np.float32)
        out[:, :2] = (out[:, :2] - self._offset + 0.5) * self.scale - 0.5
        out[:, 2] *= self.scale
        return out

    def _upscaled(self, image: np.ndarray, interpolation: int) -> np.ndarray:
        """(kh, kw, ...): the crop `box` of `image` ((H, W, ...) of the source) upscaled `scale` times."""
        x0, y0, x1, y1 = self.box
        return cv2.resize(image[y0:y1, x0:x1], ((x1 - x0) * self.scale, (y1 - y0) * self.scale),
                          interpolation=interpolation)

    def field_on_copy(self, field: np.ndarray) -> np.ndarray:
        """(kh, kw) float32: the (H, W) float32 map `field` of the source on the upscaled crop (bilinear)."""
        return self._upscaled(field, cv2.INTER_LINEAR)

    def on_source(self, crop: np.ndarray, copy: np.ndarray | None = None) -> np.ndarray:
        """(h, w, ...) float32 on `box`: `crop` ((h', w', ...) float32 on the inner engine's crop box of the upscaled
        crop), laid on `copy` ((kh, kw, ...), the upscaled crop's; None: 0) and scaled back (an area mean)."""
        whole = np.zeros(self._big.shape[:2] + crop.shape[2:], np.float32) if copy is None else copy.copy()
        x0, y0, x1, y1 = self.inner.box
        whole[y0:y1, x0:x1] = crop
        return cv2.resize(whole, (self.box[2] - self.box[0], self.box[3] - self.box[1]), interpolation=cv2.INTER_AREA)

    def draw(self, frame: FrameMap, body: np.ndarray | None = None, driver: DriverFrame | None = None) -> np.ndarray:
        """(H, W, 3) uint8 RGB: the source with the crop's moved pixels scaled back (each source pixel the mean of
        its moved upscaled ones, weighted by their share, over the source's own pixel). body: always None here (a
        small face is upscaled only without body following, `choose_engine`), in the signature because the streamed
        runs draw either engine alike (`stream_video`, `DrivenPortrait.render`)."""
        drawn = self.inner.draw(frame, None, driver)
        moved = (drawn != self._big).any(2).astype(np.float32)  # (kh, kw): the engine leaves the rest as given
        x0, y0, x1, y1 = self.box
        size = (x1 - x0, y1 - y0)
        share = cv2.resize(moved, size, interpolation=cv2.INTER_AREA)[..., None]
        colour = cv2.resize(drawn.astype(np.float32) * moved[..., None], size, interpolation=cv2.INTER_AREA)
        out = self.source.copy()
        cut = out[y0:y1, x0:x1]
        cut[:] = np.clip(np.rint(colour + (1 - share) * cut), 0, 255).astype(np.uint8)
        return out

