"""Per-frame retargeting for streams (live camera, streamed `animate`) that reproduces the batch
`facereel.motion.retarget.retarget` with reference="first".

The batch functions stay the single source of truth for the maths: each frame is turned into a two-frame
`Motion` (reference frame, current frame) by `extract_motion` and retargeted by `retarget`. Only the
One-Euro smoothing needs state across frames: `CarriedSmoother` is handed to `retarget` as its smoother
and continues each channel's stream (by the channel's name) from the previous frame instead of restarting it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.errors import InputError
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import fill_missing
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, channel_filter, retarget
from facereel.motion.smoothing import OneEuroStream


class CarriedSmoother:
    """The smoother `retarget` receives for each two-frame Motion (reference, current): one OneEuroStream
    per channel name (its `channel_filter`), each continued frame after
    frame. Row 0 (the reference frame) is returned unfiltered: in the batch run the reference is the first
    valid frame and every frame before it is a copy of it (fill_missing holds the ends), so its smoothed
    value equals its raw value."""

    def __init__(self, options: RetargetOptions, fps: float) -> None:
        self.options, self.fps = options, fps
        self.streams: dict[str, OneEuroStream] = {}

    def __call__(self, channel: str, x: np.ndarray, fps: float) -> np.ndarray:
        if channel not in self.streams:
            filt = channel_filter(channel, self.options.smoothing, self.options.translation_smoothing)  # type: ignore[arg-type]
            self.streams[channel] = OneEuroStream(filt, self.fps)
        x = np.asarray(x, dtype=np.float64)
        return np.stack([x[0], self.streams[channel](x[1])])


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
        self.reference: np.ndarray | None = None

    def __call__(self, driver_landmarks: np.ndarray) -> np.ndarray:
        """(478, 3) px of the driver's face in this frame -> (478, 3) float32 px target of the source."""
        current = np.asarray(driver_landmarks, dtype=np.float32)
        if self.reference is None:
            self.reference = current.copy()
        pair = FaceTrack(landmarks=np.stack([self.reference, current]), valid=np.ones(2, bool),
                         confidence=np.ones(2, np.float32), fps=self.fps, frame_size=(0, 0))
        return retarget(self.source_landmarks, extract_motion(pair, reference="first"), self.options, self.smoother)[1]


class GapFiller:
    """Per-frame tracking results (landmarks or None) -> landmarks for every frame, filled exactly as
    `assemble_track` fills a whole video: interpolated between valid neighbours, held at the ends.

    A frame is released once the next face is seen (or at `finish`), so a gap delays output by its
    length; only landmarks and the caller's small per-frame payloads are held meanwhile.
    """

    def __init__(self) -> None:
        self._last: np.ndarray | None = None
        self._waiting: list[object] = []  # payloads of faceless frames since the last face

    def push(self, landmarks: np.ndarray | None, payload: object = None) -> list[tuple[np.ndarray, object]]:
        """Add one frame; returns the (landmarks (478, 3), payload) pairs now resolved, in frame order."""
        if landmarks is None:
            self._waiting.append(payload)
            return []
        landmarks = np.asarray(landmarks, dtype=np.float32)
        gap, self._waiting = self._waiting, []
        if self._last is None:
            filled = [landmarks] * len(gap)
        else:
            window = np.zeros((len(gap) + 2,) + landmarks.shape, np.float32)
            window[0], window[-1] = self._last, landmarks
            valid = np.zeros(len(window), bool)
            valid[[0, -1]] = True
            filled = list(fill_missing(window, valid)[1:-1]) if gap else []
        self._last = landmarks
        return list(zip(filled, gap)) + [(landmarks, payload)]

    def finish(self, what: str | Path = "driving video") -> list[tuple[np.ndarray, object]]:
        """The frames still waiting (held at the last face); InputError when no frame had a face."""
        if self._last is None:
            raise InputError("no face found in any frame", what)
        gap, self._waiting = self._waiting, []
        return [(self._last, p) for p in gap]
