"""The soft limit shared by the pose limit (engines/mesh/pose_limit.py: yaw, pitch) and the head-shift limit
(motion/retarget.py): values pass unchanged up to a knee and are compressed smoothly beyond it (same value and
slope at the knee, tanh-shaped) towards a ceiling that is never reached."""

from __future__ import annotations

import numpy as np


def soft_limit(value: float, knee: float, ceiling: float) -> float:
    """`value` unchanged within +-knee; beyond, knee + (ceiling - knee) tanh(excess / (ceiling - knee)) with
    its sign (knee >= 0, ceiling > knee)."""
    excess = abs(value) - knee
    if excess <= 0:
        return value
    span = ceiling - knee
    return float(np.sign(value) * (knee + span * np.tanh(excess / span)))


def soft_limit_lengths(vectors: np.ndarray, knee: float, ceiling: float) -> np.ndarray:
    """(N, D) `vectors` with their lengths soft-limited as `soft_limit` does (directions kept)."""
    lengths = np.linalg.norm(vectors, axis=1)
    limited = np.array([soft_limit(float(n), knee, ceiling) for n in lengths])
    return vectors * (limited / np.maximum(lengths, 1e-12))[:, None]
