"""The mesh engine run on a working copy of the source (upscaled, extended past its border): `options`, the
per-frame `warp_health`, `map_frame` and `render` read through to the `MeshAnimator` on the copy (figures read it as
`inner`); `small_face.UpscaledFace` and `cut_neck.Extended` give `on_copy`, which takes landmarks to the copy's px,
`field_on_copy`, which takes a map of the source's px there (a face of several: its `region`, `under`, `carried`),
`draw`, which takes each frame back to the source's own pixels, and `on_source`, which takes a map of the copy's crop
box back to `box` on the source (`drawn_alpha`, `drawn_layer`: what `group.FaceGroup` lays the faces by), and
`reused`, the same copy made of a later frame of a video with this one's setup (`frame_setup.VideoFrameAnimators`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from facereel.engines.mesh.animator import FrameMap, MeshAnimator, MeshOptions
from facereel.engines.mesh.geometry.head_proxy import HeadMask
from facereel.engines.mesh.open_mouth.mouth import DriverFrame


class WorkingCopy:
    """`MeshAnimator`'s interface for an engine (`inner`) that works on a copy of the source (module docstring).
    box: (x0, y0, x1, y1) px of the source, where `drawn_alpha` and `drawn_layer` lie (`MeshAnimator.box`'s)."""

    inner: MeshAnimator
    box: tuple[int, int, int, int]
    source_landmarks: np.ndarray
    """(478, 3) float32 px of the source: the face's landmarks as given (`MeshAnimator.source_landmarks`'s)."""

    @property
    def options(self) -> MeshOptions:
        """The engine's options."""
        return self.inner.options

    @property
    def mask(self) -> HeadMask:
        """The inner engine's head mask (`MeshAnimator.mask`; the key's own object on a reused setup)."""
        return self.inner.mask

    @property
    def warp_health(self) -> float:
        """`MeshAnimator.warp_health` of the last frame (a share: the same on the copy)."""
        return self.inner.warp_health

    @property
    def outline_past_head(self) -> float:
        """`MeshAnimator.outline_past_head` of the last frame (face sizes: the same on the copy)."""
        return self.inner.outline_past_head

    def on_copy(self, landmarks: np.ndarray) -> np.ndarray:
        """(478, 3) float32: (478, 3) `landmarks` px of the source in the copy's px."""
        raise NotImplementedError

    def field_on_copy(self, field: np.ndarray) -> np.ndarray:
        """(H', W') float32 on the copy: the (H, W) float32 map `field` of the source's px carried there."""
        raise NotImplementedError

    def on_source(self, crop: np.ndarray, copy: np.ndarray | None = None) -> np.ndarray:
        """(h, w, ...) float32 on `box`: `crop` ((h', w', ...) float32 on the inner engine's crop box) on the source's
        px; copy: (H', W', ...) what lies round that box on the copy (None: 0)."""
        raise NotImplementedError

    def reused(self, source: np.ndarray, landmarks: np.ndarray) -> WorkingCopy:
        """The same working copy (its size, offset, turn, rows and sides added) of `source`, a later (H, W, 3) uint8
        frame of the same video where the face ((478, 3) px `landmarks`) stands nearly where it stood here, its inner
        engine made with this one's crop box, head mask and plate fill (`MeshAnimator(like=)`)."""
        raise NotImplementedError

    def _animator(self, copy: np.ndarray, landmarks: np.ndarray, options: MeshOptions | None,
                  shares: Mapping[str, np.ndarray | None], like: WorkingCopy | None = None,
                  **copy_side: Any) -> MeshAnimator:
        """The inner engine on the (H', W', 3) uint8 `copy` for (478, 3) `landmarks` px of the source (kept as
        `source_landmarks`). shares: `MeshAnimator`'s `region`, `under`, `carried` of a face of several ((H, W)
        float32 of the source; None: none), each carried onto the copy (`field_on_copy`); like: the key frame's
        copy (`reused`; its inner engine is the inner's `like`); copy_side: `MeshAnimator`'s keywords already of the
        copy (`soft`, `segment`)."""
        self.source_landmarks = np.asarray(landmarks, np.float32)
        carried = {name: None if field is None else self.field_on_copy(np.asarray(field, np.float32))
                   for name, field in shares.items()}
        return MeshAnimator(copy, self.on_copy(landmarks), options, like=None if like is None else like.inner,
                            **carried, **copy_side)

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

    def drawn_alpha(self, window: tuple[slice, slice] | None = None) -> np.ndarray:
        """(h, w) float32 in [0, 1] on `box`: `MeshAnimator.drawn_alpha` of the copy on the source's px. window:
        (rows, columns) of the box, with starts: only that part (None: all)."""
        return self.on_source(self.inner.drawn_alpha())[_whole(window)]

    def drawn_layer(self, window: tuple[slice, slice] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """((h, w, 3) float32, (h, w, 3) float32) on `box`: `MeshAnimator.drawn_layer` of the copy (the head
        premultiplied, the plate) on the source's px. window: as `drawn_alpha`'s."""
        head, plate = self.inner.drawn_layer()
        return (self.on_source(head)[_whole(window)],
                self.on_source(plate, self.inner.source.astype(np.float32))[_whole(window)])


def _whole(window: tuple[slice, slice] | None) -> tuple[slice, slice]:
    """`window`, or every row and column."""
    return window or (slice(None), slice(None))
