"""`facereel prepare-data` over work units: one unit per video, run here one after another, on this machine's
share of a `--shard K/N` split, or on Ray actors (`--ray`); then the dataset's manifest merged from the videos'
parts (`layout.merge_manifest`) once every video of the run has an outcome.

Whoever runs the units (this process, or this process collecting the Ray actors' results) records each video's
outcome; the actors write only the video's own clips, track and part.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from facereel.batch.pool import remove_partial
from facereel.errors import error_line, unwrapped_interrupts
from facereel.media.atomic import remove_stale_temporaries
from facereel.train import layout
from facereel.train.prepare import PrepareOptions, VideoReport, prepare_video

IN_PROCESS = "in-process"


@dataclass(frozen=True)
class VideoOutcome:
    """What became of one video: its `report` when prepared, else a one-line `error`; `where` it ran."""

    video: Path
    report: VideoReport | None
    error: str | None
    where: str


OnOutcome = Callable[[VideoOutcome], None]
Progress = Callable[[Path], AbstractContextManager[Callable[[int], None]]]
"""video -> a context giving the video's per-frame progress callback (`cli.common.progress_bar`)."""


def prepare_unit(video: Path, where: str, root: Path, options: PrepareOptions,
                 progress: Callable[[int], None] | None = None) -> VideoOutcome:
    """Prepare one video into `root` (`prepare.prepare_video`); any error becomes a failed outcome (a bad video
    does not stop the others). `where` labels the worker. Temporary files of an attempt that was killed (a
    dead Ray actor) are removed first: the video's files belong to this unit alone."""
    remove_partial(layout.track_path(root, video.stem))
    for folder in layout.clip_dir(root, video.stem).glob("*"):
        remove_stale_temporaries(folder, max_age_s=0.0)
    try:
        with unwrapped_interrupts():  # Ctrl-C inside a numba kernel stops the run, not only this video
            return VideoOutcome(video, prepare_video(video, root, options, progress), None, where)
    except Exception as exc:  # noqa: BLE001 - one failed video is recorded and the run goes on
        return VideoOutcome(video, None, error_line(exc), where)


def run_videos(videos: Sequence[Path], root: Path, options: PrepareOptions, on_outcome: OnOutcome,
               ray_address: str | None = None, use_ray: bool = False,
               progress: Progress | None = None) -> None:
    """Prepare `videos` into `root`, here (one after another; `progress(video)` gives each one's per-frame
    callback context) or with `use_ray` on the Ray cluster at `ray_address` (None: a local one). Each outcome is
    recorded in the folder (`layout.write_outcome`) and passed to `on_outcome`, here, as it comes."""
    layout.check_settings(root, options.settings())
    layout.adopt_manifest(root)

    def record(video: Path, outcome: VideoOutcome) -> None:
        layout.write_outcome(root, video.stem, outcome.error)
        on_outcome(outcome)

    if use_ray:
        from facereel.batch.ray_pool import run_units_ray

        run_units_ray(videos, functools.partial(prepare_unit, root=root, options=options), ray_address, record,
                      lambda video, error: VideoOutcome(video, None, error, "ray"))
        return
    for video in videos:
        with contextlib.nullcontext(None) if progress is None else progress(video) as update:
            record(video, prepare_unit(video, IN_PROCESS, root, options, update))
