"""Synthetic target landmarks for the mesh-engine tests: edits of a source's own landmarks (image px)."""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids


def face_size(lm: np.ndarray) -> float:
    """Largest extent of the face oval, px."""
    oval = lm[list(ids.FACE_OVAL), :2]
    return float((oval.max(0) - oval.min(0)).max())


def eye_width(lm: np.ndarray, corners: tuple[int, int]) -> float:
    return float(np.linalg.norm(lm[corners[0], :2] - lm[corners[1], :2]))


def open_mouth(lm: np.ndarray, amount: float = 0.3) -> np.ndarray:
    """Drop the lower lip and jaw by `amount` mouth widths, fading out towards the cheeks."""
    lm = lm.copy()
    drop = amount * np.linalg.norm(lm[61, :2] - lm[291, :2])
    y_up, y_lo = lm[13, 1], lm[14, 1]
    cx = 0.5 * (lm[61, 0] + lm[291, 0])
    vertical = np.clip((lm[:, 1] - y_up) / max(y_lo - y_up, 1.0), 0, 1)
    horizontal = np.clip(1 - ((lm[:, 0] - cx) / (0.55 * face_size(lm))) ** 2, 0, 1)
    weight = vertical * horizontal
    weight[list(ids.INNER_UPPER_LIP + ids.OUTER_UPPER_LIP)] = 0
    weight[list(ids.MOUTH_CORNERS) + [78, 308]] = 0.3
    weight[ids.NUM_LANDMARKS - 10:] = 0  # irises
    lm[:, 1] += drop * weight
    return lm


def close_eye(lm: np.ndarray, which: str, keep: float = 0.1) -> np.ndarray:
    """Bring one eye's upper lid down to `keep` of its gap above the lower lid ('right' or 'left')."""
    lm = lm.copy()
    upper, lower = ((ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID) if which == "right"
                    else (ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID))
    lm[list(upper)] = lm[list(lower)] + keep * (lm[list(upper)] - lm[list(lower)])
    return lm


def gaze(lm: np.ndarray, dx: float) -> np.ndarray:
    """Shift both irises sideways by `dx` eye widths (positive = image right)."""
    lm = lm.copy()
    for corners, iris in ((ids.RIGHT_EYE_CORNERS, ids.RIGHT_IRIS), (ids.LEFT_EYE_CORNERS, ids.LEFT_IRIS)):
        lm[list(iris), 0] += dx * eye_width(lm, corners)
    return lm


def rigid(lm: np.ndarray, roll_deg: float = 0.0, yaw_deg: float = 0.0, shift: tuple[float, float] = (0, 0)) -> np.ndarray:
    """Rotate the head about its stable-point centroid (roll in the image plane, yaw about the vertical),
    then translate by `shift` px."""
    c = lm[list(ids.STABLE)].mean(0)
    a, b = np.radians(roll_deg), np.radians(yaw_deg)
    rz = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    ry = np.array([[np.cos(b), 0, np.sin(b)], [0, 1, 0], [-np.sin(b), 0, np.cos(b)]])
    return ((lm - c) @ (rz @ ry).T + c + np.array([shift[0], shift[1], 0])).astype(np.float32)
