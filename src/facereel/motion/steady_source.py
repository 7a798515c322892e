"""A video source's mesh held steady where its face is turned far from the filmed head (issue #9).

Video-to-video warps each source frame from its tracked landmarks to its targets (`video_retarget`). Where
the target is near the filmed head the warp is near the identity and the tracker's jitter (landmarks moving
while the pixels do not) cancels out. At a big turn it does not: the turned jaw's outline is placed by the
jittering points over a background warped otherwise, and flickers by 4-14 grey levels a frame
(`figures.jaw_flicker`). There the mesh is built on the track smoothed in image space with a steadier
One-Euro filter (`STEADY`, within `REACH` of the raw track), and the targets are moved with it, so the warp's
displacement is unchanged; below `TURN` degrees nothing changes (talk and nod frames are those of the raw
track, bit for bit).
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.face_track import FaceTrack
from facereel.face.pose import head_pose
from facereel.motion.retarget import INNER_PAIRS
from facereel.motion.smoothing import OneEuro

STEADY = OneEuro(min_cutoff=0.5, beta=2.5)
"""The source track's filter at a turn, on landmarks in inter-ocular distances: 0.5 Hz on a still point (the
retargeting's 1.5 Hz leaves 8.7 of grace_hopper's 13.6 grey levels), rising by 2.5 Hz per inter-ocular distance
a second of its speed."""

REACH = 0.06
"""The most a mesh point is moved from its tracked place, in inter-ocular distances (~3 px at 256 px): the
size of a tracker's jitter; a larger gap to the filtered track is the filter's lag behind real motion, and the
mesh keeps within this of the raw track there."""

TURN = (10.0, 20.0)
"""Degrees between a frame's filmed head and its target's over which the mesh moves from the raw track (below)
to the steady one (above)."""

MOUTH = (0.05, 0.25)
"""Mouth widths from the nearest point kept on the raw track (`KEPT`) over which a point's share of the steadying
grows from 0 to 1: the inner lips and the lower lip's middle keep the raw track, the upper lip and the lower lip's
ends take part of the shift, the jaw's outline (0.5-1 widths under the lips) all of it. lp_d6 200-240's talking mouth
x lp_d3 310-354 at a 14-22 deg target turn: the filter's lag moved the mesh's inner lips 4-5 px (of `REACH`'s 7) onto
the clip's teeth, warped into the shut lips as white pieces, and crossed the targets' inner lips by up to 13 px. From
the whole lip contours (0.1-0.4 widths) the mouth's corners kept the raw track too and the target's drawn mouth
widened by ~10 px over the clip's lips: its pulled-down lower lip read more under the shut lips (`figures.lip_below`
frame 35 0.29 against 0.22)."""
INNER_LIPS = INNER_PAIRS[0] + INNER_PAIRS[1]
"""The inner lips' points between the corners (9 + 9)."""
LOWER_MIDDLE = list(ids.OUTER_LOWER_LIP[3:-3])
"""The outer lower lip's middle five points (0.4 of the mouth's width): the clip's lower lip is drawn from the band
between them and the inner lower lip, so a shift of its edge alone (lp_d6 34-39: 17 moved 5-7 px up, into the lip)
moved that much of the lip under the target's edge: a second lower lip (`figures.lip_below` 0.10-0.16 with the chin
column laid out, `chin_columns.unfold`; 0.01-0.05 with these kept)."""
KEPT = INNER_LIPS + LOWER_MIDDLE
"""The points that keep the raw track (`MOUTH`)."""


def mouth_share(points: np.ndarray) -> np.ndarray:
    """(T, N) 0-1: each point's share of the steadying shift (`MOUTH`), of (T, N, 2+) px landmarks."""
    corners = points[:, list(ids.MOUTH_CORNERS), :2]
    width = np.maximum(np.linalg.norm(corners[:, 0] - corners[:, 1], axis=-1), 1.0)[:, None]
    near = np.full(points.shape[:2], np.inf)
    for lip in KEPT:
        near = np.minimum(near, np.linalg.norm(points[..., :2] - points[:, lip, None, :2], axis=-1))
    near /= width
    return np.clip((near - MOUTH[0]) / (MOUTH[1] - MOUTH[0]), 0.0, 1.0)


def turn_degrees(rotation: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """(T,) the angle in degrees between head rotations `rotation` ((T, 3, 3), `head_pose`'s) and those of
    `targets` ((T, 478, 3) px)."""
    relative = np.einsum("tji,tjk->tik", rotation.astype(np.float64), head_pose(targets).rotation.astype(np.float64))
    cosine = (np.trace(relative, axis1=1, axis2=2) - 1) / 2
    return np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))


def steady_source(source: FaceTrack, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mesh landmarks, targets), each (T, 478, 3) float32 px, T = len(targets): the landmarks to build each
    source frame's mesh on and the targets to warp them to.

    source: the video source's track (at least T frames); targets: `retarget_video`'s for it. Per frame the
    mesh lies between the raw track and the track filtered by `STEADY` (each point moved by at most `REACH`),
    by how far the target turns the head (`TURN`); the targets move by the same amount.
    """
    count = len(targets)
    raw = source.landmarks[:count].astype(np.float64)
    valid = source.valid[:count]
    if not valid.any():
        return raw.astype(np.float32), np.asarray(targets, np.float32)
    pose = head_pose(raw)
    unit = float(np.median(pose.scale[valid]))
    shift = STEADY(raw / unit, source.fps) * unit - raw
    shift *= np.minimum(1.0, REACH * unit / np.maximum(np.linalg.norm(shift, axis=-1, keepdims=True), 1e-9))
    weight = np.clip((turn_degrees(pose.rotation, targets) - TURN[0]) / (TURN[1] - TURN[0]), 0.0, 1.0)
    weight[~valid] = 0.0
    shift *= weight[:, None, None] * mouth_share(raw)[..., None]
    return (raw + shift).astype(np.float32), (targets + shift).astype(np.float32)
