"""One-Euro filter (Casiez et al., CHI 2012): removes jitter when still, follows fast motion without lag. Its
settings are `one_euro.OneEuro` (also importable from here)."""

from __future__ import annotations

import numpy as np

from facereel.motion.one_euro import OneEuro

__all__ = ["OneEuro", "OneEuroStream", "one_euro"]


def one_euro(filt: OneEuro, x: np.ndarray, fps: float) -> np.ndarray:
    """`filt` over (T, ...) samples taken at `fps` along axis 0, float64; each trailing element independently."""
    x = np.asarray(x, dtype=np.float64)
    if len(x) < 2 or fps <= 0:
        return x.copy()
    stream = OneEuroStream(filt, fps)
    return np.stack([stream(sample) for sample in x])


class OneEuroStream:
    """`OneEuro` one sample at a time (live use): feeding x_0, x_1, ... gives exactly `OneEuro(x, fps)`'s rows.

    Samples are arrays of any fixed shape (each element filtered independently), taken at `fps`.
    """

    def __init__(self, filt: OneEuro, fps: float) -> None:
        self.filt = filt
        self.fps = fps
        self._out: np.ndarray | None = None
        self._speed: np.ndarray | None = None

    def _alpha(self, cutoff: np.ndarray | float) -> np.ndarray | float:
        tau = 1.0 / (2 * np.pi * cutoff)
        return 1.0 / (1.0 + tau * self.fps)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """The filtered sample (float64, shape of x)."""
        x = np.asarray(x, dtype=np.float64)
        if self._out is None or self.fps <= 0:
            self._out, self._speed = x.copy(), np.zeros_like(x)
            return self._out.copy()
        dx = (x - self._out) * self.fps
        a_d = self._alpha(self.filt.d_cutoff)
        self._speed = a_d * dx + (1 - a_d) * self._speed
        a = self._alpha(self.filt.min_cutoff + self.filt.beta * np.abs(self._speed))
        self._out = a * x + (1 - a) * self._out
        return self._out.copy()
