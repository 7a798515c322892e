"""`--driving` as given on a command line or in a job file: one driver, or one per face as `N=PATH`; and where
a photo may drive. Light (no tracker, no engine): the CLI reads these before any work, to check the output."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from facereel.animate.options import ALL_FACES
from facereel.errors import InputError
from facereel.face.numbering import DRIVER_FACE_FLAG, missing_face_error
from facereel.media.files import is_photo, is_video_source

PER_FACE = re.compile(r"(\d+)=(.+)")
SEPARATOR = ";"  # between the per-face drivers of a job file's `driving` cell
FACE_MARK = "@"
"""Between a per-face driver's video and the face of that video it takes: `N=two.mp4@1` drives the portrait's
face N with face 1 (from the left) of two.mp4. A file whose whole name ends so (`clip@1`) is that file."""
NAMED_FACE = re.compile(rf"(.+){FACE_MARK}(\d+)")


def named_face(driver: str | Path) -> tuple[str, int | None]:
    """(the driver, the face of it that it names, 0 = the leftmost; None when it names none): `two.mp4@1` ->
    ("two.mp4", 1); a driver without `@K`, or an existing file whose own name ends in `@K`, -> (driver, None)."""
    text = str(driver)
    match = NAMED_FACE.fullmatch(text)
    if match is None or Path(text).exists():
        return text, None
    return match.group(1), int(match.group(2))


def parse_drivers(values: Sequence[str]) -> str | dict[int, str]:
    """`--driving` given once (a path or preset) or once per face as `N=PATH` -> the driver, or
    {face index: driver}. InputError for a mix, a repeated face or several plain drivers."""
    if len(values) == 1 and (Path(values[0]).exists() or not PER_FACE.fullmatch(values[0])):
        return values[0]
    drivers: dict[int, str] = {}
    for value in values:
        match = PER_FACE.fullmatch(value)
        if match is None:
            raise InputError(f"--driving given several times takes N=PATH for each face (0 = the leftmost face of "
                             f"the portrait), got {value!r}")
        index = int(match.group(1))
        if index in drivers:
            raise InputError(f"--driving {index}=... is given twice")
        drivers[index] = match.group(2)
    return drivers


def drivers_from_text(text: str) -> str | dict[int, str]:
    """A job file's `driving` cell: one driver, or one per face as `0=a.mp4;1=preset:talk` (`;` between)."""
    return text if Path(text).exists() or not PER_FACE.match(text) else parse_drivers(text.split(SEPARATOR))


def drivers_text(drivers: dict[int, object]) -> str:
    """{face: driver} as a job file's `driving` cell (`drivers_from_text` reads it back)."""
    return SEPARATOR.join(f"{face}={driver}" for face, driver in sorted(drivers.items()))


def refuse_misplaced_photo(source: object, driving: object, face_index: int | str | None = None) -> None:
    """InputError (one line) for a photo driver where a photo does not drive: one face of several (`N=face.jpg`,
    `--face-index all`) or a video source (video-to-video). A photo drives the one face of a portrait image.
    `driving`: one driver (a path, `preset:NAME`, a Motion) or {face index: driver}; `face_index`: the
    option's value."""
    if isinstance(driving, dict):
        if any(isinstance(one, str | Path) and is_photo(named_face(one)[0]) for one in driving.values()):
            raise InputError("a photo driver drives a portrait's one face (--driving face.jpg), not one face of "
                             "several (N=face.jpg): give each face a driving video, template or preset")
        return
    if not (isinstance(driving, str | Path) and is_photo(driving)):
        return
    if face_index == ALL_FACES:
        raise InputError("a photo driver drives a portrait's one face: --face-index all takes a driving video, "
                         "template or preset")
    if is_video_source(source):
        raise InputError("a photo driver (--driving face.jpg) drives a portrait image, not a video source "
                         "(video-to-video): drive the video with a driving video, template or preset")


def refuse_missing_driver_face(driving: object, face_index: int | str | None) -> None:
    """InputError (one line, `numbering.missing_face_error`, as for a driving video that lacks the face) for
    `--face-index N` (N >= 1) with a driver that has one face's motion: a preset, a template or a keyframes file
    (it was taken without a word, h36-fresh). `driving`: one driver as given (per-face drivers, Motions and
    frames in memory pass; a photo and a video are tracked with the face number and refuse it there)."""
    if not (isinstance(face_index, int) and face_index >= 1 and isinstance(driving, str | Path)) or is_photo(driving):
        return
    from facereel.animate.inputs import driving_video  # the tracker's module: only for a face number given

    if driving_video(driving) is None:
        raise missing_face_error(face_index, 1, DRIVER_FACE_FLAG, driving)
