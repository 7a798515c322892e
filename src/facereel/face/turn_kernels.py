"""The head's turn from the source's pose, compiled (numba, issue #9's speed): the steps of scipy's `Rotation`
the map stage (`engines.mesh.geometry.head_proxy`'s turn) and the track stage (`motion.retarget.smooth_motion`) took each
frame (`from_matrix`, `as_rotvec`, `magnitude`, then `from_rotvec(...).as_matrix()`),
with the same float operations in the same order, so the results are bit-identical to SciPy 1.17's
(tests/mesh/test_turn_kernels.py checks them on random and real turns). scipy's calls cost ~0.13-0.15 ms a
frame, these ~8 us (thread CPU, docs/benchmarks.md). As scipy, a matrix not orthogonal to 1e-12 (every product
of float32 rotations) is first replaced by its nearest rotation (U V^T of its SVD: numba's, SciPy's LAPACK,
the same bits as numpy's here), then turned into a unit quaternion by the largest of its diagonal and trace.
"""

from __future__ import annotations

import math

import numpy as np

from facereel.compiled import kernel as _kernel


@_kernel
def _is_orthogonal(m: np.ndarray) -> bool:
    """scipy's test: m m^T within 1e-12 (absolute, plus `isclose`'s default 1e-5 relative) of the identity."""
    g = m @ m.T
    for i in range(3):
        for j in range(3):
            e = 1.0 if i == j else 0.0
            if not abs(g[i, j] - e) <= 1e-12 + 1e-5 * abs(e):
                return False
    return True


@_kernel
def quaternion(m: np.ndarray) -> np.ndarray:
    """(4,) float64 unit quaternion (x, y, z, w) of a (3, 3) float64 rotation `m`, made orthogonal first where it
    is not (`_is_orthogonal`; numba's SVD, SciPy's LAPACK): scipy's `Rotation.from_matrix(m).as_quat()` bit for
    bit (the sign as scipy's)."""
    if not _is_orthogonal(m):
        u, _, vt = np.linalg.svd(m)
        m = u @ vt
    trace = m[0, 0] + m[1, 1] + m[2, 2]
    choice = 3
    best = trace
    for i in range(2, -1, -1):  # numpy's argmax: the first of equal largest
        if m[i, i] >= best:
            best = m[i, i]
            choice = i
    q = np.empty(4)
    if choice != 3:
        i = choice
        j = (i + 1) % 3
        k = (j + 1) % 3
        q[i] = 1 - trace + 2 * m[i, i]
        q[j] = m[j, i] + m[i, j]
        q[k] = m[k, i] + m[i, k]
        q[3] = m[k, j] - m[j, k]
    else:
        q[0] = m[2, 1] - m[1, 2]
        q[1] = m[0, 2] - m[2, 0]
        q[2] = m[1, 0] - m[0, 1]
        q[3] = 1 + trace
    norm = math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3])
    for i in range(4):
        q[i] = q[i] / norm
    return q


@_kernel
def rotation_vector(q: np.ndarray) -> np.ndarray:
    """(3,) float64 rotation vector (axis times angle, rad) of a unit quaternion q (4,) (x, y, z, w): scipy's
    `as_rotvec` bit for bit."""
    x, y, z, w = q[0], q[1], q[2], q[3]
    if w < 0:
        x, y, z, w = -x, -y, -z, -w
    angle = 2 * math.atan2(math.sqrt(x * x + y * y + z * z), w)
    if angle <= 1e-3:
        angle2 = angle * angle
        scale = 2 + angle2 / 12 + 7 * angle2 * angle2 / 2880
    else:
        scale = angle / math.sin(angle / 2)
    return np.array([scale * x, scale * y, scale * z])


@_kernel
def angle(q: np.ndarray) -> float:
    """The rotation angle (rad, in [0, pi]) of a unit quaternion q (4,) (x, y, z, w): scipy's `magnitude` bit for bit."""
    return 2 * math.atan2(math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]), abs(q[3]))


@_kernel
def rotvec_matrix(rotvec: np.ndarray) -> np.ndarray:
    """(3, 3) float64 rotation of a rotation vector (3,) float64 (rad): scipy's `from_rotvec(rotvec).as_matrix()`
    bit for bit."""
    a = math.sqrt(rotvec[0] * rotvec[0] + rotvec[1] * rotvec[1] + rotvec[2] * rotvec[2])
    if a <= 1e-3:
        a2 = a * a
        scale = 0.5 - a2 / 48 + a2 * a2 / 3840
    else:
        scale = math.sin(a / 2) / a
    x, y, z, w = scale * rotvec[0], scale * rotvec[1], scale * rotvec[2], math.cos(a / 2)
    x2, y2, z2, w2 = x * x, y * y, z * z, w * w
    xy, zw, xz, yw, yz, xw = x * y, z * w, x * z, y * w, y * z, x * w
    m = np.empty((3, 3))
    m[0, 0] = x2 - y2 - z2 + w2
    m[1, 0] = 2 * (xy + zw)
    m[2, 0] = 2 * (xz - yw)
    m[0, 1] = 2 * (xy - zw)
    m[1, 1] = -x2 + y2 - z2 + w2
    m[2, 1] = 2 * (yz + xw)
    m[0, 2] = 2 * (xz + yw)
    m[1, 2] = 2 * (yz - xw)
    m[2, 2] = -x2 - y2 + z2 + w2
    return m


@_kernel
def turn_of(m: np.ndarray) -> tuple[np.ndarray, float]:
    """The rotation vector (3,) float64 (rad) and the angle (rad) of a (3, 3) float64 rotation: scipy's
    `from_matrix(m)`'s `as_rotvec()` and `magnitude()` bit for bit."""
    q = quaternion(m)
    return rotation_vector(q), angle(q)
