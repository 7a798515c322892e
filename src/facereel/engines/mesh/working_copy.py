"""The mesh engine run on a working copy of the source (upscaled, extended past its border): `options`, the
per-frame `warp_health`, `map_frame` and `render` read through to the `MeshAnimator` on the copy (figures read it as
`inner`); `small_face.UpscaledFace` and `cut_neck.Extended` give `on_copy`, which takes landmarks to the copy's px,
and `draw`, which takes each frame back to the source's own pixels."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import FrameMap, MeshAnimator, MeshOptions
from facereel.engines.mesh.open_mouth.mouth import DriverFrame


class WorkingCopy:
    """`MeshAnimator`'s interface for an engine (`inner`) that works on a copy of the source (module docstring)."""

    inner: MeshAnimator

    @property
    def options(self) -> MeshOptions:
        """The engine's options."""
        return self.inner.options

    @property
    def warp_health(self) -> float:
        """`MeshAnimator.warp_health` of the last frame (a share: the same on the copy)."""
        return self.inner.warp_health

    def on_copy(self, landmarks: np.ndarray) -> np.ndarray:
        """(478, 3) float32: (478, 3) `landmarks` px of the source in the copy's px."""
        raise NotImplementedError

    def map_frame(self, target_landmarks: np.ndarray) -> FrameMap:
        """`MeshAnimator.map_frame` for (478, 3) target landmarks px of the source (its map is the copy's)."""
        return self.inner.map_frame(self.on_copy(target_landmarks))

    def draw(self, frame: FrameMap, body: np.ndarray | None = None, driver: DriverFrame | None = None) -> np.ndarray:
        """(H, W, 3) uint8 RGB: the frame on the source's own pixels."""
        raise NotImplementedError

    def render(self, target_landmarks: np.ndarray, body: np.ndarray | None = None,
               driver: DriverFrame | None = None) -> np.ndarray:
        """One output frame, (H, W, 3) uint8 RGB (`map_frame`, then `draw`)."""
        return self.draw(self.map_frame(target_landmarks), body, driver)
