"""Retarget a driving `Motion` onto a face that moves through a source video (video-to-video).

Per source frame i, with the driver's frame j(i) (the driver tracked at the source's frame rate):

- the source frame's own head pose is kept (its camera and head motion); with the "pose" region the driver's
  rotation since its reference frame is added on top (relative mode), with `translate` its translation too;
- inside the transferred regions (`RetargetOptions.regions`) the source's expression is replaced: the
  source's reference frame (by default its most neutral one: mouth closed, eyes and brows at their median)
  plus the driver's expression change since its own reference frame, so the source's own mouth motion does
  not add to the driver's (dubbing with `regions={"lips"}`); outside them the source frame keeps its own
  expression;
- the result is returned as a displacement added to the source frame's raw landmarks, the points that
  match its pixels. The displacement is computed from the source track smoothed with the retargeting's
  One-Euro filter, so tracker jitter on the source moves the mesh with the pixels and does not shimmer; the filter
  moves a point by at most `JITTER` px (`steady_own`): its lag behind a clip's own fast closing mouth (sr_1 frames
  21-23, the inner lips 35 -> 0 px in two frames) was added to the target inside the transferred regions and
  pushed the lower lip ~15 px up through the upper (a dark wedge with a pale rim, `--regions lips`). The reference
  frame's expression is taken as tracked, not from the smoothed track: the filter is causal, and a neutral frame
  just after the clip's own squint read the lid still lagging 15 % shut there, drawn on every frame (lp_d19's
  image-left eye, `figures/reference_lids`); one frame's jitter is the same on every frame, no shimmer.

`retarget` (motion/retarget.py) does the maths for each frame (one two-frame Motion: reference, current).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from facereel.face.face_track import FaceTrack
from facereel.face.pose import HeadPose, estimate_pose
from facereel.motion.extract import Reference, extract_motion
from facereel.motion.motion import Motion
from facereel.motion.retarget import (
    INNER_PAIRS,
    RetargetOptions,
    _expression_weights,
    one_euro_smoother,
    retarget,
    smooth_motion,
)

JITTER = 1.5
"""The most the smoothing moves a source point, px: a tracker's point jitter is under 1 px, a talking mouth moves
~15 px a frame."""


def steady_own(canonical: np.ndarray, smoothed: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(T, N, 3) canonical landmarks: `smoothed`, moved back to within `JITTER` px of the tracked `canonical`
    (both (T, N, 3)); scale: (T,) px per canonical unit."""
    shift = smoothed - canonical
    reach = (JITTER / scale)[:, None, None]
    return canonical + shift * np.minimum(1.0, reach / np.maximum(np.linalg.norm(shift, axis=-1, keepdims=True), 1e-9))


def lips_moved_alike(own: np.ndarray, canonical: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """(N, 3) `own` (a frame's steadied canonical landmarks) with each inner-lip column's (`INNER_PAIRS`) two
    points moved up or down so that the frame's jitter term (`canonical` - own, the tracked less the steadied) is
    the same on both, its mean, by `weight` ((N, 1), 1 inside the transferred regions): the term may move the
    transferred mouth with the clip's pixels but not open or close it. Each point took up to `JITTER` of the
    steadying's lag behind the clip's own closing mouth, so the dubbed inner lips crossed by ~3 px (sr_1 x lp_d19
    frames 22-24, a dark line with a pale one under it) or parted by 2 (frame 20, a slit)."""
    steady = own.copy()
    up, lo = INNER_PAIRS
    jitter = canonical[:, 1] - own[:, 1]
    mean = (jitter[up] + jitter[lo]) / 2
    for points in (up, lo):
        steady[points, 1] += weight[points, 0] * (jitter[points] - mean)
    return steady


def motion_pair(motion: Motion, index: int) -> Motion:
    """The two-frame Motion (the reference frame, frame `index`) that `retarget` turns into one target."""
    rows = [motion.reference, index]
    return Motion(rotation=motion.rotation[rows], translation=motion.translation[rows], scale=motion.scale[rows],
                  expression=motion.expression[rows], features=motion.features[rows], valid=motion.valid[rows],
                  fps=motion.fps, reference=0)


def _pose_at(pose: HeadPose, index: int) -> HeadPose:
    return HeadPose(rotation=pose.rotation[index:index + 1], scale=pose.scale[index:index + 1],
                    translation=pose.translation[index:index + 1])


def retarget_video(source: FaceTrack, motion: Motion, options: RetargetOptions, driver_index: np.ndarray,
                   reference: Reference = "neutral") -> np.ndarray:
    """Target landmarks (T, 478, 3) float32 px for each source frame (T = len(driver_index)).

    source: the source video's face track (filled where lost; those frames are copied, the caller passes
    their pixels through). motion: the driver at the source's frame rate. driver_index: (T,) int, the driver
    frame used for source frame i (i itself, or wrapped round for a looped driver). options: as for
    `retarget`; `translate` None counts as off (the source's own head position is kept).
    reference: the source's reference frame, "neutral" (the most neutral valid frame: a clip that starts
    mid-word gets a closed mouth as its base) or "first" (valid).
    """
    count = len(driver_index)
    if options.smoothing is not None:
        motion = smooth_motion(motion, one_euro_smoother(options.smoothing, options.translation_smoothing))
    raw = source.landmarks.astype(np.float32)
    pose, canonical, _ = estimate_pose(raw)
    smoothed = (steady_own(canonical, options.smoothing(canonical, source.fps), pose.scale) if options.smoothing is not None
                else canonical)
    ref = extract_motion(source, reference).reference
    weight = _expression_weights(options.regions)[:, None]
    frame_options = replace(options, smoothing=None, translate=bool(options.translate))
    targets = raw[:count].copy()
    for i in range(count):
        if not source.valid[i]:
            continue
        frame_pose = _pose_at(pose, i)
        own = smoothed[i]
        base = frame_pose.to_image(((1 - weight) * own + weight * canonical[ref])[None])[0]
        target = retarget(base, motion_pair(motion, int(driver_index[i])), frame_options)[1]
        targets[i] = raw[i] + (target - frame_pose.to_image(lips_moved_alike(own, canonical[i], weight)[None])[0])
    return targets[:count]
