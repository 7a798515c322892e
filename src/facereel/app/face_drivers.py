"""The page's per-face drivers: the faces of an uploaded portrait (numbered boxes, counted from the left as
`--driving N=...` counts them) and the form's `face_N` fields -> {face index: driver} (`animate.faces`)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
from starlette.datastructures import FormData, UploadFile

from facereel.errors import InputError
from facereel.face.every_face import track_faces
from facereel.media.files import IMAGE_SUFFIXES

MAX_FACES = 8
"""Per-face drivers one job takes (each may be an upload: the form's file limit follows from it)."""
FACE_FIELD = re.compile(r"face_(\d+)")
DRIVER_FACE_FIELD = re.compile(r"face_(\d+)_driver_face")
"""`face_N_driver_face=K`: face N follows face K (0 = the leftmost) of its driving video (`--driving N=PATH@K`)."""

Box = tuple[float, float, float, float]
"""(left, top, right, bottom) as fractions of the image's width and height."""


def face_boxes(image: np.ndarray, what: str) -> list[Box]:
    """The boxes of the faces the engine animates in an (H, W, 3) uint8 RGB portrait, left to right: each
    face's landmark extent. InputError naming `what` when there is no face (or two cannot be told apart)."""
    height, width = image.shape[:2]
    boxes = []
    for face in track_faces(image, what=what):
        (x0, y0), (x1, y1) = face[:, :2].min(0), face[:, :2].max(0)
        boxes.append((max(0.0, float(x0) / width), max(0.0, float(y0) / height),
                      min(1.0, float(x1) / width), min(1.0, float(y1) / height)))
    return boxes


def face_fields(form: FormData) -> dict[int, str | UploadFile]:
    """{face index: the `face_N` field} for the fields given a value (text `preset:NAME` or a file);
    InputError for an index past MAX_FACES."""
    given: dict[int, str | UploadFile] = {}
    for name, value in form.multi_items():
        match = FACE_FIELD.fullmatch(name)
        if match is None or (isinstance(value, str) and not value.strip()) or \
                (isinstance(value, UploadFile) and not value.filename):
            continue
        index = int(match.group(1))
        if index >= MAX_FACES:
            raise InputError(f"{name}: at most {MAX_FACES} faces take their own driver (face_0 .. face_{MAX_FACES - 1})")
        if index in given:
            raise InputError(f"{name} is given twice")
        given[index] = value.strip() if isinstance(value, str) else value
    if not given:
        raise InputError("one driver per face: give at least one face a driver (a preset or a file)")
    return given


def driver_face_fields(form: FormData) -> dict[int, int]:
    """{face index: the face of its driving video it follows} from the `face_N_driver_face` fields given a value;
    InputError for a value that is not a face number."""
    named: dict[int, int] = {}
    for name, value in form.multi_items():
        match = DRIVER_FACE_FIELD.fullmatch(name)
        if match is None or not isinstance(value, str) or not value.strip():
            continue
        if not value.strip().isdigit():
            raise InputError(f"{name} takes the number of a face of the driving video (0 = the leftmost; "
                             f"got {value!r})")
        named[int(match.group(1))] = int(value)
    return named


def shared_uploads(saved: dict[int, str]) -> dict[int, str]:
    """{face index: saved driver} with a file uploaded again for another face (the same bytes) replaced by the
    first face's copy (the later copy deleted), so a driving video two faces use is tracked once."""
    first: dict[str, str] = {}
    shared = {}
    for index, driver in sorted(saved.items()):
        path = Path(driver)
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else driver
        if digest in first and first[digest] != driver:
            path.unlink()
        shared[index] = first.setdefault(digest, driver)
    return shared


def face_file_kind(filename: str) -> str:
    """What an uploaded face driver is by its extension: "template" (.npz), "keyframes" (.json) or "video";
    InputError for a photo (a photo drives one face: the page's Photo choice)."""
    suffix = Path(filename).suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        raise InputError(f"{filename}: a face's driver is a video, a motion template (.npz) or keyframes (.json); "
                         "a photo drives a single face (choose Photo)")
    return {".npz": "template", ".json": "keyframes"}.get(suffix, "video")
