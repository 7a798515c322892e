"""The far jaw's outline carried out to the face it bounds on big turns (issue #9: the far chin cut straight).

mediapipe's face mesh is flat along the jaw: turned ~45 deg, the face points between the mouth and the far
jaw (214, 212, 210, 135 on one side, 434, 432, 430, 364 on the other) project up to ~0.1 face sizes beyond
the oval's jaw points (lp_s1 on preset:turn frames 6-15 and 30-40). Drawn far to near, the face's triangles
then cover the oval's band (the photo's own jaw line, its skin fading into hair or background) and the
face ends in the straight edge of its outermost triangles, skin from well inside the photo's jaw laid
straight against the background (`figures.far_outline.outline_depth`). `widen_jaw` moves each jaw point of
the oval outwards, along its normal, as far as the face points beside it stand outside it, so the oval
stays the face's outline and the photo's jaw line is drawn there; the rings near the oval ride with it.
A face whose points all lie inside its oval (the source repeated, small turns) is returned unchanged.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter1d

from facereel.engines.mesh.head_proxy import _JAW
from facereel.face import landmark_ids as ids

SLACK = 0.005
"""Face sizes: a face point this little outside the oval is on it (the tracker's own jitter)."""
_FACE_POINTS = 468  # the face mesh's points (the irises' 10 come after)


def overhang(target: np.ndarray) -> np.ndarray:
    """(468,) face sizes each face point of `target` ((478, 2+) px) stands outside its face oval (0 inside)."""
    oval = np.asarray(target[list(ids.FACE_OVAL), :2], np.float32)
    size = float(np.ptp(oval[:, 1]))
    inside = [cv2.pointPolygonTest(oval, (float(x), float(y)), True) for x, y in target[:_FACE_POINTS, :2]]
    return np.maximum(-np.asarray(inside, np.float64), 0.0) / max(size, 1e-6)


def _outward(oval: np.ndarray) -> np.ndarray:
    """(N, 2) unit normals of the closed polygon `oval` ((N, 2) px) at its points, away from its centre."""
    tangent = np.roll(oval, -1, axis=0) - np.roll(oval, 1, axis=0)
    normal = np.stack([tangent[:, 1], -tangent[:, 0]], 1) / np.maximum(np.linalg.norm(tangent, axis=1), 1e-6)[:, None]
    return normal if np.sum(normal * (oval - oval.mean(0))) > 0 else -normal


def _nearest_segment(points: np.ndarray, oval: np.ndarray) -> np.ndarray:
    """(P,) int: for each of `points` ((P, 2) px) the segment of the closed polygon `oval` ((N, 2) px) nearest
    it, i from point i to point i + 1 (mod N)."""
    a, b = oval, np.roll(oval, -1, axis=0)
    ab = b - a
    u = np.clip(np.einsum("pnk,nk->pn", points[:, None] - a[None], ab) / np.maximum((ab * ab).sum(1), 1e-9), 0, 1)
    closest = a[None] + u[..., None] * ab[None]
    return np.linalg.norm(points[:, None] - closest, axis=2).argmin(1)


def widen_jaw(target: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Target landmarks (478, 3) px with the oval's jaw points (`head_proxy._JAW`, jaw angle to jaw angle)
    moved out along their normals to cover the face points outside them (module docstring): both ends of
    the jaw segment nearest a face point outside move out by as much as it stands out, over `rounds`
    passes (each pass's normals from the last); the same array when none stands out by more than `SLACK`
    face sizes beside the jaw."""
    positions = np.asarray(ids.FACE_OVAL)
    jaw = np.zeros(len(positions), bool)
    jaw[_JAW] = True
    moved = target
    for _ in range(rounds):
        out = overhang(moved)
        standing = np.flatnonzero(out > SLACK)
        if not len(standing):
            break
        oval = moved[positions, :2].astype(np.float64)
        segment = _nearest_segment(moved[standing, :2].astype(np.float64), oval)
        push = np.zeros(len(positions))
        size = float(np.ptp(oval[:, 1]))
        for i, depth in zip(segment, out[standing] * size):
            for j in (i, (i + 1) % len(positions)):
                push[j] = max(push[j], depth)
        push = np.where(jaw, np.maximum(push, gaussian_filter1d(push, 1.0, mode="wrap")), 0.0)  # no notch
        if push.max() <= SLACK * size:
            break
        moved = np.array(moved, np.float32, copy=True)
        moved[positions, :2] += (push[:, None] * _outward(oval)).astype(np.float32)
    return moved
