"""A rounder far cheek on big turns: the face mesh's cheek brought forward on the side turned away.

mediapipe's face mesh (the tracker's depth of the photo's face) is flatter across the cheek than a real
head: turned ~45 deg, the far cheek beyond the nose projects to a strip a few pixels wide and the nose
tip is drawn at (or past) the face's outline, the cheek under it cut in a straight line (issue #9, lp_s1
on preset:turn frames 8-16 and 34-40; `figures.far_outline`). `round_far_cheek` moves the far side's
cheek points towards the camera in the head's own (canonical) frame, by up to `DEPTH` inter-ocular
distances, so the turned head shows them farther out, beyond the nose, as a round cheek would. Only
the depth changes: a frontal face is drawn the same (its cheek's depth does not show), and the push
grows with the turn away from the photo's own pose (`TURN`), so small turns are drawn as before, and,
where that leaves the far cheek's outline less than `CLEAR` beyond the nose tip (turned 38-41 deg the push
was ~2/3 of full and the nose still touched the outline, a notch under its tip), up to the full push as far
as the nose reaches. The turn counts the chin's drop in once the head turns (`turn`): looking down, the nose drops
to the lower cheek's height, where the face is narrower (lp_s1 and lp_s3, `edit --yaw 30 --pitch 20`).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from facereel.engines.mesh.composite import face_sizes
from facereel.engines.mesh.geometry.far_jaw import FACE_POINTS
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.face import landmark_ids as ids
from facereel.face.pose import HeadPose, canonical_template, euler_degrees

DEPTH = 0.15
"""Inter-ocular distances the middle of the far cheek comes forward at full push. Turned 45 deg from a frontal
photo (push ~0.8) its outline moves out by ~0.03 face sizes: the strip beyond the nose tip ~0.03 -> ~0.06,
round. 0.3 hid the nose on every frame but drew a swollen cheek at the whole head's scale (lp_s1, sr_18) and
the re-tracked turn fell up to 12 deg (docs/mesh-engine.md, nose round)."""
TURN = (10.0, 60.0)
"""Deg of yaw from frontal: the ramp (smoothstep) from no push at the first to full at the second; the push
is the target's ramp less the photo's own to the same side (`push`)."""
DIAGONAL = (TURN[0], 25.0)
"""Deg of yaw from frontal: the ramp (smoothstep) over which the chin's drop comes to count in the turn (`turn`);
from `TURN`'s start, where the push begins."""
ACROSS = (0.25, 0.6, 0.95, 1.15)
"""Canonical |x| (inter-ocular distances from the face's middle): the push rises from the nose's side over
the first two and falls to the oval over the last two (the oval, the face's side at z ~0.8, stays)."""
DOWN = (0.0, 0.35, 1.2, 1.75)
"""Canonical y: the push rises from the eye corners' height to below the lower lid over the first two and
falls over the jaw to the chin over the last two (eye corners at y 0, lower lids ~0.07, nose tip 0.48, mouth
corners 0.97, chin 1.73)."""

CLEAR = 0.1
"""Face sizes: the least the far cheek's outline stands beyond the nose tip (`cheek_clearance`) that the push
is raised for (up to full), as `figures.far_outline.NEAR` reads a cheek cut behind the nose."""
RAISE = 0.15
"""The most the push is raised above the turn's (`push`) for the nose (`CLEAR`)."""
_STEPS = 20  # the amounts tried at once beyond the turn's push, up to `RAISE` more (`round_far_cheek`)
_SOLVED = 1e-6  # face sizes: the solved push's clearance may fall this short of `CLEAR` (rounding)
_OVAL = np.array(ids.FACE_OVAL)  # the face oval's ids, an index array (`cheek_clearances`)
_HALVINGS = 5  # bisections of the solved step where the clearance jumps in it (`round_far_cheek`)
BAND = 0.08
"""Face sizes: the height band round the nose tip whose face points make the far cheek's outline there."""
NOSE_DOWN = (0.3, 0.72)
"""Canonical y of the nose's points whose reach `figures.far_outline.wing_margin` reads (`nose_points`): below the
bridge (above 0.3 it faces the camera on every turn) down to the nose's base (subnasale ~0.69-0.76, the upper lip's
top 0.88)."""
CHEEK_FROM = 0.45
"""Canonical |x| (inter-ocular distances from the face's middle) beyond which a face point is the cheek's:
the nose's wings reach ~0.4 (the canonical face, `face.pose.canonical_template`)."""


@lru_cache(maxsize=1)
def cheek_points() -> np.ndarray:
    """Indices of the face points beyond `CHEEK_FROM` from the canonical face's middle."""
    return np.flatnonzero(np.abs(canonical_template()[:FACE_POINTS, 0]) > CHEEK_FROM)


@lru_cache(maxsize=1)
def nose_points() -> np.ndarray:
    """Indices of the face points on the nose below its bridge: within `CHEEK_FROM` of the canonical face's middle,
    canonical y within `NOSE_DOWN`."""
    face = canonical_template()[:FACE_POINTS]
    return np.flatnonzero((np.abs(face[:, 0]) < CHEEK_FROM) & (face[:, 1] > NOSE_DOWN[0]) & (face[:, 1] < NOSE_DOWN[1]))


def cheek_clearance(landmarks: np.ndarray, outline: np.ndarray | slice, nose: np.ndarray | tuple = (ids.NOSE_TIP,)
                    ) -> float:
    """Face sizes from the nose to the outermost of the face points `outline` (indices) on the side the nose tip
    lies towards from the face's middle, the least over the points `nose` (indices; the tip alone by default) of
    the outermost within `BAND` of each one's height (negative: the nose stands past them); (478, 2+) landmarks
    px."""
    return float(cheek_clearances(landmarks, outline, nose))


def cheek_clearances(landmarks: np.ndarray, outline: np.ndarray | slice, nose: np.ndarray | tuple = (ids.NOSE_TIP,)
                     ) -> np.ndarray:
    """(...) `cheek_clearance` of each of a stack of (..., 478, 2+) landmarks px (-inf where no point of
    `outline` lies within `BAND` of any point of `nose`'s height)."""
    landmarks = np.asarray(landmarks)
    size = face_sizes(landmarks).astype(np.float64)[..., None]
    tip = landmarks[..., ids.NOSE_TIP, 0]
    oval = landmarks[..., _OVAL, 0]
    side = np.where(tip >= (oval.min(-1).astype(np.float64) + oval.max(-1)) / 2, 1.0, -1.0)[..., None]
    points = landmarks[..., list(nose), :2].astype(np.float64)  # (..., k, 2)
    near = landmarks[..., :FACE_POINTS, :2][..., outline, :].astype(np.float64)  # (..., m, 2)
    band = np.abs(near[..., None, :, 1] - points[..., :, None, 1]) < BAND * size[..., None]
    outermost = np.where(band, side[..., None] * near[..., None, :, 0], -np.inf).max(-1)  # (..., k)
    clearance = np.where(np.isfinite(outermost), (outermost - side * points[..., 0]) / size, np.inf).min(-1)
    return np.where(np.isfinite(clearance), clearance, -np.inf)


@lru_cache(maxsize=1)
def _profile() -> tuple[np.ndarray, np.ndarray]:
    """(478,) float32 in [0, 1], each landmark's share of the push (by its place on the canonical face),
    and (478,) its side (+1: canonical x > 0, -1 otherwise)."""
    face = canonical_template().astype(np.float64)
    x, y = np.abs(face[:, 0]), face[:, 1]
    a, b, c, d = ACROSS
    across = smoothstep(a, b, x) * (1 - smoothstep(c, d, x))
    a, b, c, d = DOWN
    down = smoothstep(a, b, y) * (1 - smoothstep(c, d, y))
    return (across * down).astype(np.float32), np.where(face[:, 0] > 0, 1.0, -1.0).astype(np.float32)


def yaws(rotation: np.ndarray, source_rotation: np.ndarray) -> tuple[float, float]:
    """Deg from frontal: the yaw of a head with `rotation` and of the photo's, `source_rotation` ((3, 3) each)."""
    both = euler_degrees(np.stack([np.asarray(rotation, np.float64), np.asarray(source_rotation, np.float64)]))
    return float(both[0, 0]), float(both[1, 0])


def turns(rotation: np.ndarray, source_rotation: np.ndarray) -> tuple[float, float]:
    """Deg from frontal, signed as the yaw: how far a head with `rotation` and the photo (`source_rotation`; (3, 3)
    each) turn their far cheek away (`turn`)."""
    both = euler_degrees(np.stack([np.asarray(rotation, np.float64), np.asarray(source_rotation, np.float64)]))
    return turn(both[0, 0], both[0, 1]), turn(both[1, 0], both[1, 1])


def turn(yaw: float, pitch: float) -> float:
    """Deg, signed as `yaw`: the yaw with the chin's drop (`pitch` > 0, deg) counted in as the head turns
    (`DIAGONAL`), up to the angle between the face's forward axis and the camera's, arccos(cos yaw cos pitch) for
    R = Rz Ry Rx. Turned and looking down, the nose tip drops to the lower cheek's height, where the face is
    narrower, and passes its outline at a smaller yaw (lp_s1 `edit --yaw 30 --pitch 20`: yaw 30, pitch 31, 42 deg
    off the camera); frontal, it drops down the face's middle (a pitch alone is drawn as before)."""
    yaw_r, down = np.radians(abs(yaw)), np.radians(max(pitch, 0.0))
    off = float(np.degrees(np.arccos(np.clip(np.cos(yaw_r) * np.cos(down), -1.0, 1.0))))
    return float(np.sign(yaw)) * (abs(yaw) + (off - abs(yaw)) * float(smoothstep(*DIAGONAL, abs(yaw))))


def push(target_yaw: float, source_yaw: float, ramp: tuple[float, float] = TURN) -> float:
    """In [0, 1]: how much of `DEPTH` the far cheek comes forward for a head at `target_yaw` deg drawn from a
    photo at `source_yaw` deg (both from frontal): the ramp `TURN` of the target's turn less the ramp of the
    photo's own turn to the same side (a photo turned that far already shows its far cheek as it is). `ramp`:
    another ramp (deg) read the same way."""
    side = np.sign(target_yaw)
    return float(max(0.0, smoothstep(*ramp, side * target_yaw) - smoothstep(*ramp, side * source_yaw)))


def round_far_cheek(target: np.ndarray, pose: HeadPose, source_rotation: np.ndarray) -> np.ndarray:
    """Target landmarks (478, 3) image px of a head with `pose` (T=1) with the far cheek brought forward
    (module docstring); the same array when there is nothing to push. source_rotation: (3, 3), the photo's."""
    rotation = pose.rotation[0].astype(np.float64)
    amount = push(*turns(rotation, source_rotation))
    if amount <= 0:
        return target
    profile, side = _profile()
    far = -np.sign(rotation[0, 2] * rotation[0, 0])  # the canonical side that turns away from the camera
    canonical = pose.to_canonical(np.asarray(target, np.float32)[None])[0]
    canonical[:, 2] -= DEPTH * profile * (side == far)
    full = pose.to_image(canonical[None])[0]  # the full push; the image is affine in the push

    def pushed(share: float) -> np.ndarray:
        return (target + np.float32(share) * (full - target)).astype(np.float32)

    def clears(landmarks: np.ndarray) -> bool:
        return cheek_clearance(landmarks, cheek_points()) >= CLEAR - _SOLVED

    rounded = pushed(amount)
    first = cheek_clearance(rounded, cheek_points())
    if first >= CLEAR:
        return rounded
    # The nose reaches the outline: the least push up to `RAISE` more that clears it. The first of `_STEPS`
    # more amounts (all drawn at once) that does, then solved for `CLEAR` on the affine form between it and
    # the amount before (the clearance is linear in the push while the same cheek point makes it); where a
    # cheek point enters the band round the nose tip between them (the clearance jumps), halved `_HALVINGS`
    # times towards the jump. The most where none clears.
    amounts = np.linspace(amount, min(1.0, amount + RAISE), _STEPS + 1)
    tried = (target[None] + amounts.astype(np.float32)[:, None, None] * (full - target)[None]).astype(np.float32)
    clearance = np.concatenate([[first], cheek_clearances(tried[1:], cheek_points())])
    clear = np.flatnonzero(clearance >= CLEAR)
    if not len(clear):
        return tried[-1]
    k = int(clear[0])
    (a, b), (ca, cb) = amounts[k - 1:k + 1], clearance[k - 1:k + 1]
    least = a + (b - a) * (CLEAR - ca) / (cb - ca)
    if clears(rounded := pushed(least)):
        return rounded
    a, rounded = least, tried[k]
    for _ in range(_HALVINGS):
        least = (a + b) / 2
        if clears(half := pushed(least)):
            b, rounded = least, half
        else:
            a = least
    return rounded
