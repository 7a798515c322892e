"""Clip gap: how far a small face in a video source is drawn from the same clip animated at full size (issue #12).

A video source's frames were drawn by plain `MeshAnimator`s (`frame_setup.VideoFrameAnimators`), not by the engine a
still portrait's face gets (`choose_engine.mesh_animator`): a small face in a clip (sr_1 at 160 px on a 416 x 288
canvas, a 61 px face) was drawn at its own size, not upscaled (`small_face.UpscaledFace`). The yardstick is the clip
itself `factor` times as large (the small clip's window is that clip scaled back, an area mean), animated with the
same driver, each frame scaled back into the window (`figures.upscaled_gap.scaled_back`); `clip_gaps` reads
`group_alone.alone_gap` against it on the face's box: 0 when the small clip's face is drawn as the large one's is, the
clip repeated reads the motion's own change.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.group_alone import alone_gap, face_box
from facereel.engines.mesh.figures.upscaled_gap import scaled_back


def placed_back(clip: np.ndarray, large: np.ndarray, factor: int, at: tuple[int, int]) -> np.ndarray:
    """(H, W, 3) uint8: the clip frame `clip` ((H, W, 3) uint8) with its window at `at` (x, y) px replaced by the large
    clip's frame `large` ((h * factor, w * factor, 3) uint8) scaled back (`scaled_back`, an area mean)."""
    small = scaled_back(large, factor)
    out = clip.copy()
    out[at[1]:at[1] + small.shape[0], at[0]:at[0] + small.shape[1]] = small
    return out


def clip_gaps(frames: list[np.ndarray], large: list[np.ndarray], clip: list[np.ndarray], landmarks: list[np.ndarray],
              factor: int, at: tuple[int, int]) -> list[float]:
    """Grey levels, one a frame: `alone_gap` of each of `frames` ((H, W, 3) uint8, the small clip animated) against
    the same frame of `large` (the large clip animated, `placed_back` into `clip`'s frame at `at`), on the `face_box`
    of the small clip's face ((478, 3) px `landmarks`, one a frame)."""
    return [alone_gap(frame, placed_back(still, big, factor, at), still, face_box(points, still.shape))
            for frame, big, still, points in zip(frames, large, clip, landmarks)]
