"""The upper lip slid sideways under the nose (video-to-video with a smirking driver): the warp shears the skin
between the nose base and the lip across the slide (lp_d3's clip x lp_d19 30-53: a thin diagonal band from the
nose wing to the mouth corner)."""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids


def lip_slide(source: np.ndarray, target: np.ndarray) -> float:
    """How far target (478, >= 2) px moves the upper lip's middle sideways against the subnasale from where the
    source (478, >= 2) px has it, along the source's eye line (outer eye corners), in the source's mouth widths
    (absolute). 0 for the source repeated."""
    src, tgt = np.asarray(source, np.float64)[:, :2], np.asarray(target, np.float64)[:, :2]
    axis = src[ids.LEFT_EYE_CORNERS[0]] - src[ids.RIGHT_EYE_CORNERS[0]]
    axis /= max(float(np.linalg.norm(axis)), 1e-9)
    width = float(np.linalg.norm(src[ids.MOUTH_CORNERS[0]] - src[ids.MOUTH_CORNERS[1]]))

    def gap(points: np.ndarray) -> float:
        return float((points[ids.UPPER_LIP_MIDDLE] - points[ids.SUBNASALE]) @ axis)

    return abs(gap(tgt) - gap(src)) / max(width, 1e-9)
