"""The far jaw's outline carried out to the face it bounds on big turns (issue #9: the far chin cut straight).

mediapipe's face mesh is flat along the jaw: turned ~45 deg, the face points between the mouth and the far
jaw (214, 212, 210, 135 on one side, 434, 432, 430, 364 on the other) project up to ~0.1 face sizes beyond
the oval's jaw points (lp_s1 on preset:turn frames 6-15 and 30-40). Drawn far to near, the face's triangles
then cover the oval's band (the photo's own jaw line, its skin fading into hair or background) and the
face ends in the straight edge of its outermost triangles, skin from well inside the photo's jaw laid
straight against the background (`figures.far_outline.outline_depth`). `widen_jaw` moves each far jaw point of
the oval outwards, along its normal, as far as the lower face's points beside it stand outside it (up to
`MOST`), so the oval stays the face's outline and the photo's jaw line is drawn there; the rings near the
oval ride with it.
A face whose points stand out no farther than in the photo (the source repeated, small turns) is returned
unchanged.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy.ndimage import gaussian_filter1d

from facereel.engines.mesh.geometry.map_kernels import nearest_segments, point_normals, polygon_depths
from facereel.engines.mesh.neck_layer.jaw_line import ON_OVAL
from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template

SLACK = 0.005
"""Face sizes: a face point this little outside the oval is on it (the tracker's own jitter)."""
LOWER_FROM = 0.9
"""Canonical y (inter-ocular distances below the eye corners; mouth corners 0.97, chin 1.73): only the face
points below this push the jaw. With all points the cheekbone's (50, 116, 117, 123: ~0.2 face sizes past
the oval at 45 deg) pushed the jaw angle out by 0.4 face sizes (grace_hopper)."""
MOST = 0.08
"""Face sizes: no jaw point moves farther (`widen_jaw`): uncapped, grace_hopper's far jaw at -45 deg bulged
by 0.13 face sizes beside the jaw angle and mediapipe found no face in the frame."""
FACE_POINTS = ids.RIGHT_IRIS[0]
"""The face mesh's points come first in the landmarks (the irises' 10 after them)."""
_OVAL = np.asarray(ids.FACE_OVAL)


def overhang(target: np.ndarray, points: np.ndarray | None = None) -> np.ndarray:
    """(468,) face sizes each face point of `target` ((478, 2+) px) stands outside its face oval (0 inside);
    with `points` ((P,) landmark indices) those points' (P,) only."""
    oval = np.asarray(target[_OVAL, :2], np.float32)
    size = float(np.ptp(oval[:, 1]))
    face = target[:FACE_POINTS, :2] if points is None else target[points, :2]
    inside = polygon_depths(np.asarray(face, np.float32), oval)  # cv2.pointPolygonTest's
    return np.maximum(-inside, 0.0) / max(size, 1e-6)


def _outward(oval: np.ndarray) -> np.ndarray:
    """(N, 2) unit normals of the closed polygon `oval` ((N, 2) float64 px) at its points, away from its centre."""
    normal = point_normals(oval)
    return normal if np.sum(normal * (oval - oval.mean(0))) > 0 else -normal


def _far_side(target: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """(N,) bool: which of the landmarks `positions` ((N,) indices into `target`, (478, 2+) px) lie on the
    side of the face's midline (chin to forehead) that the nose tip lies on: the side turned away."""
    chin, top, tip = (np.asarray(target[i, :2], np.float64) for i in (ids.CHIN, ids.FOREHEAD, ids.NOSE_TIP))
    axis = top - chin

    def side(p: np.ndarray) -> np.ndarray:
        return np.sign(axis[0] * (p[..., 1] - chin[1]) - axis[1] * (p[..., 0] - chin[0]))

    return side(np.asarray(target[positions, :2], np.float64)) == side(tip)


@lru_cache(maxsize=1)
def _jaw_line() -> np.ndarray:
    """(K,) bool, read-only: the oval's points on the jaw line (`jaw_line.ON_OVAL`), made once."""
    jaw = np.zeros(len(_OVAL), bool)
    jaw[ON_OVAL] = True
    jaw.flags.writeable = False
    return jaw


@lru_cache(maxsize=1)
def _lower_face() -> np.ndarray:
    """(P,) int, read-only: the face points below `LOWER_FROM` in the canonical face, made once."""
    lower = np.flatnonzero(canonical_template()[:FACE_POINTS, 1] > LOWER_FROM)
    lower.flags.writeable = False
    return lower


def widen_jaw(target: np.ndarray, source_overhang: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Target landmarks (478, 3) px with the oval's jaw points on the far side (`jaw_line.ON_OVAL`, from the jaw
    angle to the chin on the side the nose tip lies towards from the face's midline) moved out along their
    normals to cover the face points outside them (module docstring). Both ends of the jaw segment nearest a
    point of the lower face (`LOWER_FROM`) standing out farther than in the photo (`source_overhang`, (468,)
    face sizes, `overhang` of the photo's landmarks: a turned photo's own points beyond its oval are drawn as
    they are) move out by that excess, over `rounds` passes (each pass's normals from the last), in all by
    at most `MOST` face sizes; the same array when none stands out by more than `SLACK` beyond the photo's."""
    positions = _OVAL
    jaw = _jaw_line() & _far_side(target, positions)
    lower = _lower_face()
    moved = target
    for _ in range(rounds):
        out = overhang(moved, lower) - source_overhang[lower]
        standing = out > SLACK
        if not standing.any():
            break
        oval = moved[positions, :2].astype(np.float64)
        segment = nearest_segments(moved[lower[standing], :2].astype(np.float64), oval)[2]
        push = np.zeros(len(positions))
        size = float(np.ptp(oval[:, 1]))
        depth = out[standing] * size
        np.maximum.at(push, segment, depth)  # both ends of each point's segment
        np.maximum.at(push, (segment + 1) % len(positions), depth)
        push = np.where(jaw, np.maximum(push, gaussian_filter1d(push, 1.0, mode="wrap")), 0.0)  # no notch
        if push.max() <= SLACK * size:
            break
        moved = np.array(moved, np.float32, copy=True)
        moved[positions, :2] += (push[:, None] * _outward(oval)).astype(np.float32)
    if moved is target:
        return target
    shift = moved[positions, :2] - target[positions, :2]
    size = float(np.ptp(target[positions, 1]))
    reach = np.linalg.norm(shift, axis=1, keepdims=True)
    moved[positions, :2] = target[positions, :2] + shift * np.minimum(1.0, MOST * size / np.maximum(reach, 1e-6))
    return moved
