"""The light or dark rim the head's outline draws over the moved neck: the `outline_rim` figure (issue #9).

lp_s3 `facereel edit --pitch -15` (512 px): the raised chin's last half-skin outline pixels, laid over the neck the
head layer moved there, drew a hard dark speck where the jaw meets the neck (their colour unmixed against the photo's
darker background fill, `layers.outline_rim`). This reads, on the neck's box (`neck.NeckWarp.box`), the head's
half-transparent outline pixels as last drawn (`MeshAnimator.drawn_alpha` in `RIM_ALPHA`): each one's lightness
beyond `OWN_LEVELS` from the median of its 3 x 3 neighbourhood, averaged over them, grey levels. The source repeated
reads the photo's own outline there (its baseline).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.animator import MeshAnimator

RIM_ALPHA = (0.02, 0.5)
"""Drawn head alpha range of the outline's half-transparent pixels (the last half-skin pixel and its fringe)."""
OWN_LEVELS = 6.0
"""Grey levels a pixel's lightness may differ from its neighbourhood's median by itself (the paint's grain)."""


def rim_excess(frame: np.ndarray, animator: MeshAnimator) -> np.ndarray:
    """(n,) float32 grey levels: each outline pixel's (module docstring) lightness excess over `OWN_LEVELS` from its
    3 x 3 median, in `frame` ((H, W, 3) uint8 RGB, `animator`'s last drawn frame, or the source); empty without a
    neck box."""
    neck = animator.layer.neck
    if neck is None or neck.box is None:
        return np.zeros(0, np.float32)
    x0, y0, x1, y1 = animator.box
    rows, cols = neck.box
    grey = cv2.cvtColor(np.ascontiguousarray(frame[y0:y1, x0:x1][rows, cols]), cv2.COLOR_RGB2GRAY)
    step = np.abs(grey.astype(np.float32) - cv2.medianBlur(grey, 3))
    alpha = animator.drawn_alpha(neck.box)
    rim = (alpha > RIM_ALPHA[0]) & (alpha < RIM_ALPHA[1])
    return np.clip(step[rim] - OWN_LEVELS, 0, None)


def outline_rim(frame: np.ndarray, animator: MeshAnimator) -> float:
    """Grey levels: `rim_excess` of `frame` ((H, W, 3) uint8 RGB) averaged over the outline's pixels (0: none)."""
    excess = rim_excess(frame, animator)
    return float(excess.mean()) if len(excess) else 0.0
