"""Landmark-based agreement: AKD (keypoint distance), AED proxies (expression), APD (head pose).

All functions take per-frame arrays and return per-frame values, shape (T,) or (T, k); the runners
average them over the frames where both faces were found. Landmarks follow docs/conventions.md:
image space (T, 478, 3) in pixels; canonical space (T, 478, 3) in canonical units, where
1 unit = the reference face's inter-ocular distance, so canonical distances are already
normalised by face size.
"""

from __future__ import annotations

import numpy as np

from facereel.face.landmark_ids import LEFT_PUPIL, RIGHT_PUPIL
from facereel.face.pose import euler_degrees


def inter_ocular(landmarks: np.ndarray) -> np.ndarray:
    """Pupil-to-pupil distance in the image plane (x, y), pixels: (..., 478, 3) -> (...)."""
    return np.linalg.norm(landmarks[..., RIGHT_PUPIL, :2] - landmarks[..., LEFT_PUPIL, :2], axis=-1)


def akd(output: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Average keypoint distance per frame, in inter-ocular distances of the reference face.

    Args:
        output, reference: (T, 478, 3) image-space landmarks in pixels; only x, y are used.

    Returns:
        (T,) mean over the 478 points of the 2-D distance, divided by the reference's
        pupil-to-pupil distance in that frame.
    """
    dist = np.linalg.norm(output[..., :2] - reference[..., :2], axis=-1).mean(axis=-1)
    return dist / np.maximum(inter_ocular(reference), 1e-6)


def aed_landmarks(output: np.ndarray, reference: np.ndarray, relative: bool = False) -> np.ndarray:
    """Expression distance proxy: mean 3-D distance of pose-free canonical landmarks, canonical units.

    Args:
        output, reference: (T, 478, 3) canonical landmarks (`facereel.face.pose.estimate_pose`).
        relative: compare each sequence's change since its own first frame instead of the absolute
            configuration. Use it across identities (cross-reenactment), where the absolute
            configurations also differ by face shape.

    Returns:
        (T,) mean over points of the distance, in inter-ocular distances.
    """
    if relative:
        output = output - output[:1]
        reference = reference - reference[:1]
    return np.linalg.norm(output - reference, axis=-1).mean(axis=-1)


def aed_features(output: np.ndarray, reference: np.ndarray, relative: bool = False) -> np.ndarray:
    """Per-feature absolute differences of expression features (`facereel.motion.features`).

    Args:
        output, reference: (T, F) features (eye/mouth openness, gaze, brow height, ...), each
            already normalised by face size.
        relative: compare each sequence's change since its own first frame (across identities, whose
            resting eye and mouth shapes differ).

    Returns:
        (T, F) absolute differences; `.mean(axis=-1)` is the per-frame AED feature proxy.
    """
    if relative:
        output = output - output[:1]
        reference = reference - reference[:1]
    return np.abs(output - reference)


def apd(output_rotation: np.ndarray, reference_rotation: np.ndarray, relative: bool = False) -> np.ndarray:
    """Per-axis head-pose error in degrees: (T, 3, 3) rotations -> (T, 3) |yaw|, |pitch|, |roll|.

    relative: compare each sequence's rotation since its own first frame, R_0^T R_t (across identities:
    relative retargeting keeps the source's own resting pose, so absolute poses differ by design).

    Angles come from `facereel.face.pose.euler_degrees` (conventions: R = Rz(roll) Ry(yaw) Rx(pitch));
    each difference is wrapped to [-180, 180] before taking its absolute value.
    """
    if relative:
        output_rotation = np.einsum("ji,tjk->tik", output_rotation[0], output_rotation)
        reference_rotation = np.einsum("ji,tjk->tik", reference_rotation[0], reference_rotation)
    diff = euler_degrees(output_rotation) - euler_degrees(reference_rotation)
    return np.abs((diff + 180.0) % 360.0 - 180.0)
