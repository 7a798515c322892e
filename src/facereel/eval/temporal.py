"""Temporal stability of an output video: landmark jitter, background flicker, head-size drift.

These need no ground truth, so they apply to self- and cross-reenactment alike.
"""

from __future__ import annotations

import numpy as np

from facereel.eval.landmarks import inter_ocular

STILL_SPEED = 0.01
"""Driver speed (mean landmark motion per frame, inter-ocular distances) below which a step counts as still."""


def landmark_speed(landmarks: np.ndarray) -> np.ndarray:
    """Mean landmark motion between consecutive frames, in inter-ocular distances per frame.

    Args:
        landmarks: (T, 478, 3) image-space landmarks, pixels (x, y used).

    Returns:
        (T-1,) for each step t-1 -> t, the mean 2-D displacement of the points divided by the
        inter-ocular distance at t-1.
    """
    step = np.linalg.norm(np.diff(landmarks[..., :2], axis=0), axis=-1).mean(axis=-1)
    return step / np.maximum(inter_ocular(landmarks[:-1]), 1e-6)


def still_steps(driver_landmarks: np.ndarray, threshold: float = STILL_SPEED) -> np.ndarray:
    """(T-1,) bool: the steps t-1 -> t where the driver's face barely moves (speed < threshold)."""
    return landmark_speed(driver_landmarks) < threshold


def landmark_jitter(output_landmarks: np.ndarray, still: np.ndarray) -> float:
    """Mean landmark speed of the output over the driver's still steps (inter-ocular distances/frame).

    A perfect output is as still as its driver there; `nan` when the driver is never still.
    """
    if not still.any():
        return float("nan")
    return float(landmark_speed(output_landmarks)[still].mean())


def jitter_note(video: str, still: np.ndarray) -> str | None:
    """The report's one line on `jitter` reading n/a on `video` because the driver's face moves in every step
    (`still` (T-1,) bool, `still_steps`, has no step), or None (a still step, or no step at all). A talking child
    (lp_d11 180-224) never held still: jitter read n/a for method and baseline with no reason given."""
    if still.any() or not len(still):
        return None
    return (f"{video}: jitter n/a: the driver's face moves at least {STILL_SPEED} inter-ocular distances in every "
            "step (eval.temporal.STILL_SPEED), so there is no still step to measure the output's jitter over.")


def flicker_step(previous: np.ndarray, current: np.ndarray, outside: np.ndarray) -> float:
    """Mean absolute frame difference over the `outside` pixels, in intensity units of [0, 1].

    Args:
        previous, current: (H, W, 3) uint8 consecutive output frames.
        outside: (H, W) bool, True on pixels away from the face (background, body).

    Returns:
        The mean |current - previous| over those pixels and channels / 255; `nan` if none.
    """
    if not outside.any():
        return float("nan")
    diff = np.abs(current.astype(np.int16) - previous.astype(np.int16))[outside]
    return float(diff.mean() / 255.0)


def outside_mask(shape: tuple[int, int], box: tuple[int, int, int, int]) -> np.ndarray:
    """(H, W) bool mask, True outside the half-open box (x0, y0, x1, y1)."""
    mask = np.ones(shape, dtype=bool)
    x0, y0, x1, y1 = box
    mask[y0:y1, x0:x1] = False
    return mask


def head_size_drift(output_scale: np.ndarray, reference_scale: np.ndarray) -> float:
    """Mean relative error of the output's head size, relative to its first frame, vs the reference's.

    Args:
        output_scale, reference_scale: (T,) head scale per frame (`HeadPose.scale`, pixels per
            canonical unit), of the output and of the driver it follows.

    Returns:
        mean_t |(s_out[t] / s_out[0]) / (s_ref[t] / s_ref[0]) - 1|, a fraction (0.05 = 5 % "breathing"
        beyond what the driver does).
    """
    ratio = (output_scale / output_scale[0]) / (reference_scale / reference_scale[0])
    return float(np.mean(np.abs(ratio - 1.0)))
