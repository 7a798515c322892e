"""Head pose (rotation, scale, translation) and pose-free canonical landmarks, by rigid alignment.

Conventions (docs/conventions.md): X = scale * C @ R.T + t, with X image-space landmarks (px),
C canonical landmarks (canonical units = template inter-ocular distance), R canonical -> camera.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from facereel.face import landmark_ids as ids

_STABLE = ids.as_index(ids.STABLE)


@dataclass(frozen=True)
class HeadPose:
    """Per-frame similarity from canonical space to image space.

    rotation: (T, 3, 3) float32, canonical -> camera. scale: (T,) px per canonical unit.
    translation: (T, 3) px (image position of the canonical origin; z is mediapipe depth in px).
    """

    rotation: np.ndarray
    scale: np.ndarray
    translation: np.ndarray

    def to_image(self, canonical: np.ndarray) -> np.ndarray:
        """(T, N, 3) canonical -> (T, N, 3) image px."""
        return (self.scale[:, None, None] * np.einsum("tnj,tij->tni", canonical, self.rotation)
                + self.translation[:, None, :]).astype(np.float32)

    def to_canonical(self, image_points: np.ndarray) -> np.ndarray:
        """(T, N, 3) image px -> (T, N, 3) canonical (the inverse of `to_image`)."""
        centred = image_points - self.translation[:, None, :]
        return (np.einsum("tni,tij->tnj", centred, self.rotation) / self.scale[:, None, None]).astype(np.float32)


@lru_cache(maxsize=1)
def canonical_template() -> np.ndarray:
    """(478, 3) float32 frontal reference face in canonical units (tools/build_canonical_face.py)."""
    with resources.files("facereel.face.data").joinpath("canonical_face.npy").open("rb") as f:
        return np.load(f).astype(np.float32)


def similarity_align(src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Batched Umeyama: best (R, s, t) with dst ~ s * src @ R.T + t.

    src, dst: (T, N, 3). Returns R (T, 3, 3) proper rotations, s (T,), t (T, 3).
    """
    mu_s = src.mean(axis=1, keepdims=True)
    mu_d = dst.mean(axis=1, keepdims=True)
    a, b = src - mu_s, dst - mu_d
    cov = np.einsum("tni,tnj->tij", b, a) / src.shape[1]
    u, sig, vt = np.linalg.svd(cov)
    d = np.ones_like(sig)
    d[:, 2] = np.sign(np.linalg.det(u) * np.linalg.det(vt))
    rot = u @ (d[:, :, None] * vt)
    var_s = (a**2).sum(axis=(1, 2)) / src.shape[1]
    scale = (sig * d).sum(axis=1) / var_s
    trans = mu_d[:, 0] - scale[:, None] * np.einsum("tij,tj->ti", rot, mu_s[:, 0])
    return rot, scale, trans


def head_pose(landmarks: np.ndarray) -> HeadPose:
    """Head pose of each frame of (T, 478, 3) image px landmarks: the stable landmarks' similarity to the
    template (`estimate_pose` without the canonical landmarks and residual, for a caller needing the pose only)."""
    landmarks = np.asarray(landmarks, dtype=np.float64)
    template = canonical_template().astype(np.float64)
    stable_tpl = np.broadcast_to(template[_STABLE], (landmarks.shape[0], len(_STABLE), 3))
    rot, scale, trans = similarity_align(stable_tpl, landmarks[:, _STABLE])
    return HeadPose(rot.astype(np.float32), scale.astype(np.float32), trans.astype(np.float32))


def estimate_pose(landmarks: np.ndarray) -> tuple[HeadPose, np.ndarray, np.ndarray]:
    """Head pose of each frame and its canonical landmarks.

    landmarks: (T, 478, 3) image px. Returns (pose, canonical (T, 478, 3), residual (T,)), where residual
    is the RMS distance of the stable landmarks from the rigidly posed template, in canonical units
    (a fit-quality measure: ~0.02 for a good track, large for a broken one).
    """
    landmarks = np.asarray(landmarks, dtype=np.float64)
    template = canonical_template().astype(np.float64)
    pose = head_pose(landmarks)
    canonical = pose.to_canonical(landmarks.astype(np.float32))
    residual = np.sqrt(((canonical[:, _STABLE] - template[_STABLE]) ** 2).sum(-1).mean(-1))
    return pose, canonical, residual.astype(np.float32)


def euler_degrees(rotation: np.ndarray) -> np.ndarray:
    """(T, 3, 3) rotations -> (T, 3) [yaw, pitch, roll] in degrees, R = Rz(roll) Ry(yaw) Rx(pitch)."""
    r = np.asarray(rotation, dtype=np.float64)
    yaw = np.arcsin(np.clip(-r[:, 2, 0], -1.0, 1.0))
    pitch = np.arctan2(r[:, 2, 1], r[:, 2, 2])
    roll = np.arctan2(r[:, 1, 0], r[:, 0, 0])
    return np.degrees(np.stack([yaw, pitch, roll], axis=1))


def rotation_from_euler(yaw: float, pitch: float, roll: float) -> np.ndarray:
    """(3, 3) rotation from degrees, inverse of `euler_degrees`."""
    y, p, r = np.radians([yaw, pitch, roll])
    rx = np.array([[1, 0, 0], [0, np.cos(p), -np.sin(p)], [0, np.sin(p), np.cos(p)]])
    ry = np.array([[np.cos(y), 0, np.sin(y)], [0, 1, 0], [-np.sin(y), 0, np.cos(y)]])
    rz = np.array([[np.cos(r), -np.sin(r), 0], [np.sin(r), np.cos(r), 0], [0, 0, 1]])
    return rz @ ry @ rx
