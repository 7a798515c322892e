"""The soft pose limit: how far a single photo's head can be turned before the warp would have to show
what the photo does not (the far cheek, the back of the head).

Yaw and pitch of the target head *relative to the source photo's own pose* pass unchanged up to a knee
(+-45 deg yaw, +-25 deg pitch) and beyond it are compressed smoothly (same value and slope at the knee,
tanh-shaped) towards a ceiling (+-55 deg, +-32 deg) that is never reached. The same limit then applies
to the target's absolute yaw and pitch (from frontal): a portrait already turned 25 deg cannot be turned
45 deg further, the face mesh folds beyond that. Roll, translation, scale and the expression are
untouched: an image-plane roll is always possible.

A portrait already turned shows its far side foreshortened or not at all, so turning it back towards
the camera (relative yaw against the source's own yaw) shows what the photo lacks (a second eye, a torn
cheek) long before 45 deg: towards that side the yaw knee falls with the source's yaw
(`hidden_side_knee`), with the same span to its ceiling. A portrait within `HIDDEN_FREE` deg of frontal
keeps the symmetric knee.

A relative roll (about the face's own forward axis) turns a relative pitch partly sideways, and on a turned
portrait sideways is towards the side the photo does not show: sr_8 (turned 34 deg) edited by pitch 30 and roll
-30 (each alone holds) had its far eye torn out as a floating rectangle beside the face and skin slabs down the far
cheek. So on a turned portrait the pitch knee and ceiling shrink with the roll (`rolled_pitch_share`).

A raised chin on a turned portrait turned back towards the camera brings the underside of its far jaw into view,
which the photo shows edge-on (its lower cheek's triangles turned over): sr_4 x preset:turn 82-90 drew the far lower
cheek opened ~3x from the silhouette's pixels, the moustache's tail and the jaw line's grey fanned out to the jaw
angle (`figures.jaw_grey`). So a raised chin's knee and ceiling shrink too with the yaw back (`raised_pitch_share`).
"""

from __future__ import annotations

import numpy as np

from facereel.face.pose import HeadPose, euler_degrees, rotation_from_euler
from facereel.motion.soft_limit import soft_limit

YAW_KNEE, YAW_CEILING = 45.0, 55.0
PITCH_KNEE, PITCH_CEILING = 25.0, 32.0
HIDDEN_FREE, HIDDEN_GAIN = 5.0, 2.6
"""A portrait turned more than `HIDDEN_FREE` deg has its yaw knee towards its hidden side lowered by
`HIDDEN_GAIN` deg per degree beyond (sr_4, turned 20 deg: knee 5 deg, turned back at most ~15 deg; sr_8,
turned 34 deg: knee 0, ceiling 10 deg). With gain 1.5 (sr_4's knee 22 deg) sr_4 turned back ~31 deg drew
its far-cheek silhouette (the dark edge against the background beside it in the photo) as a slash across
the cheek from ~20 deg back (knee 10), with a cut-looking far jaw; at knee 5 and below neither shows
(`artefact_scores.ArtefactScores.dark_lines`, docs/mesh-engine.md)."""
ROLLED_PITCH, ROLLED_PITCH_FLOOR = 1.5, 0.25
"""The pitch knee and ceiling of a portrait whose hidden side's knee fell to 0 (sr_8) are scaled by 1 -
`ROLLED_PITCH` |sin roll|, not below `ROLLED_PITCH_FLOOR` (from roll 30 deg on): sr_8 with roll -30 held up to
pitch ~12 and tore the far eye from ~20; at gain 1 (pitch 30 -> ~16) bits of the far eye's rim were still torn."""

RAISED_PITCH = 3.0
"""A raised chin's pitch knee and ceiling on a portrait whose hidden side's knee fell (`HIDDEN_GAIN`) are scaled by
1 - `RAISED_PITCH` * (the knee's fall, 0-1) * |sin yaw back|, not below `ROLLED_PITCH_FLOOR`: sr_4 (knee 5 deg) x
preset:turn 86, turned back 15 deg with the chin raised 25 deg, keeps 0.31 of the pitch's knee (~8 deg):
`jaw_grey` 0.121 -> 0.029 (the photo 0.021), warp health 0.0154 -> 0; at 1.5 the grey and the fan stayed
(0.056, 0.0098)."""


def hidden_side_knee(source_yaw: float) -> float:
    """The relative yaw knee (deg) towards the side a portrait turned by `source_yaw` deg does not show."""
    return float(np.clip(YAW_KNEE - HIDDEN_GAIN * (abs(source_yaw) - HIDDEN_FREE), 0.0, YAW_KNEE))


def rolled_pitch_share(source_yaw: float, roll: float) -> float:
    """The share (`ROLLED_PITCH_FLOOR` to 1) of the pitch knee and ceiling left with a relative `roll` (deg) on a
    portrait turned by `source_yaw` deg: 1 where the hidden side's knee is the symmetric one (frontal) or roll 0."""
    hidden = 1.0 - hidden_side_knee(source_yaw) / YAW_KNEE
    share = 1.0 - ROLLED_PITCH * hidden * abs(float(np.sin(np.radians(roll))))
    return max(share, ROLLED_PITCH_FLOOR)


def raised_pitch_share(source_yaw: float, yaw: float) -> float:
    """The share (`ROLLED_PITCH_FLOOR` to 1) of the knee and ceiling left to a raised chin on a portrait turned by
    `source_yaw` deg with a relative yaw `yaw` deg back towards its hidden side (1 for a yaw the other way)."""
    if yaw * source_yaw >= 0:
        return 1.0
    hidden = 1.0 - hidden_side_knee(source_yaw) / YAW_KNEE
    return max(1.0 - RAISED_PITCH * hidden * abs(float(np.sin(np.radians(yaw)))), ROLLED_PITCH_FLOOR)


def _limited(rotation: np.ndarray, source_yaw: float | None = None) -> np.ndarray | None:
    """(3, 3) `rotation` with its yaw and pitch soft-limited, or None when both are within the knees. With
    `source_yaw` (deg) the rotation is relative to that portrait, a yaw against it (back towards the camera) has
    the knee `hidden_side_knee` and the pitch's knee and ceiling shrink with the roll (`rolled_pitch_share`), a raised
    chin's (pitch < 0) with the yaw back too (`raised_pitch_share`, of the limited yaw)."""
    yaw, pitch, roll = euler_degrees(rotation[None])[0]
    knee = YAW_KNEE
    if source_yaw is not None and yaw * source_yaw < 0:
        knee = hidden_side_knee(source_yaw)
    new_yaw = soft_limit(yaw, knee, knee + YAW_CEILING - YAW_KNEE)
    share = 1.0 if source_yaw is None else rolled_pitch_share(source_yaw, roll)
    if source_yaw is not None and pitch < 0:
        share *= raised_pitch_share(source_yaw, new_yaw)
    new_pitch = soft_limit(pitch, share * PITCH_KNEE, share * PITCH_CEILING)
    if new_yaw == yaw and new_pitch == pitch:
        return None
    return rotation_from_euler(new_yaw, new_pitch, roll)


def limit_rotation(source_rotation: np.ndarray, target_rotation: np.ndarray) -> np.ndarray | None:
    """(3, 3) target rotation with its yaw/pitch soft-limited relative to the source, then absolutely, or
    None when the target is within the knees (nothing to change). Rotations map canonical -> camera."""
    source_yaw = float(euler_degrees(source_rotation[None])[0, 0])
    relative = _limited(source_rotation.T @ target_rotation, source_yaw)
    rotation = target_rotation if relative is None else source_rotation @ relative
    absolute = _limited(rotation)
    if absolute is None:
        return None if relative is None else rotation
    return absolute


def limit_pose(target: np.ndarray, target_pose: HeadPose, source_rotation: np.ndarray
               ) -> tuple[np.ndarray, HeadPose]:
    """Target landmarks (478, 3) px and their pose, with the head's rotation soft-limited (unchanged
    objects when within the knees). The face keeps its canonical shape (expression) and its position."""
    rotation = limit_rotation(source_rotation.astype(np.float64), target_pose.rotation[0].astype(np.float64))
    if rotation is None:
        return target, target_pose
    canonical = target_pose.to_canonical(target[None])
    pose = HeadPose(rotation[None].astype(np.float32), target_pose.scale, target_pose.translation)
    return pose.to_image(canonical)[0], pose
