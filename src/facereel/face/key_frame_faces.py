"""A video's faces read from its key frames (the first, then every `NEW_FACE_EVERY`-th, as several faces look for a
newcomer) before the clip is tracked: a face number it does not have (`--source-face-index`) is refused (a tracker
looking for a missing face runs the group detection on every frame: 22 s on a 45-frame two-person clip before the
refusal, h31-fresh5), and the faces of its first key frame with any are counted (a driver given to every face of a
portrait pairs them when it shows as many, `animate.driver_faces`)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from pathlib import Path

import numpy as np

from facereel.face.numbering import missing_face_error
from facereel.face.tracking import group_faces
from facereel.face.video_faces import NEW_FACE_EVERY


def first_key_faces(frames: Iterable[np.ndarray]) -> list[tuple[tuple[float, float, float, float, float], np.ndarray]]:
    """`group_faces` (left to right) of the first key frame of the RGB `frames` that shows a face; [] when none
    does. The faces a tracking pass numbers first (`video_faces.track_every_face`) where that frame is its first
    with faces."""
    for frame in islice(frames, 0, None, NEW_FACE_EVERY):
        found = group_faces(frame)
        if found:
            return found
    return []


def refuse_missing_face(frames: Iterable[np.ndarray], face_index: int, flag: str, what: str | Path) -> None:
    """InputError (`missing_face_error`, naming `flag` and `what`) when no key frame of the RGB `frames` (the first,
    then every `NEW_FACE_EVERY`-th, as several faces look for a newcomer) shows `face_index` + 1 faces
    (`group_faces`) and some shows a face; returns at the first key frame that does. A clip whose key frames show
    no face at all is left to the tracker (its error says why: dark, blurred, ...). Face 0 is never refused here."""
    if face_index < 1:
        return
    most = 0
    for frame in islice(frames, 0, None, NEW_FACE_EVERY):
        most = max(most, len(group_faces(frame)))
        if most > face_index:
            return
    if most > 0:
        raise missing_face_error(face_index, most, flag, what)
