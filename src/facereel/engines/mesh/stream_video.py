"""Streamed `animate` for the mesh engine: a driving video -> animated video in one pass, memory bounded.

Three stages overlap on threads (mediapipe, FFmpeg and x264 release the GIL):

    worker 1: decode the driver, track its face (and shoulders)  --queue-->
    caller:   fill tracking gaps, retarget (StreamingRetargeter), render (MeshAnimator)  --queue-->
    worker 2: encode H.264 (+ the driver's audio)

The output equals the two-pass path (track everything, `retarget`, render) for reference="first".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.background import BackgroundSink, prefetch
from facereel.face.shoulders import Shoulders, ShoulderTracker
from facereel.engines.mesh.driven import DrivenPortrait
from facereel.motion.streaming_retarget import GapFiller
from facereel.face.tracking import FaceTracker
from facereel.media.video import open_video
from facereel.media.frames import OpenSink
from facereel.motion.retarget import RetargetOptions

QUEUE_DEPTH = 8  # frames each queue may hold: enough to absorb jitter, small enough for 4K frames


@dataclass(frozen=True)
class TrackedFrame:
    """One driver frame's tracking: face (478, 3) px or None; shoulders (2, 2) px or None; the frame
    itself (H, W, 3) uint8 RGB when its mouth interior is wanted (else None)."""

    face: np.ndarray | None
    shoulders: Shoulders | None
    image: np.ndarray | None = None


def track_driver(frames: Iterator[np.ndarray], face_index: int | None, body: bool,
                 what: str | Path = "driving video", keep_image: bool = False) -> Iterator[TrackedFrame]:
    """Track the face (and the shoulders when `body`) of each frame, keeping the frame when `keep_image`
    and a face was found; the trackers live in this generator, so it can run on a worker thread. InputError
    naming `what` when no frame had the face."""
    found = False
    with contextlib.ExitStack() as stack:
        faces = stack.enter_context(FaceTracker(face_index=face_index, video=True))
        shoulders = stack.enter_context(ShoulderTracker(video=True)) if body else None
        for frame in frames:
            face = faces(frame)
            found = found or face is not None
            yield TrackedFrame(face, shoulders(frame) if shoulders is not None else None,
                               frame if keep_image and face is not None else None)
        if not found:
            raise faces.no_face_error(what)


def beside_panel(frame: np.ndarray, panels: Iterator[np.ndarray] | None) -> np.ndarray:
    """`frame` with the next side-by-side panel on its left (black once the panels run out), or as is."""
    if panels is None:
        return frame
    panel = next(panels, None)
    return np.concatenate([panel if panel is not None else np.zeros_like(frame), frame], axis=1)


def render_video(source_image: np.ndarray, source_landmarks: np.ndarray, driving: str | Path,
                  open_output: OpenSink, retarget: RetargetOptions, face_index: int | None = None,
                  mesh: MeshOptions | None = None, body: bool = False,
                  panels: Iterator[np.ndarray] | None = None,
                  progress: Callable[[int], None] | None = None, health: list[float] | None = None) -> int:
    """Animate the portrait (H, W, 3 uint8 RGB; landmarks (478, 3) px) with a driving video into the sink
    `open_output` opens at the driver's fps. Returns the number of frames written (= driver frames; a
    variable-frame-rate driver is resampled by timestamp to its average rate, so frames stay in sync with
    the audio within one frame).

    body: the portrait's torso follows the driver's shoulders (needs both visible in the portrait and the
    driver; costs a pose model per frame). panels: left panels for side-by-side output, one per frame.
    health: when given, each frame's `MeshAnimator.warp_health` is appended to it.
    """
    video = open_video(driving)
    portrait = DrivenPortrait(source_image, source_landmarks, retarget, video.fps, mesh, body)
    gaps = GapFiller()

    with video, open_output(video.fps) as writer, \
            BackgroundSink(writer.write, depth=QUEUE_DEPTH) as sink, \
            contextlib.closing(prefetch(track_driver(video.frames(fps=video.fps), face_index, portrait.follows_body,
                                                     driving, portrait.wants_driver_image),
                                        depth=QUEUE_DEPTH)) as tracked:

        def emit(face: np.ndarray, item: TrackedFrame) -> None:
            sink.put(beside_panel(portrait.render(face, item.shoulders, item.image), panels))
            if health is not None:
                health.append(portrait.animator.warp_health)
            if progress is not None:
                progress(1)

        # A faceless frame's landmarks are filled in, so its image (None) is not used for the mouth.
        for item in tracked:
            for face, held in gaps.push(item.face, item):
                emit(face, held)  # type: ignore[arg-type]
        for face, held in gaps.finish(driving):
            emit(face, held)  # type: ignore[arg-type]
    return writer.frames_written
