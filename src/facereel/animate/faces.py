"""Several faces of one portrait, each with its own driver (mesh engine).

`--face-index all` animates every face of the portrait with the one driver (a driving video that shows at least
as many people drives them paired from the left: face i by its face i, `paired`); `--driving N=PATH` given once
per face (faces counted from 0 on the left) drives each face with its own video, template or preset, and a
face given no driver stays still. A keyframes driver's yaw is ended on its own face (`fitted_keyframes`). Each
driver's motion is retargeted onto its face and the faces are rendered together by `engines.mesh.group.FaceGroup`
(each face's layers limited to the pixels it owns).
The output runs at the frame rate of the lowest-numbered face's driver (the others resampled to it) for
as long as the longest driver; a face whose driver has ended holds its last pose, said in one note line
(`held_note`), or with `loop_driver` (`--loop-driver`) its driver repeats (`looped_note`). A face driven by a
video gets that video's own mouth interior (`--mouth driver`, the default) unless `--mouth synthetic`. Two
overlapping faces move apart only a few px (`engines.mesh.away_cap`), said in one note line at the end.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from facereel.animate.driver_faces import named_video, paired_note, paired_tracks, track_named_faces, unnamed_faces_note
from facereel.animate.driver_frames import DriverFrames
from facereel.animate.driver_texts import named_face
from facereel.animate.inputs import Source, drive, driving_video, is_keyframes, load_motion
from facereel.animate.options import ALL_FACES, SEVERAL_FACES_A1, AnimateOptions, mesh_options, output_fps
from facereel.errors import InputError
from facereel.face.every_face import track_faces
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import GROUP_RULE, track_video
from facereel.media.frames import OpenSink
from facereel.motion.extract import extract_motion
from facereel.motion.motion import Motion

FaceDriver = str | Path | Motion
"""One face's driver: a video or template path, `preset:NAME`, or a Motion."""
FaceDrivers = dict[int, FaceDriver]
"""{face index (0 = leftmost face of the portrait): its driver}."""


def several_faces(driving: object, options: AnimateOptions) -> bool:
    """Whether this animation drives faces one by one (`--face-index all` or per-face drivers)."""
    return isinstance(driving, dict) or options.face_index == ALL_FACES


def animate_faces(source: Source, driving: FaceDriver | FaceDrivers, options: AnimateOptions, engine: str,
                  open_output: OpenSink, progress: Callable[[int], None] | None = None,
                  say: Callable[[str], None] = lambda message: None, held: dict[int, int] | None = None) -> int:
    """Animate every face of the portrait (already resized) with one driver for all of them or one per face
    into the sink `open_output` opens at the output fps; `--face-index all` says how many faces it found, and
    drivers of different lengths are said (`length_note`). `held`, when given, gets {face index: the output
    frame from which it holds its last pose} (`held_from`). Returns the number of frames written."""
    from facereel.engines.mesh.group import FaceGroup
    from facereel.engines.mesh.open_mouth.hidden_corners import mesh_retarget

    check_several(options, engine)
    faces = track_faces(source.image, what=source.path or "source image")
    if not isinstance(driving, dict):
        say(faces_found(len(faces)))
    drivers = load_drivers(fitted_keyframes(source, faces, assign_drivers(driving, len(faces)), options, say),
                           options, say, pair=not isinstance(driving, dict))
    rate = output_fps("mesh", options, drivers[min(drivers)].motion.fps)
    targets = {index: drive(Source(source.image, faces[index]), driver.motion,
                            mesh_retarget(options.retarget, source.image, faces[index]), fps=rate)
               for index, driver in drivers.items()}
    group = FaceGroup(source.image, faces, list(targets), mesh_options(options))
    lengths = {index: len(points) for index, points in targets.items()}
    length = max(lengths.values())
    note = length_note(lengths, options.loop_driver)
    if note is not None:
        say(note)
    if held is not None:
        held.update(held_from(lengths, length, options.loop_driver))
    frame_of = {index: driver_frame_index(length, frames, options.loop_driver) for index, frames in lengths.items()}
    with contextlib.ExitStack() as stack:
        mouths = driver_mouths(drivers, rate, stack)
        sink = stack.enter_context(open_output(rate, length))
        for t in range(length):
            sink.write(group.render({index: points[frame_of[index][t]] for index, points in targets.items()},
                                    {index: mouth.at(int(frame_of[index][t])) for index, mouth in mouths.items()}))
            if progress is not None:
                progress(1)
        note = group.away_note()
        if note is not None:
            say(note)
        return sink.frames_written


def fitted_keyframes(source: Source, faces: list[np.ndarray], drivers: FaceDrivers, options: AnimateOptions,
                     say: Callable[[str], None]) -> FaceDrivers:
    """`drivers` with each keyframes file (.json) made the Motion its face can show: each keyframe's yaw ended on
    that face of the portrait (`faces[index]`, (478, 3) px) as one face's keyframes driver is
    (`edit.fitted_keyframes_motion`), each ended keyframe said in one line led by "face N: "."""
    from facereel.animate.edit import fitted_keyframes_motion

    def on_face(index: int) -> Callable[[str], None]:
        return lambda line: say(f"face {index}: {line}")

    return {index: fitted_keyframes_motion(Source(source.image, faces[index], source.path), driver, options,
                                           on_face(index)) if is_keyframes(driver) else driver
            for index, driver in drivers.items()}


def driver_frame_index(count: int, driver_frames: int, loop_driver: bool) -> np.ndarray:
    """(count,) int: the driver frame each output frame takes: wrapped round when `loop_driver`, else held at
    the driver's last frame once it has ended (a face whose driver is shorter than another's)."""
    frames = np.arange(count)
    return frames % driver_frames if loop_driver else np.minimum(frames, driver_frames - 1)


def held_from(lengths: dict[int, int], count: int, loop_driver: bool) -> dict[int, int]:
    """{face index: the output frame from which it holds its last pose} for per-face drivers of `lengths` {face
    index: frames at the output fps} in an output of `count` frames: the faces whose driver is shorter; none when
    `loop_driver`."""
    return {} if loop_driver else {index: frames for index, frames in sorted(lengths.items()) if frames < count}


def held_note(held: dict[int, int], length: int) -> str | None:
    """The one-line note for faces that hold their last pose ({face index: from which frame}, `held_from`) in an
    output of `length` frames, e.g. "per-face drivers: face 1 holds its last pose for frames 12-49 (its driver
    is shorter; --loop-driver repeats the shorter drivers)"; None when none does."""
    if not held:
        return None
    spans = [f"face {index} holds its last pose for " + (f"frames {start}-{length - 1}" if start < length - 1 else
                                                         f"frame {start}") for index, start in held.items()]
    whose = "its driver is" if len(held) == 1 else "their drivers are"
    return f"per-face drivers: {', '.join(spans)} ({whose} shorter; --loop-driver repeats the shorter drivers)"


def length_note(lengths: dict[int, int], loop_driver: bool) -> str | None:
    """The one-line note for per-face drivers of `lengths` {face index: frames at the output fps}: the faces that
    hold their last pose (`held_note`) or, with `loop_driver`, whose drivers repeat; None when all are as long."""
    length = max(lengths.values())
    if not loop_driver:
        return held_note(held_from(lengths, length, False), length)
    short = [f"face {index}'s driver ({frames} frames)" for index, frames in sorted(lengths.items()) if frames < length]
    if not short:
        return None
    return f"per-face drivers: {', '.join(short)} {'repeats' if len(short) == 1 else 'repeat'} over the longest's " \
           f"{length} frames (--loop-driver)"


@dataclass(frozen=True)
class LoadedDriver:
    """One face's driver, loaded: its motion (at the driver's own rate); for a driving video whose mouth
    interior is wanted, also the video and its face track (for `DriverFrames`)."""

    motion: Motion
    video: Path | None = None
    track: FaceTrack | None = None


def load_drivers(drivers: FaceDrivers, options: AnimateOptions, say: Callable[[str], None] = lambda message: None,
                 pair: bool = False) -> dict[int, LoadedDriver]:
    """{face index: its driver loaded}; a driver given to several faces is loaded (tracked) once and shared, and
    the faces one driving video's drivers name (`PATH@K`, `driver_texts.named_face`) come from one tracking pass
    of it (`driver_faces.track_named_faces`). `pair`: `drivers` is one driver given to every face (`--face-index
    all`); a driving video that shows at least as many faces drives them paired from the left (`paired`). A
    video with several faces given without a face named (nor `--face-index`) is said
    (`driver_faces.unnamed_faces_note`)."""
    if pair:
        loaded_pairs = paired(drivers, options, say)
        if loaded_pairs is not None:
            return loaded_pairs
    given = {index: named_face(driver) for index, driver in drivers.items() if not isinstance(driver, Motion)}
    named = {index: (named_video(path, face), face) for index, (path, face) in given.items() if face is not None}
    wanted: dict[Path, set[int]] = {}
    for video, face in named.values():
        wanted.setdefault(video, set()).add(face)
    tracks = {video: track_named_faces(video, faces) for video, faces in wanted.items()}
    plain = {index: driver for index, driver in drivers.items() if index not in named}
    keys = {index: id(driver) if isinstance(driver, Motion) else str(driver) for index, driver in plain.items()}
    firsts = {keys[index]: driver for index, driver in sorted(plain.items(), reverse=True)}
    loaded = {key: _load(driver, options) for key, driver in firsts.items()}
    if options.driver_face_index is None:
        for key, driver in firsts.items():
            video = None if isinstance(driver, Motion) else driving_video(driver)
            note = None if video is None else unnamed_faces_note(video, [i for i in sorted(plain) if keys[i] == key])
            if note is not None:
                say(note)
    reads = {(video, face): _from_track(video, tracks[video][face], options) for video, face in set(named.values())}
    return {index: reads[named[index]] if index in named else loaded[keys[index]] for index in drivers}


def paired(drivers: FaceDrivers, options: AnimateOptions, say: Callable[[str], None]) -> dict[int, LoadedDriver] | None:
    """{face index: its driver loaded} for one driving video given to every face of `drivers` (two or more) that
    shows at least as many faces: the faces in ascending order take its faces from the left, one tracking pass
    (`driver_faces.paired_tracks`), said in one line (`driver_faces.paired_note`). None (load them as one
    driver) for fewer faces, a driver that is not a video naming no face, or a driver face chosen (`--face-index
    K`)."""
    if len(drivers) < 2 or options.driver_face_index is not None:
        return None
    driver = drivers[min(drivers)]
    if isinstance(driver, Motion) or named_face(driver)[1] is not None:
        return None
    video = driving_video(driver)
    if video is None or not video.exists():
        return None
    tracks = paired_tracks(video, len(drivers))
    if tracks is None:
        return None
    faces = sorted(drivers)
    say(paired_note(video, len(tracks), faces))
    return {index: _from_track(video, tracks[rank], options) for rank, index in enumerate(faces)}


def _from_track(video: Path, track: FaceTrack, options: AnimateOptions) -> LoadedDriver:
    """One named face of a driving video, loaded from its `track`: its motion, and (unless `--mouth synthetic`)
    the video and track for its mouth interior."""
    motion = extract_motion(track, reference=options.reference)  # type: ignore[arg-type]
    return LoadedDriver(motion) if options.mouth == "synthetic" else LoadedDriver(motion, video, track)


def driver_mouths(drivers: dict[int, LoadedDriver], rate: float, stack: contextlib.ExitStack
                  ) -> dict[int, DriverFrames]:
    """{face index: its driving video's frames at `rate` fps} for the faces whose driver carries its mouth
    interior; faces sharing a driver share one reader. Closed with `stack`."""
    readers: dict[int, DriverFrames] = {}
    mouths = {}
    for index, driver in drivers.items():
        if driver.video is not None and driver.track is not None:
            if id(driver) not in readers:
                readers[id(driver)] = stack.enter_context(contextlib.closing(
                    DriverFrames(driver.video, driver.track, rate)))
            mouths[index] = readers[id(driver)]
    return mouths


def _load(driver: FaceDriver, options: AnimateOptions) -> LoadedDriver:
    """The driver's motion; for a driving video whose mouth interior is wanted (`--mouth` not synthetic),
    also its path and face track (for `DriverFrames`)."""
    if isinstance(driver, Motion):
        return LoadedDriver(driver)
    video = driving_video(driver)
    if video is None or options.mouth == "synthetic":
        return LoadedDriver(load_motion(driver, face_index=options.driver_face_index,
                                        reference=options.reference))  # type: ignore[arg-type]
    if not video.exists():
        raise InputError("file not found", video)
    track = track_video(video, face_index=options.driver_face_index, upright=True)
    return LoadedDriver(extract_motion(track, reference=options.reference), video, track)  # type: ignore[arg-type]


def faces_found(count: int) -> str:
    """`--face-index all`'s note: how many faces the portrait has, and, for one, which small faces count."""
    return f"--face-index all: {count} face(s) found" + (f" ({GROUP_RULE})" if count == 1 else "")


def assign_drivers(driving: FaceDriver | FaceDrivers, count: int, what: str = "the portrait",
                   numbering: str = "from the left") -> FaceDrivers:
    """{face index: driver} for `what` (a portrait, a video source) with `count` faces numbered as
    `numbering` says; InputError for a face it does not have (saying which small faces are not counted)."""
    if not isinstance(driving, dict):
        return dict.fromkeys(range(count), driving)
    missing = sorted(index for index in driving if not 0 <= index < count)
    if missing:
        raise InputError(f"--driving {missing[0]}=...: {what} has {count} face(s), numbered 0..{count - 1} "
                         f"{numbering} ({GROUP_RULE})")
    return dict(driving)


def check_several(options: AnimateOptions, engine: str) -> None:
    """The one-line refusals of options that work on one face only (InputError)."""
    if engine == "a1":
        raise InputError(SEVERAL_FACES_A1)
    refused = [name for name, used in (("--body", options.body), ("--side-by-side", options.side_by_side),
                                       ("--source-face-index", options.source_face_index is not None)) if used]
    if refused:
        raise InputError(f"{', '.join(refused)} work with one face; not with several faces (--face-index all, "
                         "--driving N=...)")
