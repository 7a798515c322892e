"""The upload form (multipart fields of POST /api/jobs) -> files in the job's folder + a JobSpec."""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import numpy as np
from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from facereel.app.face_drivers import driver_face_fields, face_fields, face_file_kind, shared_uploads
from facereel.app.spec import JobSpec
from facereel.animate.faces import check_several, several_faces
from facereel.animate.driver_texts import FACE_MARK
from facereel.animate.inputs import KEYFRAMES_SUFFIX, PRESET_PREFIX, TEMPLATE_SUFFIX, driving_video, preset_name
from facereel.animate.run import choose_engine
from facereel.animate.edit import edit_options
from facereel.animate.options import ALL_FACES, AnimateOptions
from facereel.errors import InputError
from facereel.media.image import read_image, write_image
from facereel.media.limits import TooLarge
from facereel.media.files import IMAGE_SUFFIXES, is_photo
from facereel.motion.keyframes import MAX_FILE_BYTES as MAX_KEYFRAMES_BYTES
from facereel.motion.preset_names import PRESETS

DRIVING_KINDS = ("preset", "video", "template", "photo", "keyframes", "faces")
PHOTO_SECONDS = 1.5  # a photo driver's clip length when the form leaves it empty (the page writes videos)
DEMO_NAME = "astronaut.png"
_TRUE = ("1", "true", "on", "yes")
T = TypeVar("T")


class FormError(ValueError):
    """A missing or malformed form field (answered with 400 and the message)."""


def demo_portrait() -> np.ndarray:
    """scikit-image's astronaut portrait (NASA, public domain), RGB uint8."""
    from skimage import data

    return data.astronaut()


def portrait_image(form: FormData) -> tuple[np.ndarray, str]:
    """The form's portrait (upload `portrait`, or `portrait_demo=1`) decoded: ((H, W, 3) uint8 RGB, the name
    the user knows it by). FormError when none is given; InputError / TooLarge from `read_image`, naming it."""
    if _text(form, "portrait_demo") in _TRUE:
        return demo_portrait(), DEMO_NAME
    upload = _upload(form, "portrait", "a portrait image")
    name = Path(upload.filename or "").name
    return decode_image(upload.file.read(), name), name


async def on_portrait(request: Request, decoding: asyncio.Semaphore, work: Callable[[np.ndarray, str], T]) -> T:
    """`work(image, name)` on the request's portrait (`portrait_image`), one decode at a time (`decoding`), in
    a worker thread: HTTP 400 with the one-line message for a missing, unreadable or faceless portrait, 413
    for too many pixels."""
    form = await request.form(max_files=1, max_fields=4)
    try:
        async with decoding:
            image, name = await run_in_threadpool(portrait_image, form)
            return await run_in_threadpool(work, image, name)
    except TooLarge as exc:
        raise HTTPException(413, str(exc)) from None
    except (FormError, InputError) as exc:
        raise HTTPException(400, str(exc)) from None
    finally:
        await form.close()


def decode_image(data: bytes, name: str) -> np.ndarray:
    """An uploaded image's bytes -> (H, W, 3) uint8 RGB, with `read_image`'s checks and limits; errors name
    the upload as the user called it."""
    with tempfile.TemporaryDirectory(prefix="facereel-upload-") as folder:
        path = Path(folder) / f"portrait{Path(name).suffix[:6]}"
        path.write_bytes(data)
        try:
            return read_image(path)
        except InputError as exc:
            raise InputError(str(exc).replace(str(path), name)) from None


def _text(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name, default)
    if isinstance(value, UploadFile):
        raise FormError(f"field {name!r} must be text, not a file")
    return value.strip()


def _upload(form: FormData, name: str, what: str) -> UploadFile:
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        raise FormError(f"choose {what} to upload")
    return value


def _suffix(filename: str, default: str) -> str:
    """The upload's extension when it is a plain one (.jpg, .mp4, ...), else `default`."""
    suffix = Path(filename).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else default


def _save(upload: UploadFile, path: Path, names: dict[str, str]) -> Path:
    with path.open("wb") as out:
        shutil.copyfileobj(upload.file, out, 1 << 20)
    names[str(path)] = Path(upload.filename or path.name).name
    return path


def _source(form: FormData, folder: Path, names: dict[str, str]) -> Path:
    if _text(form, "portrait_demo") in _TRUE:
        path = folder / DEMO_NAME
        write_image(path, demo_portrait())
        names[str(path)] = DEMO_NAME
        return path
    upload = _upload(form, "portrait", "a portrait image")
    return _save(upload, folder / f"portrait{_suffix(upload.filename or '', '.img')}", names)


def _driving(form: FormData, folder: Path, names: dict[str, str]) -> str | dict[int, str]:
    """The job's driver: a preset (`preset:NAME`) or a saved upload's path; {face index: driver} for
    `driving_kind=faces` (the `face_N` fields)."""
    kind = _text(form, "driving_kind", "preset")
    if kind not in DRIVING_KINDS:
        raise FormError(f"driving_kind takes one of {', '.join(DRIVING_KINDS)} (got {kind!r})")
    if kind == "preset":
        return _preset(_text(form, "preset", "talk"))
    if kind == "faces":
        return _named_faces(shared_uploads({
            index: _face_preset(index, value) if isinstance(value, str) else
            _save_driver(value, face_file_kind(value.filename or ""), folder / f"face{index}", names)
            for index, value in sorted(face_fields(form).items())}), driver_face_fields(form))
    if kind == "keyframes" and _text(form, "keyframes"):  # the editor page's keyframes, as JSON text
        return _keyframes(_text(form, "keyframes"), "keyframes", folder / "driving", names)
    what = {"template": "a motion template (.npz)", "photo": "a driving photo", "keyframes": "a keyframes file (.json)",
            "video": "a driving video"}[kind]
    return _save_driver(_upload(form, "driving", what), kind, folder / "driving", names)


def _preset(name: str) -> str:
    if name not in PRESETS:
        raise FormError(f"preset takes one of {', '.join(PRESETS)} (got {name!r})")
    return f"{PRESET_PREFIX}{name}"


def _named_faces(drivers: dict[int, str], named: dict[int, int]) -> dict[int, str]:
    """`drivers` with each face's named driver face (`face_N_driver_face`) as `PATH@K` (`--driving N=PATH@K`);
    FormError for one whose face has no driving video."""
    for index, face in named.items():
        if driving_video(drivers.get(index, PRESET_PREFIX)) is None:
            raise FormError(f"face_{index}_driver_face names a face of face_{index}'s driving video; give face_{index} "
                            "a driving video")
        drivers[index] = f"{drivers[index]}{FACE_MARK}{face}"
    return drivers


def _face_preset(index: int, text: str) -> str:
    """A face's text field: `preset:NAME` (a file comes as an upload)."""
    name = preset_name(text)
    if name is None:
        raise FormError(f"face_{index} takes a file or preset:NAME (got {text!r})")
    return _preset(name)


def _save_driver(upload: UploadFile, kind: str, stem: Path, names: dict[str, str]) -> str:
    """Save an uploaded driver of `kind` (template, photo, keyframes, video) as `stem` + its suffix."""
    if kind == "template":
        return str(_checked_template(_save(upload, stem.with_suffix(TEMPLATE_SUFFIX), names), names))
    if kind == "keyframes":
        name = Path(upload.filename or "keyframes").name
        data = upload.file.read(MAX_KEYFRAMES_BYTES + 1)
        if len(data) > MAX_KEYFRAMES_BYTES:
            raise FormError(f"{name}: a keyframes file is at most {MAX_KEYFRAMES_BYTES >> 10} KiB")
        try:
            return _keyframes(data.decode("utf-8"), name, stem, names)
        except UnicodeDecodeError:
            raise FormError(f"{name}: keyframes must be UTF-8 JSON text") from None
    suffix = _suffix(upload.filename or "", "" if kind == "photo" else ".video")
    if kind == "photo" and suffix not in IMAGE_SUFFIXES:
        raise FormError(f"a driving photo must be one of {', '.join(IMAGE_SUFFIXES)} (got {suffix or 'no extension'})")
    if kind == "video" and suffix in (TEMPLATE_SUFFIX, KEYFRAMES_SUFFIX):  # a video is never read as one
        suffix = ".video"
    return str(_save(upload, stem.with_suffix(suffix), names))


def _checked_template(path: Path, names: dict[str, str]) -> Path:
    """`path` once it reads as a motion template (`Motion.load`); else FormError naming the upload as the user
    called it (a video posted as a template is refused here, not when the job runs)."""
    from facereel.motion.motion import Motion

    try:
        Motion.load(path)
    except InputError as exc:
        raise FormError(f"{names[str(path)]}: {str(exc).removeprefix(f'{path}: ')}") from None
    return path


def _keyframes(text: str, name: str, stem: Path, names: dict[str, str]) -> str:
    """Slider keyframes (JSON text; `name`: what the user calls them) checked against the schema and saved
    as `stem`.json."""
    from facereel.motion.keyframes import keyframes_json

    keyframes_json(text, name)
    path = stem.with_suffix(KEYFRAMES_SUFFIX)
    path.write_text(text, encoding="utf-8")
    names[str(path)] = name
    return str(path)


FORM_OPTIONS = ("engine", "weights", "mode", "multiplier", "side_by_side", "body", "duration", "face_index",
                "loop_driver")
"""The animate options the page sets besides `regions` (checkboxes, one field each); names as the flags."""


def _options(form: FormData) -> AnimateOptions:
    """AnimateOptions from the form's fields (InputError for values the engines refuse)."""
    record: dict[str, object] = {name: _text(form, name) for name in FORM_OPTIONS if _text(form, name)}
    given = form.getlist("regions")
    if given:  # sent but naming none (`regions=`): refused as the CLI's `--regions ''` (the page asks for one)
        record["regions"] = [r for value in given if isinstance(value, str) for r in value.split(",") if r.strip()]
    return AnimateOptions.from_record(record)


def _photo_options(form: FormData, folder: Path, names: dict[str, str], options: AnimateOptions) -> AnimateOptions:
    """A photo driver's options: the optional neutral photo upload, and a clip length (the page writes videos)."""
    reference = form.get("driving_reference")
    if isinstance(reference, UploadFile) and reference.filename:
        suffix = _suffix(reference.filename, "")
        if suffix not in IMAGE_SUFFIXES:
            raise FormError(f"a neutral photo must be one of {', '.join(IMAGE_SUFFIXES)} (got {suffix or 'no extension'})")
        options = replace(options, driving_reference=_save(reference, folder / f"reference{suffix}", names))
    return options if options.duration is not None else replace(options, duration=PHOTO_SECONDS)


def _check_face_drivers(driving: str | dict[int, str], options: AnimateOptions) -> None:
    """Several faces' refusals before any work: options for one face only, the a1 engine, both ways at once."""
    if isinstance(driving, dict) and options.face_index == ALL_FACES:
        raise FormError("choose either every face (one driver) or one driver per face, not both")
    check_several(options, choose_engine(options)[0])


def job_spec(form: FormData, folder: Path) -> JobSpec:
    """Validate the options, then save the uploads into `folder`. FormError / InputError on bad fields."""
    options = _options(form)
    names: dict[str, str] = {}
    source = _source(form, folder, names)
    driving = _driving(form, folder, names)
    if several_faces(driving, options):
        _check_face_drivers(driving, options)
    if isinstance(driving, str) and is_photo(driving):
        options = _photo_options(form, folder, names, options)
    elif isinstance(driving, str) and Path(driving).suffix == KEYFRAMES_SUFFIX:
        options = edit_options(options)  # eased already: no smoothing lag
    return JobSpec(source=source, driving=driving, options=options, names=names)
