"""The mesh engine run on a working copy of the source (upscaled, extended past its border): `options`, the
per-frame `warp_health`, `map_frame` and `render` read through to the `MeshAnimator` on the copy (figures read it as
`inner`); `small_face.UpscaledFace` (its own `map_frame` too) and `cut_neck.ExtendedBelow` give `draw`, which takes
each frame back to the source's own pixels."""

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

    def map_frame(self, target_landmarks: np.ndarray) -> FrameMap:
        """`MeshAnimator.map_frame` for (478, 3) target landmarks px of the source (as given: a copy whose px are the
        source's; `UpscaledFace` scales them)."""
        return self.inner.map_frame(target_landmarks)

    def draw(self, frame: FrameMap, body: np.ndarray | None = None, driver: DriverFrame | None = None) -> np.ndarray:
        """(H, W, 3) uint8 RGB: the frame on the source's own pixels."""
        raise NotImplementedError

    def render(self, target_landmarks: np.ndarray, body: np.ndarray | None = None,
               driver: DriverFrame | None = None) -> np.ndarray:
        """One output frame, (H, W, 3) uint8 RGB (`map_frame`, then `draw`)."""
        return self.draw(self.map_frame(target_landmarks), body, driver)
