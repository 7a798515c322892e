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
    return _aligned(_centred(src), dst)


def _centred(src: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What `similarity_align` makes of its src (T, N, 3): its mean (T, 1, 3), src less it (T, N, 3) and its
    variance (T,)."""
    mu_s = src.mean(axis=1, keepdims=True)
    a = src - mu_s
    return mu_s, a, (a**2).sum(axis=(1, 2)) / src.shape[1]


def _aligned(centred: tuple[np.ndarray, np.ndarray, np.ndarray], dst: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`similarity_align` of the src `_centred` gave `centred` to dst (T, N, 3)."""
    mu_s, a, var_s = centred
    mu_d = dst.mean(axis=1, keepdims=True)
    b = dst - mu_d
    cov = np.einsum("tni,tnj->tij", b, a) / a.shape[1]
    u, sig, vt = np.linalg.svd(cov)
    d = np.ones_like(sig)
    d[:, 2] = np.sign(np.linalg.det(u) * np.linalg.det(vt))
    rot = u @ (d[:, :, None] * vt)
    scale = (sig * d).sum(axis=1) / var_s
    trans = mu_d[:, 0] - scale[:, None] * np.einsum("tij,tj->ti", rot, mu_s[:, 0])
    return rot, scale, trans


@lru_cache(maxsize=1)
def _template64() -> np.ndarray:
    """`canonical_template` in float64, read-only, made once."""
    template = canonical_template().astype(np.float64)
    template.flags.writeable = False
    return template


@lru_cache(maxsize=4)
def _stable_template(frames: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The template's stable points as `head_pose` aligns `frames` frames to them, `_centred`, read-only: made once
    per frame count (a stream's every frame is one; ~20 us a call)."""
    centred = _centred(np.broadcast_to(_template64()[_STABLE], (frames, len(_STABLE), 3)))
    for array in centred:
        array.flags.writeable = False
    return centred


def head_pose(landmarks: np.ndarray) -> HeadPose:
    """Head pose of each frame of (T, 478, 3) image px landmarks: the stable landmarks' similarity to the
    template (`estimate_pose` without the canonical landmarks and residual, for a caller needing the pose only)."""
    landmarks = np.asarray(landmarks, dtype=np.float64)
    rot, scale, trans = _aligned(_stable_template(landmarks.shape[0]), landmarks[:, _STABLE])
    return HeadPose(rot.astype(np.float32), scale.astype(np.float32), trans.astype(np.float32))


def canonical_pose(landmarks: np.ndarray) -> tuple[HeadPose, np.ndarray]:
    """Head pose of each frame of (T, 478, 3) image px landmarks and its canonical landmarks (T, 478, 3) float32
    (`estimate_pose` without the residual, for a caller not reading it: the streamed retarget's every frame)."""
    landmarks = np.asarray(landmarks, dtype=np.float64)
    pose = head_pose(landmarks)
    return pose, pose.to_canonical(landmarks.astype(np.float32))


def estimate_pose(landmarks: np.ndarray) -> tuple[HeadPose, np.ndarray, np.ndarray]:
    """Head pose of each frame and its canonical landmarks.

    landmarks: (T, 478, 3) image px. Returns (pose, canonical (T, 478, 3), residual (T,)), where residual
    is the RMS distance of the stable landmarks from the rigidly posed template, in canonical units
    (a fit-quality measure: ~0.02 for a good track, large for a broken one).
    """
    pose, canonical = canonical_pose(landmarks)
    template = _template64()
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
