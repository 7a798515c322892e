"""Per-frame retargeting for streams (live camera, streamed `animate`) that reproduces the batch
`facereel.motion.retarget.retarget` with reference="first".

The batch functions stay the single source of truth for the maths, run on the current frame alone: the
reference frame (the first) is measured once per stream (`frame_motion`), each frame is measured
(`frame_motion`), made relative to it (`relative_motion`), smoothed (`smooth_motion` about the reference's
rotation) and retargeted (`retarget_frames` with the reference's smoothed rotation and features). Only the
One-Euro smoothing needs state across frames: `CarriedSmoother` continues each channel's stream (by the
channel's name) from the previous frame.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.face.exposure import no_face_error
from facereel.face.tracking import fill_missing, rest_weights
from facereel.face.pose import HeadPose
from facereel.motion.extract import frame_motion, relative_motion
from facereel.motion.retarget import RetargetOptions, channel_filter, retarget_frames, smooth_motion
from facereel.motion.smoothing import OneEuroStream


class CarriedSmoother:
    """The smoother `smooth_motion` receives for each one-frame Motion (the current frame): one OneEuroStream
    per channel name (its `channel_filter`), each continued frame after frame."""

    def __init__(self, options: RetargetOptions, fps: float) -> None:
        self.options, self.fps = options, fps
        self.streams: dict[str, OneEuroStream] = {}

    def __call__(self, channel: str, x: np.ndarray, fps: float) -> np.ndarray:
        """x: (1, ...) the current frame's samples -> (1, ...) float64 smoothed."""
        if channel not in self.streams:
            filt = channel_filter(channel, self.options.smoothing, self.options.translation_smoothing)  # type: ignore[arg-type]
            self.streams[channel] = OneEuroStream(filt, self.fps)
        return self.streams[channel](x[0])[None]


def _unsmoothed(channel: str, x: np.ndarray, fps: float) -> np.ndarray:
    """The reference frame's "smoothing": in the batch run the reference is the first valid frame and every
    frame before it is a copy of it (fill_missing holds the ends), so its smoothed value is its raw value."""
    return np.asarray(x, dtype=np.float64)


class StreamingRetargeter:
    """Driver landmarks frame by frame -> target landmarks of the source face, as `retarget` would give
    for the whole driver with reference="first" (the first frame given is the reference).

    Args:
        source_landmarks: (478, 3) px of the source photo.
        options: retargeting switches (smoothing included).
        fps: the driver's frame rate (the smoothing's time step).
    """

    def __init__(self, source_landmarks: np.ndarray, options: RetargetOptions, fps: float) -> None:
        self.source_landmarks = np.asarray(source_landmarks, dtype=np.float32)
        self.fps = float(fps)
        self.options = options
        self.smoother = CarriedSmoother(options, self.fps)
        self._reference: tuple[HeadPose, np.ndarray] | None = None  # (pose, canonical) of the first frame, as `relative_motion` takes it
        self._reference_rotation = self._reference_features = np.zeros(0)  # as retarget_frames takes them

    @property
    def reference_features(self) -> np.ndarray | None:
        """(F,) the reference frame's features as retargeting takes them (`expression_features`); None before
        the first frame."""
        return self._reference_features if self._reference is not None else None

    def __call__(self, driver_landmarks: np.ndarray, rest_weight: float = 0.0) -> np.ndarray:
        """(478, 3) px of the driver's face in this frame -> (478, 3) float32 px target of the source. rest_weight: how
        far a gap's filled frame is eased toward the rest (`GapFiller`; 0 for a face), so the shift limit is taken
        before the ease as in the batch run (`gap_shift.limited_shift`)."""
        pose, canonical, features = frame_motion(np.asarray(driver_landmarks, dtype=np.float32)[None])
        if self._reference is None:
            self._reference = (pose, canonical)
            ref = relative_motion(pose, canonical, features, self._reference, np.ones(1, bool), self.fps, 0)
            if self.options.smoothing is not None:
                ref = smooth_motion(ref, _unsmoothed)
            self._reference_rotation, self._reference_features = ref.rotation[0], ref.features[0]
        motion = relative_motion(pose, canonical, features, self._reference, np.ones(1, bool), self.fps, 0)
        if self.options.smoothing is not None:
            motion = smooth_motion(motion, self.smoother, self._reference[0].rotation[0])
        return retarget_frames(self.source_landmarks, motion, self.options, self._reference_rotation,
                               self._reference_features, np.array([rest_weight]))[0]


class GapFiller:
    """Per-frame tracking results (landmarks or None) -> landmarks for every frame, filled exactly as
    `assemble_track` fills a whole video: interpolated between valid neighbours, held at the ends, eased back
    toward the first face in a long gap (`fill_missing`), each with its ease's weight (`rest_weights`: 0 on a face).

    A frame is released once the next face is seen (or at `finish`), so a gap delays output by its
    length; only landmarks and the caller's small per-frame payloads are held meanwhile. A face right after a
    face fills nothing (no `fill_missing` over an empty gap: its 1 434 `np.interp` calls were most of the
    streamed pass's track stage, docs/benchmarks.md).
    """

    def __init__(self, fps: float = 0.0) -> None:
        self.fps = fps  # frames/s: a long gap eases back toward the first face (`fill_missing`); 0 never
        self._first: np.ndarray | None = None
        self._last: np.ndarray | None = None
        self._waiting: list[object] = []  # payloads of faceless frames since the last face

    def push(self, landmarks: np.ndarray | None, payload: object = None) -> list[tuple[np.ndarray, float, object]]:
        """Add one frame; returns the (landmarks (478, 3), rest weight, payload) triples now resolved, in frame order."""
        if landmarks is None:
            self._waiting.append(payload)
            return []
        landmarks = np.asarray(landmarks, dtype=np.float32)
        gap, self._waiting = self._waiting, []
        if self._last is None:
            self._first = landmarks
            filled = [(landmarks, 0.0)] * len(gap)
        else:
            filled = self._fill(len(gap), landmarks)
        self._last = landmarks
        return [(face, weight, held) for (face, weight), held in zip(filled, gap)] + [(landmarks, 0.0, payload)]

    def _fill(self, count: int, after: np.ndarray | None) -> list[tuple[np.ndarray, float]]:
        """`count` faceless frames' (478, 3) landmarks after the last face and before the face `after` (None: no
        face follows), as `assemble_track` fills them, each with its rest weight."""
        if count == 0:  # a face right after a face (most frames): nothing to fill
            return []
        window = np.zeros((count + 2,) + self._last.shape, np.float32)  # type: ignore[union-attr]
        valid = np.zeros(len(window), bool)
        window[0], valid[0] = self._last, True
        if after is not None:
            window[-1], valid[-1] = after, True
        weights = rest_weights(valid, self.fps)[1:1 + count]
        return list(zip(fill_missing(window, valid, self.fps, self._first)[1:1 + count], weights.tolist()))

    def finish(self, what: str | Path = "driving video") -> list[tuple[np.ndarray, float, object]]:
        """The frames still waiting (held at the last face, then eased back as in a gap), as `push` gives them;
        InputError when no frame had a face."""
        if self._last is None:
            raise no_face_error(what, video=True)
        gap, self._waiting = self._waiting, []
        return [(face, weight, held) for (face, weight), held in zip(self._fill(len(gap), None), gap)]
