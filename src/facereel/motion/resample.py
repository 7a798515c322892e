"""Frame-rate conversion of a `Motion` (e.g. to the A1 model's 12 fps), keeping its duration."""

from __future__ import annotations

import numpy as np
from scipy.spatial.transform import Rotation, Slerp

from facereel.motion.motion import Motion


def output_times(num_frames: int, fps_in: float, fps_out: float) -> np.ndarray:
    """Timestamps (s) of the output frames covering num_frames / fps_in seconds at fps_out."""
    count = max(1, int(np.floor(num_frames * fps_out / fps_in + 1e-6)))
    return np.arange(count) / fps_out


def resample(motion: Motion, fps: float) -> Motion:
    """Motion at `fps`: linear interpolation of offsets, slerp of rotations, nearest validity."""
    if abs(fps - motion.fps) < 1e-9:
        return motion
    src_t = np.arange(len(motion)) / motion.fps
    t = np.clip(output_times(len(motion), motion.fps, fps), 0, src_t[-1])

    def lerp(a: np.ndarray) -> np.ndarray:
        flat = a.reshape(len(a), -1)
        out = np.stack([np.interp(t, src_t, flat[:, k]) for k in range(flat.shape[1])], axis=1)
        return out.reshape((len(t),) + a.shape[1:]).astype(np.float32)

    nearest = np.clip(np.rint(t * motion.fps).astype(int), 0, len(motion) - 1)
    if len(motion) > 1:
        rotation = Slerp(src_t, Rotation.from_matrix(motion.rotation))(t).as_matrix().astype(np.float32)
    else:
        rotation = np.repeat(motion.rotation, len(t), axis=0)
    return Motion(
        rotation=rotation,
        translation=lerp(motion.translation),
        scale=lerp(motion.scale),
        expression=lerp(motion.expression),
        features=lerp(motion.features),
        valid=motion.valid[nearest],
        fps=float(fps),
        reference=int(np.argmin(np.abs(t - src_t[motion.reference]))),
    )
