"""`facereel live`: animate a portrait from a camera (or a video file standing in for one) in real time.

Per frame: track the driver's face (FaceTracker) -> retarget relative to the first frame with a face
(StreamingRetargeter) -> render (MeshAnimator) -> show in a window and/or hand to the encoder thread.
Frames without a face keep the last pose; before the first face the portrait is shown as it is.
Frames also go to live outputs (media/live_outputs.py: raw frames on stdout, a virtual camera) as they are made.
"""

from __future__ import annotations

import collections
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from facereel.engines.mesh.animator import MeshOptions
from facereel.errors import unwrapped_interrupts
from facereel.engines.mesh.background import BackgroundSink
from facereel.face.exposure import without_a_face
from facereel.face.shoulders import ShoulderTracker
from facereel.media.capture import Capture
from facereel.engines.mesh.driven import DrivenPortrait
from facereel.media.live_outputs import FrameStream, OutputClosed, TimelineWriter
from facereel.engines.mesh.stream_video import QUEUE_DEPTH
from facereel.face.tracking import FaceTracker
from facereel.media.writer import VideoWriter
from facereel.motion.retarget import RetargetOptions

WINDOW = "facereel live (q or Esc to stop)"
_RATE_WINDOW = 30  # frames over which the shown frame rate is measured


def display_available() -> bool:
    """Whether cv2.imshow can open a window (an X11/Wayland display on Linux; assumed elsewhere)."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


@dataclass
class LiveStats:
    """Running measurements. fps: output frames per second over the last frames. latency_ms: time from a
    frame's capture to its display (or hand-off to the encoder and live outputs), per frame, most recent last.
    closed: why a live output ended the session (its reader went away), else None."""

    frames: int = 0
    faceless: int = 0
    dropped: int = 0
    elapsed_s: float = 0.0
    closed: str | None = None
    _ends: collections.deque = field(default_factory=lambda: collections.deque(maxlen=_RATE_WINDOW))
    latency_ms: collections.deque = field(default_factory=lambda: collections.deque(maxlen=10_000))

    def add(self, captured_at: float, done_at: float) -> None:
        self.frames += 1
        self._ends.append(done_at)
        self.latency_ms.append(1e3 * (done_at - captured_at))

    @property
    def fps(self) -> float:
        if len(self._ends) < 2:
            return 0.0
        return (len(self._ends) - 1) / max(self._ends[-1] - self._ends[0], 1e-9)

    def line(self) -> str:
        """The current rate and latency, e.g. '27.5 fps, 41 ms'."""
        latency = self.latency_ms[-1] if self.latency_ms else 0.0
        return f"{self.fps:.1f} fps, {latency:.0f} ms"

    def summary(self) -> str:
        lat = np.asarray(self.latency_ms) if self.latency_ms else np.zeros(1)
        rate = self.frames / self.elapsed_s if self.elapsed_s > 0 else 0.0
        return (f"{self.frames} frames in {self.elapsed_s:.1f} s: {rate:.1f} fps, latency median "
                f"{np.median(lat):.0f} ms (p90 {np.percentile(lat, 90):.0f} ms), {self.dropped} capture frames "
                f"dropped, {without_a_face(self.faceless)}")


def overlay(frame: np.ndarray, text: str) -> np.ndarray:
    """frame with `text` drawn in its top-left corner (a copy; outlined so it reads on any background)."""
    out = frame.copy()
    scale = max(0.5, frame.shape[0] / 900)
    for colour, width in (((0, 0, 0), 4), ((255, 255, 255), 1)):
        cv2.putText(out, text, (10, int(30 * scale)), cv2.FONT_HERSHEY_SIMPLEX, scale, colour, width, cv2.LINE_AA)
    return out


def run_live(source_image: np.ndarray, source_landmarks: np.ndarray, capture: Capture, retarget: RetargetOptions,
             show: bool, output: str | Path | None = None, mesh: MeshOptions | None = None, body: bool = False,
             face_index: int | None = None, max_frames: int | None = None,
             on_frame: Callable[[LiveStats], None] | None = None, streams: Sequence[FrameStream] = ()) -> LiveStats:
    """Animate the portrait ((H, W, 3) uint8 RGB, landmarks (478, 3) px) from `capture` until the input ends,
    `max_frames` frames were shown, q/Esc is pressed in the window, a stream's reader goes away
    (`stats.closed` says which) or Ctrl-C. The output video (optional) has the input's frame rate and one
    frame per input frame (dropped ones repeat the previous frame); `streams` get every rendered frame once.
    """
    portrait = DrivenPortrait(source_image, source_landmarks, retarget, capture.fps, mesh, body)
    stats = LiveStats()
    audio = capture.path if output is not None and capture.path is not None else None
    start = capture.clock()
    with contextlib.ExitStack() as stack:
        faces = stack.enter_context(FaceTracker(face_index=face_index, video=True))
        body_tracker = stack.enter_context(ShoulderTracker(video=True)) if portrait.follows_body else None
        sink = None
        if output is not None:
            writer = stack.enter_context(VideoWriter(output, fps=capture.fps, audio_from=audio))
            sink = stack.enter_context(BackgroundSink(TimelineWriter(writer), depth=QUEUE_DEPTH))
        try:
            with unwrapped_interrupts():  # Ctrl-C while a compiled kernel ran
                while max_frames is None or stats.frames < max_frames:
                    captured = capture.read()
                    if captured is None:
                        break
                    face = faces(captured.image)
                    if face is None:
                        stats.faceless += 1  # the portrait keeps the last pose
                    driver_shoulders = (body_tracker(captured.image)
                                        if body_tracker is not None and face is not None else None)
                    frame = portrait.render(face, driver_shoulders, captured.image)
                    if sink is not None:
                        sink.put((captured.index, frame))
                    try:
                        for stream in streams:
                            stream.send(frame)
                    except OutputClosed as closed:
                        stats.closed = str(closed)
                        break
                    if show:
                        cv2.imshow(WINDOW, cv2.cvtColor(overlay(frame, stats.line()), cv2.COLOR_RGB2BGR))
                        if cv2.waitKey(1) & 0xFF in (27, ord("q")):
                            break
                    stats.add(captured.time, capture.clock())
                    stats.dropped = capture.dropped
                    if on_frame is not None:
                        on_frame(stats)
        except KeyboardInterrupt:
            pass  # Ctrl-C ends a live session normally: what was recorded is kept
        if sink is not None and capture.frames_read:
            sink.put((capture.frames_read - 1, None))  # trailing dropped frames
    if show:
        cv2.destroyWindow(WINDOW)
    stats.elapsed_s = capture.clock() - start
    return stats
