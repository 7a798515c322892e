"""`animate`: portrait + driving (video, template, preset or Motion) -> frames into a sink, any engine.

Reads top to bottom: pick the engine and device, load the motion, retarget, render frame by frame into the
sink the caller opens at the output frame rate (`PortraitAnimator`: a video with the driver's audio, written
atomically, or frames in memory).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from facereel.animate.device import resolve_device
from facereel.animate.driver_texts import named_face
from facereel.animate.faces import FaceDrivers, animate_faces, several_faces
from facereel.animate.options import AnimateOptions, mesh_options, output_fps
from facereel.animate.photo import animate_photo, photo_driver, same_reference_note
from facereel.condition.render import draw_a1
from facereel.engines.mesh.open_mouth.hidden_corners import mesh_retarget
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_interiors import NO_MOUTH_PIXELS
from facereel.errors import InputError
from facereel.face.exposure import faceless_note
from facereel.animate.inputs import Source, drive, driving_video, is_keyframes, load_motion
from facereel.media.frames import FrameSink, OpenSink
from facereel.media.video import open_video
from facereel.motion.iris_inside import off_centre_note
from facereel.motion.motion import Motion

Driving = str | Path | Motion | FaceDrivers
"""A driving video, photo or template path, a preset (`preset:talk`) or a Motion in memory; or one of them per
face ({face index: driver}, facereel.animate.faces)."""


def choose_engine(options: AnimateOptions, device: str = "auto") -> tuple[str, str, str | None]:
    """(engine name, device it runs on, a one-line note when `auto` fell back or a1 runs on the CPU)."""
    if options.engine == "mesh":
        return "mesh", "cpu", None
    if options.engine == "a1":
        chosen = resolve_device(device)
        note = None if chosen != "cpu" else (
            "engine a1 without a GPU runs on the CPU: practical for tiny test models only "
            "(the published model needs minutes per denoising step there)")
        return "a1", chosen, note
    if not options.weights:
        return "mesh", "cpu", "engine auto: no --weights given, using the CPU mesh engine"
    chosen = resolve_device(device)
    if not chosen.startswith("cuda"):
        return "mesh", "cpu", "engine auto: no CUDA GPU, using the CPU mesh engine"
    return "a1", chosen, None


def resize_source(source: Source, longer_side: int | None) -> Source:
    """The source scaled so its longer side is `longer_side` px (landmarks scaled alike)."""
    if longer_side is None:
        return source
    h, w = source.image.shape[:2]
    k = longer_side / max(h, w)
    size = (max(2, round(w * k)), max(2, round(h * k)))
    image = cv2.resize(source.image, size, interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_CUBIC)
    return Source(image=image, landmarks=source.landmarks * np.float32(k), path=source.path)


def video_of(driving: Driving) -> Path | None:
    """The driving video's path (frames and maybe audio); None for a preset, a template or a Motion. Per-face
    drivers: the lowest-numbered face's video (whose audio the output keeps); a driver naming one of an existing
    video's faces (`two.mp4@1`): that video."""
    if isinstance(driving, dict):
        return next((video for _, face in sorted(driving.items()) if (video := video_of(face)) is not None), None)
    if isinstance(driving, Motion):
        return None
    named = named_video(driving)
    return driving_video(driving) if named is None else named[0]


def named_video(driving: str | Path) -> tuple[Path, int] | None:
    """(the video, its face K) for a driver naming a face of an existing driving video (`two.mp4@1`); else None
    (the text then reads as a path or preset, and fails as one where it is none)."""
    path, face = named_face(driving)
    video = None if face is None else driving_video(path)
    return None if video is None or not video.is_file() else (video, face)


def refuse_named_face(driving: Driving, options: AnimateOptions) -> None:
    """InputError (one line) for one driver naming one of its faces (`two.mp4@1`) where faces are not driven one
    by one: the face of the driver is then chosen by `--face-index K`."""
    if isinstance(driving, dict | Motion) or several_faces(driving, options):
        return
    named = named_video(driving)
    if named is not None:
        raise InputError(f"{driving}: @K names a face of a driving video for --face-index all or per face "
                         f"(N={driving}); for the portrait's one face give -d {named[0]} --face-index {named[1]}")


def _driver_panels(video: Path | None, targets: np.ndarray, size: tuple[int, int]) -> Iterator[np.ndarray]:
    """Left panels for side-by-side output: the driver's frames, or (for templates, presets and motions)
    the target landmarks drawn in the A1 style."""
    if video is not None:
        with open_video(video) as frames:
            for frame in frames.frames(fps=frames.fps):  # timed as the tracked frames (VFR resampled)
                h = size[1]
                yield cv2.resize(frame, (max(2, round(frame.shape[1] * h / frame.shape[0])), h), interpolation=cv2.INTER_AREA)
        return
    for points in targets:
        yield draw_a1(np.zeros((size[1], size[0], 3), np.uint8), points)


def render_to_sink(source: Source, driving: Driving, options: AnimateOptions, open_output: OpenSink,
            progress: Callable[[int], None] | None = None, say: Callable[[str], None] = lambda message: None,
            device: str = "auto", scratch: Path | None = None, health: list[float] | None = None,
            faceless: list[int] | None = None, held: dict[int, int] | None = None,
            reference_notes: list[str] | None = None, mouth: DriverFrame | None = None, health_every: int = 1) -> int:
    """Animate `source` (already resized) with `driving` into the sink `open_output` opens at the output fps
    (`output_fps`). a1 keeps its condition and generated frames in `scratch` (default: the system's
    temporary folder). `health`, when given, gets the mesh engine's warp health of every `health_every`th frame (frames
    0, N, 2N, ...; a1: none).
    A driver that lost its face is said (`faceless_note`) and, when `faceless` is given, those frames' indices
    are appended to it (one driver; not per-face drivers). Per-face drivers of different lengths are said
    (`faces.length_note`) and, when `held` is given, the faces that hold their last pose go into it
    (`faces.held_from`). A driver measured from its first frame whose reference frame looks off centre is said
    (`iris_inside.off_centre_note`; one driver) and the note, when `reference_notes` is given, appended to it.
    A keyframes driver on the mesh engine has each keyframe's yaw ended on `source`, said (`edit.fit_keyframes`).
    `mouth`: the driving frame whose mouth interior the mesh engine draws in every frame of a Motion (a photo
    driver's photo, `photo.photo_frame`; `--mouth driver`). Returns the number of frames written."""
    photo = photo_driver(driving, options)
    if photo is not None:  # a still photo: its eased Motion comes back through here (animate/photo.py)
        if options.duration is None:  # written as a still, drawn there without coming back
            _check_unstreamed(options, say, mouth_pixels=True)
        same = same_reference_note(photo, options)
        if same is not None:
            say(same)
            if reference_notes is not None:
                reference_notes.append(same)
        return animate_photo(source, photo, options, open_output, progress,
                             lambda motion, eased, sink, ticks, face: render_to_sink(
                                 source, motion, eased, sink, ticks, say, device, scratch, health, mouth=face,
                                 health_every=health_every))
    engine, device, note = choose_engine(options, device)
    refuse_named_face(driving, options)
    video = video_of(driving)
    if video is not None:
        open_video(video).close()  # a bad driving file fails here, before anything is said or written
    if note:
        say(note)
    if several_faces(driving, options):
        return animate_faces(source, driving, options, engine, open_output, progress, say,  # type: ignore[arg-type]
                             held)
    streamed = engine == "mesh" and options.reference == "first" and video is not None
    if not streamed:
        _check_unstreamed(options, say, mouth_pixels=mouth is not None)
    if streamed:
        # a driving video measured from its first frame: one streamed pass, bounded memory
        lost: list[int] = []
        features: list[np.ndarray] = []
        written = _render_mesh(source, None, video, options, open_output, progress, health, lost, features, say,
                               health_every=health_every)
        _say_faceless(lost, say, faceless)
        if features:  # the reference is the first frame with a face
            first = min(set(range(len(lost) + 1)) - set(lost))
            _say_off_centre(features[0], first, options, say, reference_notes)
        return written
    if engine == "mesh" and is_keyframes(driving):
        from facereel.animate.edit import fitted_keyframes_motion

        motion = fitted_keyframes_motion(source, driving, options, say)  # type: ignore[arg-type]
    else:
        motion = driving if isinstance(driving, Motion) else \
            load_motion(driving, face_index=options.face_index, reference=options.reference,  # type: ignore[arg-type]
                        say=say)
    _say_faceless(np.flatnonzero(~motion.valid).tolist(), say, faceless)
    _say_off_centre(motion.features[motion.reference], motion.reference, options, say, reference_notes)
    if engine == "a1":
        from facereel.animate.run_a1 import render_a1

        return render_a1(source, motion, options, open_output, device, progress, say, scratch)
    return _render_mesh(source, motion, video, options, open_output, progress, health, mouth=mouth,
                        health_every=health_every)


BODY_STILL = ("--body: the torso stays still here; it follows a driving video's shoulders with --reference first "
              "(templates, presets, photos and frames in memory carry none)")
"""Said when `--body` meets a driver the streamed pass does not take (it was dropped without a word, h30-fresh4)."""


def _check_unstreamed(options: AnimateOptions, say: Callable[[str], None], mouth_pixels: bool = False) -> None:
    """For a driver the mesh engine's streamed pass (a driving video measured from its first frame) does not take:
    refuse `--mouth driver` (the driver's mouth pixels; InputError, one line) unless `mouth_pixels` (a photo driver
    lends its own) and say that `--body`'s torso stays still (`BODY_STILL`)."""
    if options.mouth == "driver" and not mouth_pixels:
        raise InputError(f"--mouth driver needs a driving video and --reference first, or a photo "
                         f"({NO_MOUTH_PIXELS}); use --mouth synthetic")
    if options.body:
        say(BODY_STILL)


def _say_faceless(frames: list[int], say: Callable[[str], None], faceless: list[int] | None) -> None:
    """Say which driver `frames` had no face (if any) and hand them to `faceless` when given."""
    note = faceless_note(frames)
    if note is not None:
        say(note)
    if faceless is not None:
        faceless.extend(frames)


def _say_off_centre(features: np.ndarray, frame: int, options: AnimateOptions, say: Callable[[str], None],
                    notes: list[str] | None) -> None:
    """Say that the driver's reference frame (index `frame`, features (F,)) looks off centre, when it does and
    was taken as the first frame (`off_centre_note`), and hand the note to `notes` when given."""
    note = off_centre_note(features, frame) if options.reference == "first" else None
    if note is None:
        return
    say(note)
    if notes is not None:
        notes.append(note)


def _render_mesh(source: Source, motion: Motion | None, video: Path | None, options: AnimateOptions,
                 open_output: OpenSink, progress: Callable[[int], None] | None,
                 health: list[float] | None = None, faceless: list[int] | None = None,
                 reference: list[np.ndarray] | None = None, say: Callable[[str], None] | None = None,
                 mouth: DriverFrame | None = None, health_every: int = 1) -> int:
    """Mesh engine. With `motion` None (a driving video and reference "first"), one streamed pass: decode,
    track + retarget, map, draw and encode overlap on threads (engines/mesh/stream_video.py). Otherwise (a
    template, a preset, a Motion, reference "neutral", which needs the whole driver) the motion is retargeted
    as a whole, each frame mapped here, drawn and written on worker threads. `options.body`: the torso
    follows the driver's shoulders (streamed only). `health`: every `health_every`th frame's warp health (frames 0, N,
    2N, ...) is appended to it;
    `faceless` (streamed only): the indices of the driver's frames without a face; `reference` (streamed only):
    gets the reference frame's features (F,); say (streamed only): told that a driver on its side is turned upright
    (`face.turned_video`); mouth (a Motion only): the driving frame whose mouth interior every frame draws."""
    from facereel.engines.mesh.background import BackgroundSink
    from facereel.engines.mesh.choose_engine import mesh_animator
    from facereel.engines.mesh.stream_video import QUEUE_DEPTH, beside_panel, read_health, render_video

    h, w = source.image.shape[:2]
    if motion is None:
        assert video is not None
        panels = _driver_panels(video, np.empty((0, 478, 3), np.float32), (w, h)) if options.side_by_side else None
        with open_video(video) as driver:
            frames = driver.num_frames  # one output frame per driving frame (the container's count or estimate)

        def open_at_rate(driver_fps: float, total: int | None = None) -> AbstractContextManager[FrameSink]:
            return open_output(output_fps("mesh", options, driver_fps), frames if total is None else total)

        return render_video(source.image, source.landmarks, video, open_at_rate, options.retarget,
                             face_index=options.face_index, mesh=mesh_options(options), body=options.body,
                             panels=panels, progress=progress, health=health, health_every=health_every,
                             faceless=faceless,
                             reference=reference, say=say)
    # The torso follows in the streamed pass only: here the head keeps the limits that hold it on its still neck
    # (with --body's limits off, lp_s3 x sr_1 as frames in memory slid the head off its neck, frame 54).
    still = replace(options, body=False)
    targets = drive(source, motion, mesh_retarget(still.retarget, source.image, source.landmarks))
    animator = mesh_animator(source.image, source.landmarks, mesh_options(still))
    panels = _driver_panels(video, targets, (w, h)) if options.side_by_side else None
    with open_output(output_fps("mesh", options, motion.fps), len(targets)) as sink:
        # Three stages on threads of their own, as in the streamed pass: map (here), draw, encode.
        with BackgroundSink(sink.write, QUEUE_DEPTH, "encode") as encoder, \
                BackgroundSink(lambda frame: encoder.put(beside_panel(animator.draw(frame, driver=mouth), panels)), QUEUE_DEPTH,
                               "draw") as drawer:
            for index, points in enumerate(targets):
                drawer.put(animator.map_frame(points))
                read_health(animator, index, health, health_every)
                if progress is not None:
                    progress(1)
        return sink.frames_written
