"""The upload form (multipart fields of POST /api/jobs) -> files in the job's folder + a JobSpec."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
from starlette.datastructures import FormData, UploadFile

from facereel.app.spec import JobSpec
from facereel.animate.edit import edit_options
from facereel.animate.options import AnimateOptions
from facereel.media.image import write_image
from facereel.media.files import IMAGE_SUFFIXES
from facereel.motion.photo import is_photo
from facereel.motion.presets import PRESETS

DRIVING_KINDS = ("preset", "video", "template", "photo", "keyframes")
PHOTO_SECONDS = 1.5  # a photo driver's clip length when the form leaves it empty (the page writes videos)
DEMO_NAME = "astronaut.png"
_TRUE = ("1", "true", "on", "yes")


class FormError(ValueError):
    """A missing or malformed form field (answered with 400 and the message)."""


def demo_portrait() -> np.ndarray:
    """scikit-image's astronaut portrait (NASA, public domain), RGB uint8."""
    from skimage import data

    return data.astronaut()


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


def _driving(form: FormData, folder: Path, names: dict[str, str]) -> str:
    kind = _text(form, "driving_kind", "preset")
    if kind not in DRIVING_KINDS:
        raise FormError(f"driving_kind takes one of {', '.join(DRIVING_KINDS)} (got {kind!r})")
    if kind == "preset":
        preset = _text(form, "preset", "talk")
        if preset not in PRESETS:
            raise FormError(f"preset takes one of {', '.join(PRESETS)} (got {preset!r})")
        return f"preset:{preset}"
    if kind == "template":
        return str(_save(_upload(form, "driving", "a motion template (.npz)"), folder / "driving.npz", names))
    if kind == "photo":
        upload = _upload(form, "driving", "a driving photo")
        suffix = _suffix(upload.filename or "", "")
        if suffix not in IMAGE_SUFFIXES:
            raise FormError(f"a driving photo must be one of {', '.join(IMAGE_SUFFIXES)} (got {suffix or 'no extension'})")
        return str(_save(upload, folder / f"driving{suffix}", names))
    if kind == "keyframes":  # the editor page's keyframes, as JSON text (motion/keyframes.py)
        return _keyframes(_text(form, "keyframes"), folder, names)
    upload = _upload(form, "driving", "a driving video")
    suffix = _suffix(upload.filename or "", ".video")
    return str(_save(upload, folder / f"driving{'.video' if suffix == '.npz' else suffix}", names))


def _keyframes(text: str, folder: Path, names: dict[str, str]) -> str:
    """Slider keyframes (JSON text) checked against the schema and saved as the job's driving file."""
    import json

    from facereel.motion.keyframes import parse_keyframes

    try:
        parse_keyframes(json.loads(text), "keyframes")
    except json.JSONDecodeError as exc:
        raise FormError(f"keyframes: not JSON ({exc.msg})") from None
    path = folder / "keyframes.json"
    path.write_text(text, encoding="utf-8")
    names[str(path)] = "keyframes"
    return str(path)


FORM_OPTIONS = ("engine", "weights", "mode", "multiplier", "side_by_side", "body", "duration", "face_index",
                "loop_driver")
"""The animate options the page sets besides `regions` (checkboxes, one field each); names as the flags."""


def _options(form: FormData) -> AnimateOptions:
    """AnimateOptions from the form's fields (InputError for values the engines refuse)."""
    record: dict[str, object] = {name: _text(form, name) for name in FORM_OPTIONS if _text(form, name)}
    regions = [r for value in form.getlist("regions") if isinstance(value, str) for r in value.split(",") if r.strip()]
    if regions:
        record["regions"] = regions
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


def job_spec(form: FormData, folder: Path) -> JobSpec:
    """Validate the options, then save the uploads into `folder`. FormError / InputError on bad fields."""
    options = _options(form)
    names: dict[str, str] = {}
    source = _source(form, folder, names)
    driving = _driving(form, folder, names)
    if is_photo(driving):
        options = _photo_options(form, folder, names, options)
    elif _text(form, "driving_kind") == "keyframes":
        options = edit_options(options)  # eased already: no smoothing lag
    return JobSpec(source=source, driving=driving, options=options, names=names)
