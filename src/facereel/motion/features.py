"""Named, identity-free expression features of canonical landmarks (shared by retargeting and eval).

All lengths are in canonical units (template inter-ocular distance) or ratios, so they compare across faces.
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids

FEATURE_NAMES = (
    "eye_open_right", "eye_open_left",  # lid gap / eye width
    "gaze_x_right", "gaze_y_right", "gaze_x_left", "gaze_y_left",  # pupil offset from eye centre / eye width
    "mouth_open",  # inner-lip gap, canonical units
    "mouth_width",  # corner to corner, canonical units
    "mouth_corner_height",  # corners above the lip centre line (smile > 0), canonical units
    "brow_height_right", "brow_height_left",  # brow above the eye corners, canonical units
)
INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}

# Lid pairs (upper, lower) measured for eye openness.
_RIGHT_LID_PAIRS = ((160, 144), (159, 145), (158, 153))
_LEFT_LID_PAIRS = ((387, 373), (386, 374), (385, 380))


def eye_opening(c: np.ndarray, pairs: tuple[tuple[int, int], ...]) -> np.ndarray:
    """(T,) mean vertical lid gap (canonical y, lower minus upper) of (T, 478, 3) canonical landmarks."""
    up = c[:, [p[0] for p in pairs], 1]
    lo = c[:, [p[1] for p in pairs], 1]
    return (lo - up).mean(axis=1)


def _eye_width(c: np.ndarray, corners: tuple[int, int]) -> np.ndarray:
    return np.linalg.norm(c[:, corners[0], :2] - c[:, corners[1], :2], axis=-1)


def expression_features(canonical: np.ndarray) -> np.ndarray:
    """(T, 478, 3) canonical landmarks -> (T, len(FEATURE_NAMES)) float32 features."""
    c = np.asarray(canonical, dtype=np.float64)
    out = np.empty((c.shape[0], len(FEATURE_NAMES)))
    for side, pairs, corners, pupil, brow in (
        ("right", _RIGHT_LID_PAIRS, ids.RIGHT_EYE_CORNERS, ids.RIGHT_PUPIL, ids.RIGHT_BROW),
        ("left", _LEFT_LID_PAIRS, ids.LEFT_EYE_CORNERS, ids.LEFT_PUPIL, ids.LEFT_BROW),
    ):
        width = _eye_width(c, corners)
        centre = c[:, list(corners), :2].mean(axis=1)
        out[:, INDEX[f"eye_open_{side}"]] = eye_opening(c, pairs) / width
        out[:, INDEX[f"gaze_x_{side}"]] = (c[:, pupil, 0] - centre[:, 0]) / width
        out[:, INDEX[f"gaze_y_{side}"]] = (c[:, pupil, 1] - centre[:, 1]) / width
        out[:, INDEX[f"brow_height_{side}"]] = centre[:, 1] - c[:, list(brow), 1].mean(axis=1)
    out[:, INDEX["mouth_open"]] = c[:, 14, 1] - c[:, 13, 1]
    out[:, INDEX["mouth_width"]] = np.linalg.norm(c[:, 61, :2] - c[:, 291, :2], axis=-1)
    lip_centre_y = (c[:, 0, 1] + c[:, 17, 1]) / 2
    out[:, INDEX["mouth_corner_height"]] = lip_centre_y - c[:, list(ids.MOUTH_CORNERS), 1].mean(axis=1)
    return out.astype(np.float32)
