"""`PortraitAnimator`: the Python API over both engines; the CLI, the web app, batch and eval call it.

    from facereel import PortraitAnimator
    anim = PortraitAnimator.from_pretrained("Skywork/SkyReels-A1", device="cuda")  # or a folder
    anim = PortraitAnimator("mesh")                      # the CPU engine, no weights
    video = anim("me.jpg", "driver.mp4")                 # paths, PIL images, numpy arrays or frame lists
    video.save("out.mp4"); video.frames; video.fps       # the driver's audio is kept
    anim.enable_model_cpu_offload()                      # diffusers' names for the a1 memory modes

Settings are `AnimateOptions` (facereel.animate.options); keyword arguments take the `animate` flags' names
(`regions="lips,eyes"`, `steps=20`, `side_by_side=True`). Messages (an `auto` engine falling back, the
offload mode chosen) go to the `facereel` logger unless `on_note` takes them.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from facereel.animate.device import check_device
from facereel.animate.driver_texts import refuse_misplaced_photo, refuse_missing_driver_face
from facereel.animate.faces import held_note
from facereel.animate.options import AnimateOptions
from facereel.engines.a1.constants import FPS as A1_FPS
from facereel.engines.a1.constants import HUB_ID
from facereel.animate.run import Driving, render_to_sink, resize_source, video_of
from facereel.animate.video_source import animate_video_source
from facereel.errors import Cancelled, InputError
from facereel.face.exposure import faceless_note
from facereel.face.turned_photo import turned_note
from facereel.animate.inputs import Source, load_source, source_from_image
from facereel.media.frames import FrameList, FrameSink, OpenSink, StillImage
from facereel.media.files import is_photo, is_video_source, writes_still
from facereel.media.output_path import STILL, VIDEO, check_output
from facereel.media.writer import VideoWriter
from facereel.motion.keyframes import Keyframe
from facereel.motion.motion import Motion
from facereel.motion.slider_options import Sliders

log = logging.getLogger("facereel")

Portrait = Any
"""A portrait: an image path, a PIL image, an (H, W, 3) uint8 RGB array, or a tracked `Source`; or a video path
(video-to-video: the face in the video is animated, the rest of it kept, animate/video_source.py)."""
DrivingInput = Any
"""A driving input: a video, photo or template (.npz) path, `preset:NAME`, a `Motion`, or frames in memory (an
(T, H, W, 3) uint8 RGB array or a list of (H, W, 3) ones, with `fps=`); or one driver per face of the
portrait, {face index (0 = leftmost): driver} (faces given none stay still)."""
STREAM_AHEAD = 8  # frames `stream` renders ahead of its reader


@dataclass
class AnimatedVideo:
    """The result of a call: frames (each (H, W, 3) uint8 RGB), fps, the video whose audio `save` muxes (the
    driving video, None for presets, templates, motions and frames in memory; or a video source) and, from
    the mesh engine, each frame's warp health (share of head pixels whose warp folds or stretches > 4x;
    empty for a1 and for paths that do not measure it: several faces, video-to-video), the driver's frames
    without a face (indices; their pose filled in from the frames beside them; one driver, not per-face
    drivers or a video source) and, for per-face drivers of a portrait image, the faces whose driver is shorter
    than the longest: {face index: the frame from which it holds its last pose} (none with `loop_driver`) and the
    note on a driver whose reference frame looks off centre (`iris_inside.off_centre_note`; one driver) or
    on a photo driver given as its own reference (`photo.SAME_REFERENCE`)."""

    frames: list[np.ndarray]
    fps: float
    audio_from: Path | None = None
    warp_health: list[float] = field(default_factory=list)
    faceless: list[int] = field(default_factory=list)
    held: dict[int, int] = field(default_factory=dict)
    reference_note: str | None = None

    def summary(self) -> str:
        """One line: "50 frames at 25 fps", then "; " and `faceless_note` when the driver lost its face and
        `held_note` when faces held their last pose, `reference_note` when the reference frame looks off centre."""
        notes = [note for note in (faceless_note(self.faceless), held_note(self.held, len(self)), self.reference_note)
                 if note]
        return "; ".join([f"{len(self)} frames at {self.fps:g} fps", *notes])

    def __len__(self) -> int:
        return len(self.frames)

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter(self.frames)

    def save(self, path: str | Path) -> Path:
        """Write the frames as H.264 (.mp4) with the driver's audio, atomically. Returns the path."""
        with VideoWriter(path, fps=self.fps, audio_from=self.audio_from) as writer:
            for frame in self.frames:
                writer.write(frame)
        return Path(path)


class PortraitAnimator:
    """Animates portraits with one engine and one set of options.

    engine: "mesh" (CPU), "a1" (needs `weights`) or None for the options' (default auto: a1 when weights and
    a CUDA GPU are there, else mesh). device: auto | cuda | cuda:N | mps | cpu (facereel.animate.device).
    options: all settings at once; `settings`: single ones by flag name, applied on top.
    The a1 model loads on the first call and stays loaded (one model per process)."""

    def __init__(self, engine: str | None = None, *, weights: str | Path | None = None, device: str = "auto",
                 options: AnimateOptions | None = None, **settings: Any) -> None:
        given = {name: value for name, value in (("engine", engine), ("weights", weights)) if value is not None}
        given.update(settings)
        options = options or AnimateOptions()
        self.options = AnimateOptions.from_record({**options.to_record(), **given}) if given else options
        self.device = check_device(device)

    @classmethod
    def from_pretrained(cls, weights: str | Path = HUB_ID, device: str = "auto", **settings: Any) -> PortraitAnimator:
        """The a1 engine with SkyReels-A1 weights: a folder in the published layout, or the hub id."""
        return cls("a1", weights=str(weights), device=device, **settings)

    def to(self, device: str) -> PortraitAnimator:
        """Run on `device` from the next call on. Returns self."""
        self.device = check_device(device)
        return self

    def enable_model_cpu_offload(self) -> None:
        """a1: whole components move to the GPU only while used (16 GiB peak on an H200, docs/benchmarks.md)."""
        self._set_a1(offload="model")

    def enable_sequential_cpu_offload(self) -> None:
        """a1: layer by layer (5.5 GiB peak, about twice the time)."""
        self._set_a1(offload="sequential")

    def enable_group_offload(self) -> None:
        """a1: transformer blocks streamed to the GPU (6.5 GiB peak, +22% time): 12 GB cards."""
        self._set_a1(offload="group")

    def disable_cpu_offload(self) -> None:
        """a1: everything on the GPU (18 GiB peak: 24 GB cards)."""
        self._set_a1(offload="none")

    def _set_a1(self, **changes: Any) -> None:
        self.options = replace(self.options, a1=replace(self.options.a1, **changes))

    def __call__(self, source: Portrait, driving: DrivingInput, *, fps: float | None = None,
                 progress: Callable[[int], None] | None = None, cancel: Callable[[], bool] | None = None,
                 on_note: Callable[[str], None] | None = None,
                 on_total: Callable[[int], None] | None = None) -> AnimatedVideo:
        """Animate `source` with `driving`; frames in memory. `fps`: the frame rate of driving frames in memory.
        progress(n): n more output frames done (a1: a window's share of them as each diffusion window
        finishes, and 0 after each denoising step; docs/api.md).
        on_total(n): once, before the first frame is done, the number of frames the run will write (either
        engine, every kind of job: one driver, per-face drivers, a video source, a photo, keyframes; a video
        driver's count is its container's, an estimate for some files); the progress calls sum to it.
        cancel(): True stops the work (raises Cancelled)."""
        sinks: list[FrameList] = []

        def open_output(rate: float, total: int | None = None) -> FrameList:
            sinks.append(FrameList(rate))
            return sinks[-1]

        drive = self._driving(source, driving, fps, on_note)
        health: list[float] = []
        faceless: list[int] = []
        held: dict[int, int] = {}
        reference: list[str] = []
        self._run(source, drive, open_output, progress, cancel, on_note, scratch=None, health=health,
                  on_total=on_total, faceless=faceless, held=held, reference_notes=reference)
        return AnimatedVideo(sinks[0].frames, sinks[0].fps, _audio_of(source, drive), health, faceless, held,
                             next(iter(reference), None))

    def to_file(self, source: Portrait, driving: DrivingInput, output: str | Path, *, fps: float | None = None,
                progress: Callable[[int], None] | None = None, cancel: Callable[[], bool] | None = None,
                on_note: Callable[[str], None] | None = None, on_total: Callable[[int], None] | None = None,
                warp_health: list[float] | None = None, health_every: int = 1) -> int:
        """Animate straight into `output` (.mp4, atomically, with the driver's audio) in bounded memory: long
        videos never sit in RAM. Arguments as for a call; `warp_health`, when given, gets the warp health (mesh
        engine) of every `health_every`th frame (frames 0, N, 2N, ...; `stream_video.render_video`). Returns the number of frames written. A photo driver without `duration` writes
        a still image (.png, .jpg, .webp, .bmp)."""
        drive = self._driving(source, driving, fps, on_note)
        still = writes_still(drive, self.options.duration)
        if still or is_photo(output):
            check_output(output, STILL if still else VIDEO)

        def open_output(rate: float, total: int | None = None) -> VideoWriter | StillImage:
            return StillImage(output) if still else VideoWriter(output, fps=rate, audio_from=_audio_of(source, drive),
                                                                preset=self.options.encoder_preset,
                                                                crf=self.options.crf)

        return self._run(source, drive, open_output, progress, cancel, on_note, scratch=Path(output).resolve().parent,
                         health=warp_health, on_total=on_total, health_every=health_every)

    def stream(self, source: Portrait, driving: DrivingInput, *, fps: float | None = None,
               progress: Callable[[int], None] | None = None,
               cancel: Callable[[], bool] | None = None,
               on_total: Callable[[int], None] | None = None) -> Iterator[np.ndarray]:
        """Frames one at a time as they are rendered (the work runs on a thread, at most STREAM_AHEAD frames
        ahead of the reader); closing the iterator early stops the work."""
        items: queue.Queue = queue.Queue(maxsize=STREAM_AHEAD)
        stop = threading.Event()

        def put(item: object) -> None:
            while not stop.is_set():
                try:
                    items.put(item, timeout=0.1)
                    return
                except queue.Full:
                    continue
            raise Cancelled

        class QueueSink:
            frames_written = 0

            def write(self, frame: np.ndarray) -> None:
                put(np.array(frame, copy=True))
                self.frames_written += 1

        def stopped() -> bool:
            return stop.is_set() or (cancel is not None and cancel())

        def work() -> None:
            try:
                self._run(source, self._driving(source, driving, fps),
                          lambda rate, total=None: nullcontext(QueueSink()), progress, stopped, None, scratch=None,
                          on_total=on_total)
                put(None)
            except BaseException as exc:  # noqa: BLE001 - handed to the reader, raised there
                if not stop.is_set():
                    put(exc)

        thread = threading.Thread(target=work, name="facereel-stream", daemon=True)
        thread.start()
        try:
            while (item := items.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            thread.join()

    def edit(self, source: Portrait, sliders: Sliders | None = None, on_note: Callable[[str], None] | None = None,
             **values: Any) -> np.ndarray:
        """The portrait with its expression and head pose edited, (H, W, 3) uint8 RGB: `sliders`, or the
        slider names as keywords (`smile=0.6, blink_left=1, gaze=(0.2, -0.1), yaw=10`; units in
        facereel.motion.sliders). Mesh engine: one warp, the yaw ended where the portrait has no room to turn
        further (`on_note` told in one line; `animate.slider_room`); a1: the last frame of a one-second ease into
        the edit."""
        from facereel.animate.edit import StillEditor, edit_options, ease_in
        from facereel.animate.run import choose_engine

        sliders = sliders if sliders is not None else Sliders.from_record(values)
        if choose_engine(self.options, self.device)[0] == "mesh":
            return StillEditor(self._portrait(source, on_note or log.info), self.options).render(sliders, on_note)
        eased = PortraitAnimator(options=edit_options(self.options), device=self.device)
        return eased(source, ease_in(sliders, A1_FPS)).frames[-1]

    def edit_video(self, source: Portrait, keyframes: str | Path | Sequence[Keyframe], fps: float | None = None,
                   progress: Callable[[int], None] | None = None,
                   on_total: Callable[[int], None] | None = None,
                   on_note: Callable[[str], None] | None = None) -> AnimatedVideo:
        """A clip through slider keyframes: a keyframes JSON path or [(seconds, Sliders), ...] (then `fps`,
        default 25); the schema in facereel.motion.keyframes. Mesh engine: each keyframe's yaw ended as `edit`
        ends it (`on_note` told, one line per keyframe ended). `progress`, `on_total`, `on_note` as for a call."""
        from facereel.animate.edit import edit_options, fit_keyframes
        from facereel.animate.run import choose_engine
        from facereel.motion.keyframes import DEFAULT_FPS, keyframes_motion, load_keyframes

        if isinstance(keyframes, str | Path):
            keyframes, fps = load_keyframes(keyframes)
        say = on_note or log.info
        if choose_engine(self.options, self.device)[0] == "mesh":
            source = self._portrait(source, lambda note: None)  # said by the run below
            keyframes = fit_keyframes(source, keyframes, self.options, say)
        motion = keyframes_motion(keyframes, fps or DEFAULT_FPS)
        animator = PortraitAnimator(options=edit_options(self.options), device=self.device)
        return animator(source, motion, progress=progress, on_total=on_total, on_note=say)

    def _run(self, source: Portrait, driving: Driving, open_output: OpenSink,
             progress: Callable[[int], None] | None, cancel: Callable[[], bool] | None,
             on_note: Callable[[str], None] | None, scratch: Path | None,
             health: list[float] | None = None, on_total: Callable[[int], None] | None = None,
             faceless: list[int] | None = None, held: dict[int, int] | None = None,
             reference_notes: list[str] | None = None, health_every: int = 1) -> int:
        def tick(n: int) -> None:
            if cancel is not None and cancel():
                raise Cancelled
            if progress is not None:
                progress(n)

        ticks = tick if progress is not None or cancel is not None else None
        if on_total is not None:
            open_output = _reporting_total(open_output, on_total)
        if is_video_source(source):
            return animate_video_source(Path(source), driving, self.options, open_output, ticks, on_note or log.info,
                                        self.device)
        if self.options.loop_driver and not isinstance(driving, dict):
            raise InputError("--loop-driver applies to a video source (video-to-video) or to per-face drivers of a "
                             "portrait image (-d N=PATH), not to one driver of a portrait image")
        say = on_note or log.info
        return render_to_sink(self._portrait(source, say), driving, self.options, open_output, ticks, say,
                              self.device, scratch, health, faceless, held, reference_notes,
                              health_every=health_every)

    def _portrait(self, source: Portrait, say: Callable[[str], None]) -> Source:
        """The portrait tracked and resized; a face lying on its side or upside down is said
        (`turned_photo.turned_note`)."""
        if isinstance(source, Source):
            portrait = source
        elif isinstance(source, str | Path):
            portrait = load_source(source, face_index=self.options.source_face_index)
        else:
            portrait = source_from_image(_rgb(source), face_index=self.options.source_face_index)
        note = turned_note(portrait.landmarks)
        if note is not None:
            say(note)
        return resize_source(portrait, self.options.size)

    def _driving(self, source: Portrait, driving: DrivingInput, fps: float | None,
                 say: Callable[[str], None] | None = None) -> Driving:
        """The driver as the run takes it (frames in memory tracked into a Motion; frames on their side turned
        upright first, told to `say`); InputError, before any work, for a photo driver where a photo does not drive
        (`driver_texts.refuse_misplaced_photo`)."""
        refuse_misplaced_photo(source, driving, self.options.face_index)
        refuse_missing_driver_face(driving, self.options.face_index)
        if isinstance(driving, str | Path | Motion | dict):  # a dict: {face index: driver} (animate.faces)
            return driving
        from facereel.face.tracking import track_frames
        from facereel.motion.extract import extract_motion

        if fps is None or not fps > 0:
            raise InputError("driving frames in memory need their frame rate: fps=25.0, say")
        frames = [_rgb(frame) for frame in driving]
        if not frames:
            raise InputError("no driving frames given")
        track = track_frames(frames, fps, face_index=self.options.driver_face_index, what="driving frames",
                             say=say or log.info, upright=True)
        return extract_motion(track, reference=self.options.reference)  # type: ignore[arg-type]


def _reporting_total(open_output: OpenSink, on_total: Callable[[int], None]) -> OpenSink:
    """`open_output` that first hands the run's frame total, when it says one, to `on_total`."""

    def opened(fps: float, total: int | None = None) -> AbstractContextManager[FrameSink]:
        if total is not None:
            on_total(total)
        return open_output(fps, total)

    return opened


def _audio_of(source: Portrait, driving: Driving) -> Path | None:
    """The file whose audio the output carries: a video source's own, else the driving video's."""
    return Path(source) if is_video_source(source) else video_of(driving)


def _rgb(image: Any) -> np.ndarray:
    """An (H, W, 3) uint8 RGB array from a PIL image or an array; InputError for anything else."""
    if hasattr(image, "convert") and hasattr(image, "size"):  # a PIL image
        image = np.asarray(image.convert("RGB"))
    array = np.asarray(image)
    if array.dtype != np.uint8 or array.ndim != 3 or array.shape[2] != 3:
        raise InputError(f"images must be (H, W, 3) uint8 RGB arrays or PIL images (got {array.dtype} {array.shape})")
    return np.ascontiguousarray(array)

