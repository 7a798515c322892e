"""The job list: read from a CSV / JSONL file or made as a cross product, validated as a whole before any work.

A job file names `source` and `driving` (paths relative to the job file's folder; `driving` may also be a
preset such as `preset:talk`, or slider keyframes `.json`, an expression edit as a clip), optionally `output` (a file name inside the output folder; default
`<source>__<driving>.mp4`) and any `animate` option as a per-job override (`engine`, `regions`,
`multiplier`, ...). Every problem is one `InputError` line that starts with the job's file and line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from facereel.animate.options import AnimateOptions
from facereel.errors import InputError
from facereel.eval.run import (
    IMAGE_SUFFIXES,
    VIDEO_SUFFIXES,
    collect_files,
    cross_output_name,
)
from facereel.frontend import KEYFRAMES_SUFFIX, TEMPLATE_SUFFIX, preset_name
from facereel.media.image import IMAGE_SUFFIXES as STILL_SUFFIXES
from facereel.motion.keyframes import load_keyframes
from facereel.motion.presets import PRESETS

FIELDS = ("source", "driving", "output")

OptionsFor = Callable[[dict[str, object]], AnimateOptions]
"""Turns a job's overrides ({option name: value}) into its AnimateOptions; raises InputError on a bad one."""


@dataclass(frozen=True)
class Job:
    """One animation: `source` + `driving` (a file path, or `preset:NAME`) -> `output` (a relative file name
    inside the output folder). `origin` says where the job was defined (`jobs.csv:3`), for messages."""

    source: Path
    driving: str
    output: str
    options: AnimateOptions
    origin: str

    @property
    def driving_name(self) -> str:
        """The driving file's name (or the preset), independent of where the file lies."""
        return self.driving if preset_name(self.driving) is not None else Path(self.driving).name


def default_output_name(source: Path, driving: str) -> str:
    """`<source_stem>__<driving_stem>.mp4` (the eval's cross-reenactment name); a preset counts as `preset-NAME`."""
    return cross_output_name(source, driving)


def read_jobs(path: Path, options_for: OptionsFor) -> list[Job]:
    """Jobs from a `.csv` (header row with `source`, `driving`, ...) or `.jsonl` (one object a line) file."""
    if not path.is_file():
        raise InputError("job file not found", path)
    rows = {".csv": _csv_rows, ".jsonl": _jsonl_rows}.get(path.suffix.lower())
    if rows is None:
        raise InputError("job file must be .csv or .jsonl", path)
    jobs = [_job(row, path.parent, f"{path}:{line}", options_for) for line, row in rows(path)]
    if not jobs:
        raise InputError("no jobs in this file", path)
    return check_unique(jobs)


def cross_jobs(sources: Sequence[str], driving: Sequence[str], options: AnimateOptions) -> list[Job]:
    """Every source (images, or folders of them) with every driver (videos, templates, folders of them, presets)."""
    source_files = collect_files(sources, IMAGE_SUFFIXES, "source image")
    presets = [d for d in driving if preset_name(d) is not None]
    for preset in presets:
        _check_preset(preset, "--driving")
    files = [d for d in driving if preset_name(d) is None]
    drivers = presets + ([str(p) for p in collect_files(files, (*VIDEO_SUFFIXES, TEMPLATE_SUFFIX), "driving")]
                         if files else [])
    jobs = [Job(source, drive, default_output_name(source, drive), options, f"--sources {source} --driving {drive}")
            for source in source_files for drive in drivers]
    return check_unique(jobs)


def check_unique(jobs: list[Job]) -> list[Job]:
    """`jobs`, if no two of them write the same output."""
    seen: dict[str, Job] = {}
    for job in jobs:
        if job.output in seen:
            raise InputError(f"{job.origin}: output {job.output} is also written by {seen[job.output].origin}")
        seen[job.output] = job
    return jobs


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        for row in reader:
            cells = {key.strip(): value.strip() for key, value in row.items() if key and value and value.strip()}
            if cells:
                yield reader.line_num, cells


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8") as file:
        for line, text in enumerate(file, 1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{line}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{line}: a job must be a JSON object")
            yield line, row


def _job(row: dict[str, object], folder: Path, origin: str, options_for: OptionsFor) -> Job:
    """A validated job from one row: files exist, the output name is a plain .mp4 name, overrides parse."""
    missing = [name for name in FIELDS[:2] if not row.get(name)]
    if missing:
        raise InputError(f"{origin}: missing {' and '.join(missing)}")
    source = folder / str(row["source"])
    if not source.is_file():
        raise InputError(f"{origin}: source file not found: {source}")
    driving = str(row["driving"])
    if preset_name(driving) is not None:
        _check_preset(driving, origin)
    else:
        driving = str(folder / driving)
        if not Path(driving).is_file():
            raise InputError(f"{origin}: driving file not found: {driving}")
        if Path(driving).suffix.lower() == KEYFRAMES_SUFFIX:
            try:
                load_keyframes(driving)  # slider keyframes: the schema checked before any work
            except InputError as exc:
                raise InputError(f"{origin}: {exc}") from None
    output = str(PurePosixPath(str(row.get("output") or default_output_name(source, driving))))  # ./a.mp4 = a.mp4
    parts = PurePosixPath(output).parts
    still = PurePosixPath(output).suffix.lower() in STILL_SUFFIXES and Path(driving).suffix.lower() == KEYFRAMES_SUFFIX
    if output.startswith("/") or ".." in parts or not (output.endswith(".mp4") or still):
        raise InputError(f"{origin}: output must be a relative .mp4 name inside the output folder, or an image "
                         f"name for slider keyframes (the still of the last keyframe) (got {output})")
    try:
        options = options_for({k: v for k, v in row.items() if k not in FIELDS})
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from None
    return Job(source, driving, output, options, origin)


def _check_preset(driving: str, origin: str) -> None:
    name = preset_name(driving)
    if name not in PRESETS:
        raise InputError(f"{origin}: unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
