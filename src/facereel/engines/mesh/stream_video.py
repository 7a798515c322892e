"""Streamed `animate` for the mesh engine: a driving video -> animated video in one pass, memory bounded.

A pipeline of five stages, each on its own thread, joined by bounded queues (`background.py`), so while
frame n is encoded, n+1 is drawn, n+2 mapped and n+3 tracked and retargeted:

    worker "decode":  decode the driver (FFmpeg)                                           --queue-->
    worker "track":   track its face (and shoulders), fill tracking gaps, retarget
                      (StreamingRetargeter), follow the body (DrivenPortrait.drive)          --queue-->
    caller "map":     the frame's geometry: pose and stretch limits, the rasterised backward map
                      (MeshAnimator.map_frame: mostly Python and small numpy calls)          --queue-->
    worker "draw":    its pixels: upsampled map, head layer over the plate, eyes, mouth, paste
                      (MeshAnimator.draw: mostly OpenCV, which lets go of the GIL)           --queue-->
    worker "encode":  H.264 (+ the driver's audio; side-by-side panels)

Frames keep their order and are the same, bit for bit, as with `pipelined=False` (every stage one after
the other on the caller). A stage's error (a frame that does not decode, an encoder failure) or Ctrl-C
stops every stage and is raised in the caller, and the sink's own atomic write leaves no output.
The output equals the two-pass path (track everything, `retarget`, render) for reference="first".
"""
from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from facereel.engines.mesh.animator import FrameMap, MeshAnimator, MeshOptions
from facereel.engines.mesh.background import BackgroundSink, opencv_pool_off, prefetch
from facereel.face.shoulders import Shoulders, ShoulderTracker
from facereel.engines.mesh.driven import DrivenFrame, DrivenPortrait
from facereel.motion.streaming_retarget import GapFiller
from facereel.face.tracking import FaceTracker
from facereel.face.turned_video import turned_note, upright_file
from facereel.media.video import open_video
from facereel.media.frames import OpenSink
from facereel.motion.retarget import RetargetOptions

QUEUE_DEPTH = 8  # frames each queue may hold: enough to absorb jitter, small enough for 4K frames
T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class TrackedFrame:
    """One driver frame's tracking: face (478, 3) px or None; shoulders (2, 2) px or None; the frame
    itself (H, W, 3) uint8 RGB when its mouth interior is wanted (else None)."""

    face: np.ndarray | None
    shoulders: Shoulders | None
    image: np.ndarray | None = None


def track_driver(frames: Iterator[np.ndarray], face_index: int | None, body: bool,
                 what: str | Path = "driving video", keep_image: bool = False
                 ) -> Generator[TrackedFrame, None, None]:
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


def read_health(animator: MeshAnimator, index: int, health: list[float] | None, every: int) -> float:
    """Append the last map's `MeshAnimator.warp_health` to `health` (when given) on frames `index` 0, `every`,
    2 `every`, ... (`animate --health-every`); returns the read's thread CPU seconds (0 on the frames not read)."""
    if health is None or index % every:
        return 0.0
    start = time.thread_time()
    health.append(animator.warp_health)
    return time.thread_time() - start


def drive_frames(tracked: Generator[TrackedFrame, None, None], portrait: DrivenPortrait,
                 what: str | Path = "driving video", faceless: list[int] | None = None) -> Iterator[DrivenFrame]:
    """Each tracked frame retargeted onto the portrait (`DrivenPortrait.drive`), in order; a faceless
    frame's landmarks are filled in (`GapFiller`), so its image (None) is not used for the mouth, and its index
    appended to `faceless` when given. Closing this closes `tracked` (its trackers) on the same thread."""
    gaps = GapFiller(portrait.retargeter.fps)
    with contextlib.closing(tracked):
        for index, item in enumerate(tracked):
            if item.face is None and faceless is not None:
                faceless.append(index)
            for face, rest, held in gaps.push(item.face, item):
                yield portrait.drive(face, held.shoulders, held.image, rest)  # type: ignore[union-attr]
        for face, rest, held in gaps.finish(what):
            yield portrait.drive(face, held.shoulders, held.image, rest)  # type: ignore[union-attr]


def _stage(items: Iterable[T], name: str, pipelined: bool, cpu: dict[str, float] | None) -> Iterator[T]:
    """`items` iterated on a worker thread of its own (pipelined) or on the caller's."""
    return prefetch(items, QUEUE_DEPTH, name, cpu) if pipelined else iter(items)


@contextlib.contextmanager
def _consumer(consume: Callable[[U], None], name: str, pipelined: bool,
              cpu: dict[str, float] | None) -> Iterator[Callable[[U], None]]:
    """`consume` run on a worker thread of its own (pipelined: `BackgroundSink.put`) or on the caller's."""
    if not pipelined:
        yield consume
        return
    with BackgroundSink(consume, QUEUE_DEPTH, name, cpu) as sink:
        yield sink.put


def render_video(source_image: np.ndarray, source_landmarks: np.ndarray, driving: str | Path,
                  open_output: OpenSink, retarget: RetargetOptions, face_index: int | None = None,
                  mesh: MeshOptions | None = None, body: bool = False,
                  panels: Iterator[np.ndarray] | None = None,
                  progress: Callable[[int], None] | None = None, health: list[float] | None = None,
                  health_every: int = 1, pipelined: bool = True, cpu: dict[str, float] | None = None,
                  faceless: list[int] | None = None, reference: list[np.ndarray] | None = None,
                  say: Callable[[str], None] | None = None) -> int:
    """Animate the portrait (H, W, 3 uint8 RGB; landmarks (478, 3) px) with a driving video into the sink
    `open_output` opens at the driver's fps. Returns the number of frames written (= driver frames; a
    variable-frame-rate driver is resampled by timestamp to its average rate, so frames stay in sync with
    the audio within one frame).

    body: the portrait's torso follows the driver's shoulders (needs both visible in the portrait and the
    driver; costs a pose model per frame). panels: left panels for side-by-side output, one per frame.
    health: when given, the `MeshAnimator.warp_health` of every `health_every`th frame (frames 0, N, 2N, ...; a read
    costs ~2 CPU ms at 512, docs/benchmarks.md "Warp health on a stride") is appended to it.
    faceless: when given, gets
    the indices of the driver's frames without a face (their pose filled in). reference: when given, gets the
    reference frame's features (F,) as retargeting took them (`StreamingRetargeter.reference_features`).
    A driver on its side is turned upright before tracking (its turn read on a pass of its own over the file that
    holds no frame, `turned_video.upright_file`, on the caller before the stages start) and told to `say` when given.
    progress(1) after each frame is mapped (on the caller). pipelined: the stages on threads of their own (module docstring), with
    OpenCV's own thread pool off for the pass (`background.opencv_pool_off`) unless `mesh.cv_threads` is
    set; False runs them one after the other on the caller (the same frames). cpu: when given, gets each
    stage's CPU seconds ("decode", "track", "map", "draw", "encode": the stage's thread's own time) when
    pipelined, else the caller's whole CPU time as "sequential", and the warp health's reads' as "health" (the
    caller's: part of "map" or "sequential").
    """
    video = open_video(driving)
    portrait = DrivenPortrait(source_image, source_landmarks, retarget, video.fps, mesh, body)
    animator = portrait.animator
    start = time.thread_time()

    def encode(frame: np.ndarray) -> None:
        writer.write(beside_panel(frame, panels))

    def draw(item: tuple[FrameMap, DrivenFrame]) -> None:
        frame_map, frame = item
        put_encoded(portrait.as_photo(animator.draw(frame_map, frame.torso, frame.driver)))

    with contextlib.ExitStack() as stack:  # closed in reverse: track, decode, draw, encode, the output, video
        if pipelined and (mesh is None or mesh.cv_threads is None):
            stack.enter_context(opencv_pool_off())  # the stages keep the cores busy (`opencv_pool_off`)
        stack.enter_context(video)
        writer = stack.enter_context(open_output(video.fps))
        put_encoded = stack.enter_context(_consumer(encode, "encode", pipelined, cpu))
        put_drawn = stack.enter_context(_consumer(draw, "draw", pipelined, cpu))
        turn, upright = upright_file(lambda: video.frames(fps=video.fps))
        if turn is not None and say is not None:
            say(turned_note(turn, "driving video"))
        decoded = stack.enter_context(contextlib.closing(_stage(upright, "decode", pipelined, cpu)))
        tracked = track_driver(decoded, face_index, portrait.follows_body, driving, portrait.wants_driver_image)
        driven = stack.enter_context(contextlib.closing(
            _stage(drive_frames(tracked, portrait, driving, faceless), "track", pipelined, cpu)))
        for index, frame in enumerate(driven):
            put_drawn((animator.map_frame(frame.target), frame))
            spent = read_health(animator, index, health, health_every)
            if cpu is not None and health is not None:
                cpu["health"] = cpu.get("health", 0.0) + spent
            if progress is not None:
                progress(1)
        if cpu is not None:
            cpu["map" if pipelined else "sequential"] = time.thread_time() - start
    if reference is not None and portrait.retargeter.reference_features is not None:
        reference.append(portrait.retargeter.reference_features)
    return writer.frames_written
