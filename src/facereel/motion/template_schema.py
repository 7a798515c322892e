"""The schema of a motion template's arrays, checked when a template is loaded: shapes that agree, finite
numbers, a usable frame rate and reference frame. Each problem is one line (see `check_template`)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from facereel.face.landmark_ids import NUM_LANDMARKS
from facereel.motion.features import FEATURE_NAMES

FRAME_ARRAYS = ("rotation", "translation", "scale", "expression", "features", "valid")  # one row per frame
MAX_FPS = 1000.0
# Rotation matrices must be orthonormal to this tolerance (float32 storage keeps ~1e-6).
ROTATION_TOLERANCE = 1e-3


def check_template(arrays: Mapping[str, np.ndarray]) -> str | None:
    """The first problem with a template's arrays (named as in the .npz), or None when they form a valid
    Motion: T >= 1 frames; rotation (T, 3, 3) orthonormal, translation (T, 3), scale (T,) > 0,
    expression (T, 478, 3), features (T, len(FEATURE_NAMES)), valid (T,) with at least one True; every
    number finite; fps in (0, 1000]; reference a frame index."""
    frames = np.shape(arrays["rotation"])[0] if np.ndim(arrays["rotation"]) else 0
    if frames == 0:
        return "the template has no frames"
    shapes = {"rotation": (frames, 3, 3), "translation": (frames, 3), "scale": (frames,),
              "expression": (frames, NUM_LANDMARKS, 3), "features": (frames, len(FEATURE_NAMES)), "valid": (frames,)}
    for name, shape in shapes.items():
        if np.shape(arrays[name]) != shape:
            return f"{name} has shape {np.shape(arrays[name])}, expected {shape} for {frames} frames"
    for name in ("rotation", "translation", "scale", "expression", "features"):
        values = np.asarray(arrays[name])
        if not np.issubdtype(values.dtype, np.number):
            return f"{name} holds {values.dtype}, not numbers"
        bad = ~np.isfinite(values.reshape(frames, -1)).all(axis=1)
        if bad.any():
            return f"{name} is NaN or infinite in {int(bad.sum())} frame(s), first frame {int(np.argmax(bad))}"
    if not (np.asarray(arrays["scale"]) > 0).all():
        return "scale must be positive in every frame"
    rotation = np.asarray(arrays["rotation"], np.float64)
    error = np.abs(rotation @ rotation.transpose(0, 2, 1) - np.eye(3)).max()
    if error > ROTATION_TOLERANCE:
        return f"rotation is not a rotation matrix in every frame (orthonormality error {error:.3g})"
    if np.asarray(arrays["valid"]).dtype != bool:
        return f"valid holds {np.asarray(arrays['valid']).dtype}, not booleans"
    if not np.asarray(arrays["valid"]).any():
        return "no frame has a tracked face (valid is all False)"
    fps = np.asarray(arrays["fps"])
    if fps.shape != () or not np.isfinite(fps) or not 0 < float(fps) <= MAX_FPS:
        return f"fps must be a number in (0, {MAX_FPS:g}] (got {fps})"
    reference = np.asarray(arrays["reference"])
    if reference.shape != () or not np.issubdtype(reference.dtype, np.integer) or not 0 <= int(reference) < frames:
        return f"reference must be a frame index in 0..{frames - 1} (got {reference})"
    return None
