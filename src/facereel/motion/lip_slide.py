"""The upper lip's sideways slide under the nose, soft-limited in the retargeted landmarks.

A smirking driver (lp_d19 30-53) slides its upper lip's middle a quarter to a third of its mouth width sideways
under the nose (towards the raised corner). Carried in proportion onto a portrait, the warp shears the skin
between the nose base and that lip across the whole slide: on lp_d3's clip its dark under-nose skin was drawn into
a thin diagonal band from the nose wing to the corner. Talking drivers slide it at most 0.12-0.17 mouth widths
(lp_d3, lp_d11, lp_d12, sr_1; the presets none). The slide of the lip's middle (landmark 0) against the subnasale
(2), canonical x, is soft-limited (`LIP_SLIDE`), and what is taken off is taken off the whole mouth, fading out
towards the nose base, the chin and beside the corners (`slide_weights`): the mouth moves back under the nose as
one piece instead of shearing only the philtrum.
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.motion.soft_limit import soft_limits

LIP_SLIDE = (0.1, 0.15)
"""Mouth widths (the source's, canonical): the knee and ceiling of the soft limit on the upper lip middle's
sideways slide against the subnasale. Talking drivers' largest slides (0.11-0.17 on lp_d3, lp_d11, lp_d12, sr_1)
pass nearly unchanged (lp_d3's 0.133 -> 0.129, lp_d12's 0.174 -> 0.145); lp_d19's smirk (0.25-0.3) is held
under 0.15."""
BESIDE = 0.3  # mouth widths beside the corners over which the taken-off slide fades out (the cheeks)


def slide_weights(c_src: np.ndarray) -> np.ndarray:
    """(478,) share of the taken-off slide each point of the source's canonical landmarks c_src (478, 3) moves
    by: 0 at and above the subnasale rising to 1 at the upper lip's middle, 1 down to the lower lip's bottom,
    fading to 0 at the chin; fading from the corners to 0 at `BESIDE` mouth widths beside them."""
    y, x = c_src[:, 1], c_src[:, 0]
    nose, lip = c_src[ids.SUBNASALE, 1], c_src[ids.UPPER_LIP_MIDDLE, 1]
    bottom, chin = c_src[ids.LOWER_LIP_BOTTOM, 1], c_src[ids.CHIN, 1]
    down = np.clip((y - nose) / max(lip - nose, 1e-6), 0, 1) * np.clip((chin - y) / max(chin - bottom, 1e-6), 0, 1)
    corners = np.sort(c_src[list(ids.MOUTH_CORNERS), 0])
    width = corners[1] - corners[0]
    beside = np.maximum(np.maximum(corners[0] - x, x - corners[1]), 0)
    return down * np.clip(1 - beside / max(BESIDE * width, 1e-6), 0, 1)


def limit_lip_slide(c: np.ndarray, c_src: np.ndarray, mouth_width: float, weights: np.ndarray | None = None) -> None:
    """Soft-limit (`LIP_SLIDE`, in `mouth_width`s: the source's, canonical units) the upper lip middle's sideways
    slide against the subnasale of canonical targets c (T, 478, 3) from the source's c_src (478, 3), in place:
    the part taken off moves every point back along canonical x by its `slide_weights` (`weights` (478,) where the
    caller made them once)."""
    def gap(points: np.ndarray) -> np.ndarray:
        return points[..., ids.UPPER_LIP_MIDDLE, 0] - points[..., ids.SUBNASALE, 0]

    slide = (gap(c) - gap(c_src)) / max(mouth_width, 1e-6)
    kept = soft_limits(slide, *LIP_SLIDE)
    weights = slide_weights(c_src) if weights is None else weights
    c[:, :, 0] -= ((slide - kept) * mouth_width)[:, None] * weights[None]
