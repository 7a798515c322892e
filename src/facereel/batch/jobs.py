"""The job list: read from a CSV / JSONL file or made as a cross product, validated as a whole before any work.

A job file names `source` and `driving` (paths relative to the job file's folder; `driving` may also be a
preset such as `preset:talk`, a photo (then `driving_reference` is relative to that folder too), slider
keyframes `.json` (an expression edit as a clip, or as an image), or one driver per face of the portrait,
`0=a.mp4;1=preset:talk`, or one face of a video with several people for every face, `two.mp4@1` with
`face_index` all), optionally `output` (a file name inside the output folder; default
`<source>__<driving>.mp4`, `.png` for a photo driver's still) and any `animate` option as a per-job
override (`engine`, `regions`,
`multiplier`, ...). Every problem is one `InputError` line that starts with the job's file and line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from facereel.animate.driver_texts import (FACE_MARK, drivers_from_text, drivers_text, named_face,
                                           refuse_misplaced_photo, refuse_missing_driver_face)
from facereel.animate.options import AnimateOptions
from facereel.animate.run import refuse_named_face
from facereel.errors import InputError
from facereel.eval.names import driving_stem
from facereel.media.files import IMAGE_SUFFIXES, VIDEO_SUFFIXES, collect_files, writes_still
from facereel.animate.inputs import KEYFRAMES_SUFFIX, TEMPLATE_SUFFIX, preset_name
from facereel.motion.keyframes import load_keyframes
from facereel.motion.presets import PRESETS

FIELDS = ("source", "driving", "output")

OptionsFor = Callable[[dict[str, object]], AnimateOptions]
"""Turns a job's overrides ({option name: value}) into its AnimateOptions; raises InputError on a bad one."""


@dataclass(frozen=True)
class BatchJob:
    """One animation: `source` + `driving` (a file path, or `preset:NAME`) -> `output` (a relative file name
    inside the output folder). `origin` says where the job was defined (`jobs.csv:3`), for messages."""

    source: Path
    driving: str
    output: str
    options: AnimateOptions
    origin: str

    @property
    def driving_name(self) -> str:
        """The driving file's name (or the preset), independent of where the file lies; per-face drivers: each."""
        drivers = drivers_from_text(self.driving)
        if isinstance(drivers, dict):
            return drivers_text({face: Path(str(d)).name for face, d in drivers.items()})
        return self.driving if preset_name(self.driving) is not None else Path(self.driving).name

    @property
    def still_edit(self) -> bool:
        """Slider keyframes written as an image: the still of the last keyframe (`animate.edit.write_still_edit`)."""
        return (Path(self.driving).suffix.lower() == KEYFRAMES_SUFFIX
                and PurePosixPath(self.output).suffix.lower() in IMAGE_SUFFIXES)


def default_output_name(source: Path, driving: str) -> str:
    """`<source_stem>__<driving_stem>.mp4` (the eval's cross-reenactment name, `cross_output_name`); a preset counts
    as `preset-NAME`. Per-face drivers: `<source_stem>__0-<stem>_1-<stem>.mp4`; a driver's face named: `<stem>@K`."""
    drivers = drivers_from_text(driving)
    if isinstance(drivers, dict):
        names = "_".join(f"{face}-{_driver_stem(d)}" for face, d in sorted(drivers.items()))
        return f"{source.stem}__{names}.mp4"
    return f"{source.stem}__{_driver_stem(driving)}.mp4"


def _driver_stem(driving: str) -> str:
    """A driver's name in output file names (`driving_stem`), with the driver's face it names: `two@1`."""
    path, face = named_face(driving)
    return driving_stem(path) + ("" if face is None else f"{FACE_MARK}{face}")


def read_jobs(path: Path, options_for: OptionsFor) -> list[BatchJob]:
    """Jobs from a `.csv` (header row with `source`, `driving`, ...) or `.jsonl` (one object a line) file."""
    if not path.is_file():
        raise InputError("not a regular file" if path.exists() else "job file not found", path)
    rows = {".csv": _csv_rows, ".jsonl": _jsonl_rows}.get(path.suffix.lower())
    if rows is None:
        raise InputError("job file must be .csv or .jsonl", path)
    try:
        jobs = [_job(row, path.parent, f"{path}:{line}", options_for) for line, row in rows(path)]
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}); save the job file as UTF-8", path) from None
    except csv.Error as exc:
        raise InputError(f"not a readable CSV file ({exc})", path) from None
    if not jobs:
        raise InputError("no jobs in this file", path)
    return check_unique(jobs)


def cross_jobs(sources: Sequence[str], driving: Sequence[str], options: AnimateOptions) -> list[BatchJob]:
    """Every source (images, or folders of them) with every driver (videos, templates, folders of them, presets)."""
    source_files = collect_files(sources, IMAGE_SUFFIXES, "source image")
    presets = [d for d in driving if preset_name(d) is not None]
    for preset in presets:
        _check_preset(preset, "--driving")
    files = [d for d in driving if preset_name(d) is None]
    drivers = presets + ([str(p) for p in collect_files(files, (*VIDEO_SUFFIXES, TEMPLATE_SUFFIX), "driving")]
                         if files else [])
    jobs = [BatchJob(source, drive, default_output_name(source, drive), options,
                     f"--sources {source} --driving {drive}")
            for source in source_files for drive in drivers]
    return check_unique(jobs)


def check_unique(jobs: list[BatchJob]) -> list[BatchJob]:
    """`jobs`, if no two of them write the same output."""
    seen: dict[str, BatchJob] = {}
    for job in jobs:
        if job.output in seen:
            raise InputError(f"{job.origin}: output {job.output} is also written by {seen[job.output].origin}")
        seen[job.output] = job
    return jobs


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(newline="", encoding="utf-8-sig") as file:  # -sig: a byte-order mark (Excel's) is no header text
        reader = csv.DictReader(file)
        for row in reader:
            if None in row:  # DictReader's key for the cells past the header's
                raise InputError(f"{path}:{reader.line_num}: more cells than the header has columns "
                                 "(quote a cell that holds a comma)")
            cells = {key.strip(): value.strip() for key, value in row.items() if key and value and value.strip()}
            if cells:
                yield reader.line_num, cells


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8-sig") as file:
        for line, text in enumerate(file, 1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{line}: not valid JSON ({exc.msg})") from None
            except (RecursionError, ValueError) as exc:  # nested too deep, an integer too long
                raise InputError(f"{path}:{line}: not usable JSON ({exc.__class__.__name__})") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{line}: a job must be a JSON object")
            yield line, row


def _job(row: dict[str, object], folder: Path, origin: str, options_for: OptionsFor) -> BatchJob:
    """A validated job from one row: files exist, the output name is a plain .mp4 name, overrides parse."""
    missing = [name for name in FIELDS[:2] if not row.get(name)]
    if missing:
        raise InputError(f"{origin}: missing {' and '.join(missing)}")
    source = folder / str(row["source"])
    if not source.is_file():
        raise InputError(f"{origin}: source file not found: {source}")
    try:
        given = drivers_from_text(str(row["driving"]))
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from None
    driving = (drivers_text({face: _face_driver(str(d), folder, origin) for face, d in given.items()})
               if isinstance(given, dict) else _face_driver(given, folder, origin))
    try:
        options = options_for({k: v for k, v in row.items() if k not in FIELDS})
        refuse_misplaced_photo(source, given, options.face_index)
        refuse_missing_driver_face(given, options.face_index)
        refuse_named_face(driving, options)
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from None
    if options.driving_reference is not None:  # a photo driver's neutral photo, relative to the job file too
        options = replace(options, driving_reference=folder / options.driving_reference)
    still = writes_still(driving, options.duration)  # a photo driver's still
    default = str(Path(default_output_name(source, driving)).with_suffix(".png" if still else ".mp4"))
    output = str(PurePosixPath(str(row.get("output") or default)))  # ./a.mp4 = a.mp4
    keyframes = Path(driving).suffix.lower() == KEYFRAMES_SUFFIX  # an edit: a clip, or the last keyframe's still
    allowed = IMAGE_SUFFIXES if still else (".mp4", *IMAGE_SUFFIXES) if keyframes else (".mp4",)
    if output.startswith("/") or ".." in PurePosixPath(output).parts or PurePosixPath(output).suffix.lower() not in allowed:
        what = "image (" + ", ".join(IMAGE_SUFFIXES) + ")"
        what = what if still else f".mp4 or {what}" if keyframes else ".mp4"
        raise InputError(f"{origin}: output must be a relative {what} name inside the output folder (got {output})")
    return BatchJob(source, driving, output, options, origin)


def _driver(driving: str, folder: Path, origin: str) -> str:
    """A preset (checked) or the path of an existing driving file relative to `folder`."""
    if preset_name(driving) is not None:
        _check_preset(driving, origin)
        return driving
    path = folder / driving
    if not path.is_file():
        raise InputError(f"{origin}: driving file not found: {path}")
    if path.suffix.lower() == KEYFRAMES_SUFFIX:
        try:
            load_keyframes(path)  # slider keyframes: the schema checked before any work
        except InputError as exc:
            raise InputError(f"{origin}: {exc}") from None
    return str(path)


def _face_driver(driving: str, folder: Path, origin: str) -> str:
    """A driver as `_driver` checks it, with the driver's face it names (`two.mp4@1`, `named_face`) kept: one per
    face, or one for every face of `face_index` all."""
    if named_face(folder / driving)[1] is None:
        return _driver(driving, folder, origin)
    path, face = driving.rsplit(FACE_MARK, 1)
    return f"{_driver(path, folder, origin)}{FACE_MARK}{face}"


def _check_preset(driving: str, origin: str) -> None:
    name = preset_name(driving)
    if name not in PRESETS:
        raise InputError(f"{origin}: unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
