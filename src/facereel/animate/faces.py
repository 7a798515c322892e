"""Several faces of one portrait, each with its own driver (mesh engine).

`--face-index all` animates every face of the portrait with the one driver; `--driving N=PATH` given once
per face (faces counted from 0 on the left) drives each face with its own video, template or preset, and a
face given no driver stays still. Each driver's motion is retargeted onto its face and the faces are
rendered together by `engines.mesh.group.FaceGroup` (each face's layers limited to the pixels it owns).
The output runs at the frame rate of the lowest-numbered face's driver (the others resampled to it) for
as long as the longest driver; a face whose driver has ended holds its last pose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from facereel.animate.options import ALL_FACES, SEVERAL_FACES_A1, AnimateOptions, mesh_options, output_fps
from facereel.errors import InputError
from facereel.face.every_face import track_faces
from facereel.frontend import Source, drive, load_motion
from facereel.media.frames import OpenSink
from facereel.motion.motion import Motion

FaceDriver = str | Path | Motion
"""One face's driver: a video or template path, `preset:NAME`, or a Motion."""
FaceDrivers = dict[int, FaceDriver]
"""{face index (0 = leftmost face of the portrait): its driver}."""

_PER_FACE = re.compile(r"(\d+)=(.+)")
SEPARATOR = ";"  # between the per-face drivers of a job file's `driving` cell


def parse_drivers(values: Sequence[str]) -> str | FaceDrivers:
    """`--driving` given once (a path or preset) or once per face as `N=PATH` -> the driver, or
    {face index: driver}. InputError for a mix, a repeated face or several plain drivers."""
    if len(values) == 1 and (Path(values[0]).exists() or not _PER_FACE.fullmatch(values[0])):
        return values[0]
    drivers: FaceDrivers = {}
    for value in values:
        match = _PER_FACE.fullmatch(value)
        if match is None:
            raise InputError(f"--driving given several times takes N=PATH for each face (0 = the leftmost face of "
                             f"the portrait), got {value!r}")
        index = int(match.group(1))
        if index in drivers:
            raise InputError(f"--driving {index}=... is given twice")
        drivers[index] = match.group(2)
    return drivers


def drivers_from_text(text: str) -> str | FaceDrivers:
    """A job file's `driving` cell: one driver, or one per face as `0=a.mp4;1=preset:talk` (`;` between)."""
    return text if Path(text).exists() or not _PER_FACE.match(text) else parse_drivers(text.split(SEPARATOR))


def drivers_text(drivers: FaceDrivers) -> str:
    """{face: driver} as a job file's `driving` cell (`drivers_from_text` reads it back)."""
    return SEPARATOR.join(f"{face}={driver}" for face, driver in sorted(drivers.items()))


def several_faces(driving: object, options: AnimateOptions) -> bool:
    """Whether this animation drives faces one by one (`--face-index all` or per-face drivers)."""
    return isinstance(driving, dict) or options.face_index == ALL_FACES


def animate_faces(source: Source, driving: FaceDriver | FaceDrivers, options: AnimateOptions, engine: str,
                  open_output: OpenSink, progress: Callable[[int], None] | None = None) -> int:
    """Animate every face of the portrait (already resized) with one driver for all of them or one per face
    into the sink `open_output` opens at the output fps. Returns the number of frames written."""
    from facereel.engines.mesh.group import FaceGroup

    _check(options, engine)
    faces = track_faces(source.image, what=source.path or "source image")
    drivers = _assign(driving, len(faces))
    motions: dict[int, Motion] = {}
    loaded: dict[str, Motion] = {}  # one load per distinct driver
    for index, driver in sorted(drivers.items()):
        if isinstance(driver, Motion):
            motions[index] = driver
            continue
        key = str(driver)
        if key not in loaded:
            loaded[key] = load_motion(driver, face_index=options.driver_face_index,
                                      reference=options.reference)  # type: ignore[arg-type]
        motions[index] = loaded[key]
    rate = output_fps("mesh", options, motions[min(motions)].fps)
    retarget = options.retarget.for_engine("mesh")
    targets = {index: drive(Source(source.image, faces[index]), motion, retarget, fps=rate)
               for index, motion in motions.items()}
    group = FaceGroup(source.image, faces, list(targets), mesh_options(options))
    length = max(len(points) for points in targets.values())
    with open_output(rate) as sink:
        for t in range(length):
            sink.write(group.render({index: points[min(t, len(points) - 1)] for index, points in targets.items()}))
            if progress is not None:
                progress(1)
        return sink.frames_written


def _assign(driving: FaceDriver | FaceDrivers, count: int) -> FaceDrivers:
    """{face index: driver} for a portrait with `count` faces; InputError for a face it does not have."""
    if not isinstance(driving, dict):
        return dict.fromkeys(range(count), driving)
    missing = sorted(index for index in driving if not 0 <= index < count)
    if missing:
        raise InputError(f"--driving {missing[0]}=...: the portrait has {count} face(s), numbered 0..{count - 1} "
                         "from the left")
    return dict(driving)


def _check(options: AnimateOptions, engine: str) -> None:
    """The one-line refusals of options that work on one face only."""
    if engine == "a1":
        raise InputError(SEVERAL_FACES_A1)
    refused = [name for name, used in (("--body", options.body), ("--mouth driver", options.mouth == "driver"),
                                       ("--side-by-side", options.side_by_side),
                                       ("--source-face-index", options.source_face_index is not None)) if used]
    if refused:
        raise InputError(f"{', '.join(refused)} work with one face; not with several faces (--face-index all, "
                         "--driving N=...)")
