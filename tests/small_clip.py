"""A small face in a video source (issue #12): a real clip scaled down whole onto a larger canvas, the same clip
`factor` times as large as the yardstick, both animated through `frame_setup.VideoFrameAnimators` on the small
clip's own track (the large one's landmarks and targets the same points scaled), for `tests/v2v/test_clip_copies.py`
and `bench/v2v_copies.py` (`figures.clip_alone` reads the one against the other)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.frame_setup import VideoFrameAnimators
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget_options import RetargetOptions
from facereel.motion.steady_source import steady_source
from facereel.motion.video_retarget import retarget_video

BACKDROP = 118
"""The canvas's grey level round the small clip."""


@dataclass
class SmallClip:
    """clip: the small clip's frames ((H, W, 3) uint8, the large clip's scaled back onto the canvas at `at`);
    large: the large clip's ((h * factor, w * factor, 3) uint8); meshes, targets: (T, 478, 3) float32 px of the
    small clip (`steady_source` of its track, retargeted)."""

    clip: list[np.ndarray]
    large: list[np.ndarray]
    factor: int
    at: tuple[int, int]
    meshes: np.ndarray
    targets: np.ndarray


def frames_of(video: Path, start: int, count: int) -> list[np.ndarray]:
    """Frames [start, start + count) of `video`, (H, W, 3) uint8 RGB."""
    with open_video(video) as source:
        return [frame for _, frame in zip(range(start + count), source.frames())][start:]


def small_clip(data: Path, name: str, start: int, count: int, size: int, factor: int, canvas: tuple[int, int],
               at: tuple[int, int], regions: str) -> SmallClip:
    """../shared/data's driving video `name`, frames [start, start + count) (square), at `size * factor` px (the
    large clip) and at `size` px (an area mean) on a (width, height) `canvas` of grey `BACKDROP` at `at` (x, y) px,
    driven by lp_d12's first `count` frames with `--regions` `regions` (as `animate -s` retargets)."""
    large = [cv2.resize(frame, (size * factor,) * 2, interpolation=cv2.INTER_AREA)
             for frame in frames_of(data / "driving" / name, start, count)]
    clip = []
    for frame in large:
        out = np.full((canvas[1], canvas[0], 3), BACKDROP, np.uint8)
        out[at[1]:at[1] + size, at[0]:at[0] + size] = cv2.resize(frame, (size, size), interpolation=cv2.INTER_AREA)
        clip.append(out)
    track = track_frames(clip, 24.0)
    motion = extract_motion(track_frames(frames_of(data / "driving" / "lp_d12.mp4", 0, count), 24.0))
    options = RetargetOptions(regions=frozenset(regions.split(",")))
    meshes, targets = steady_source(track, retarget_video(track, motion, options, np.arange(count)))
    return SmallClip(clip, large, factor, at, meshes, targets)


def on_large(points: np.ndarray, small: SmallClip) -> np.ndarray:
    """(..., 478, 3) float32: (..., 478, 3) px of the small clip in the large clip's px (pixel centres kept, as
    `cv2.resize` places them; z scaled alike)."""
    out = np.array(points, np.float32)
    out[..., :2] = (out[..., :2] - np.array(small.at, np.float32) + 0.5) * small.factor - 0.5
    out[..., 2] *= small.factor
    return out


def animated(frames: list[np.ndarray], meshes: np.ndarray, targets: np.ndarray,
             setups: VideoFrameAnimators | None = None) -> list[np.ndarray]:
    """Each of `frames` rendered by `setups` (default: the synthetic mouth, as a template drives a video source)
    on its (478, 3) px mesh, moved to its targets."""
    setups = setups or VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    return [setups(frame, mesh).render(target) for frame, mesh, target in zip(frames, meshes, targets)]
