"""`OneEuro`: the One-Euro filter's settings (Casiez et al., CHI 2012), numpy-free so that the options holding
one (`retarget_options.RetargetOptions`) build the CLI's parser without numpy; the filter is
`motion.smoothing`'s."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class OneEuro:
    """min_cutoff (Hz): lower = smoother when still; beta: higher = less lag on fast motion;
    d_cutoff (Hz): cutoff of the speed estimate."""

    min_cutoff: float = 1.5
    beta: float = 0.5
    d_cutoff: float = 1.0

    def __call__(self, x: np.ndarray, fps: float) -> np.ndarray:
        """Filter (T, ...) samples taken at `fps` along axis 0; each trailing element independently
        (`smoothing.one_euro`)."""
        from facereel.motion.smoothing import one_euro

        return one_euro(self, x, fps)
