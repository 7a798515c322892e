"""A face's roll in the image's plane, and the roll past which the tracker and the mesh engine work on it turned
level: mediapipe's mesh, given an axis-aligned crop, places a rolled face's jaw and oval 2-4 px off its edges (lp_s1
rolled 30 deg), and the mesh engine's neck layer works per image column, as under an upright neck
(`engines.mesh.rolled_face`)."""

from __future__ import annotations

import numpy as np

from facereel.face.pose import euler_degrees, head_pose

ROLL_LIMIT = 15.5
"""deg: a face rolled more than this is tracked and drawn turned level. lp_s1 turned 30 deg reads 25.5, lp_s3 turned
-32 35.6, lp_s1 turned 22 17.0 (drawn unturned, `edit --pitch -10` or lp_d6 800-840 laid the neck's stepped patch
under the chin; turned, the chin's curve as the upright photo's turned); the ../shared portraits read at most 14 (sr_4
-14.0, sr_8 -7.8, the rest 0.7-4.7) and are left as they were: sr_4 turned (a limit under 14) drew the hair and wall
behind its far neck worse (a pale blob, a hooked strand; looked at, docs/status.md h30-rolled). lp_s1 turned 15 (10;
the same stepped patch, mended turned) is under it (docs/mesh-engine.md "A rolled face")."""


def face_roll(landmarks: np.ndarray) -> float:
    """deg: the image-plane roll of the face of (478, 3) px `landmarks` (`pose.head_pose`; its eye line's angle, y
    down: negative where the line rises to the image's right)."""
    return float(euler_degrees(head_pose(np.asarray(landmarks, np.float32)[None]).rotation)[0, 2])


def rolled(landmarks: np.ndarray) -> float | None:
    """deg: `face_roll` of (478, 3) px `landmarks` where it is over `ROLL_LIMIT`, else None."""
    roll = face_roll(landmarks)
    return roll if abs(roll) > ROLL_LIMIT else None
