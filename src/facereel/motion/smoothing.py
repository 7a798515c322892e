"""One-Euro filter (Casiez et al., CHI 2012): removes jitter when still, follows fast motion without lag."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class OneEuro:
    """min_cutoff (Hz): lower = smoother when still; beta: higher = less lag on fast motion;
    d_cutoff (Hz): cutoff of the speed estimate."""

    min_cutoff: float = 1.5
    beta: float = 0.5
    d_cutoff: float = 1.0

    def __call__(self, x: np.ndarray, fps: float) -> np.ndarray:
        """Filter (T, ...) samples taken at `fps` along axis 0; each trailing element independently."""
        x = np.asarray(x, dtype=np.float64)
        if len(x) < 2 or fps <= 0:
            return x.copy()
        dt = 1.0 / fps

        def alpha(cutoff: np.ndarray | float) -> np.ndarray | float:
            tau = 1.0 / (2 * np.pi * cutoff)
            return 1.0 / (1.0 + tau / dt)

        out = np.empty_like(x)
        out[0] = x[0]
        dx_prev = np.zeros_like(x[0])
        a_d = alpha(self.d_cutoff)
        for t in range(1, len(x)):
            dx = (x[t] - out[t - 1]) / dt
            dx_prev = a_d * dx + (1 - a_d) * dx_prev
            a = alpha(self.min_cutoff + self.beta * np.abs(dx_prev))
            out[t] = a * x[t] + (1 - a) * out[t - 1]
        return out
