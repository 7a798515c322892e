"""The soft limit shared by the pose limit (engines/mesh/geometry/pose_limit.py: yaw, pitch), the head-shift and
head-scale limits and the lip-to-chin floor (motion/retarget.py): values pass unchanged up to a knee and are
compressed smoothly beyond it (same value and slope at the knee, tanh-shaped) towards a ceiling that is never
reached."""

from __future__ import annotations

import numpy as np


def soft_limits(values: np.ndarray, knee: float, ceiling: float) -> np.ndarray:
    """`values` (any shape) unchanged within +-knee; beyond, knee + (ceiling - knee) tanh(excess / (ceiling -
    knee)) with their sign (knee >= 0, ceiling > knee). Returns float64 of the same shape."""
    values = np.asarray(values, dtype=np.float64)
    excess = np.maximum(np.abs(values) - knee, 0.0)
    span = ceiling - knee
    return np.where(excess > 0, np.sign(values) * (knee + span * np.tanh(excess / span)), values)


def soft_limit(value: float, knee: float, ceiling: float) -> float:
    """One value soft-limited as `soft_limits` does."""
    return float(soft_limits(np.float64(value), knee, ceiling))


def soft_limit_lengths(vectors: np.ndarray, knee: float, ceiling: float) -> np.ndarray:
    """(N, D) `vectors` with their lengths soft-limited as `soft_limits` does (directions kept)."""
    lengths = np.linalg.norm(vectors, axis=1)
    return vectors * (soft_limits(lengths, knee, ceiling) / np.maximum(lengths, 1e-12))[:, None]
