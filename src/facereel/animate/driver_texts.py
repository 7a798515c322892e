"""`--driving` as given on a command line or in a job file: one driver, or one per face as `N=PATH`; and where
a photo may drive. Light (no tracker, no engine): the CLI reads these before any work, to check the output."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from facereel.animate.options import ALL_FACES
from facereel.errors import InputError
from facereel.media.files import is_photo, is_video_source

PER_FACE = re.compile(r"(\d+)=(.+)")
SEPARATOR = ";"  # between the per-face drivers of a job file's `driving` cell


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
        if any(isinstance(one, str | Path) and is_photo(one) for one in driving.values()):
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
