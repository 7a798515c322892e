"""`facereel batch`: many portraits x driving videos into one folder, across GPUs and machines.

    facereel batch JOBS.csv|JOBS.jsonl -o OUT_DIR [--shard K/N] [--devices LIST] [animate options]
    facereel batch --sources DIR_OR_FILE... --driving DIR_OR_FILE... -o OUT_DIR [...]

A job file has the columns (CSV header) or keys (JSONL) `source`, `driving`, optionally `output` (a name
inside OUT_DIR; default `<source>__<driving>.mp4`) and any animate option as a per-job override (`engine`,
`regions`, `multiplier`, `side_by_side`, ...); relative paths are relative to the job file. The whole list
is checked before any work. Finished outputs are skipped, so rerunning a command resumes it; failed jobs
are recorded in OUT_DIR/batch-report.jsonl and the others go on (exit code 1). See docs/batch.md.

examples:
  facereel batch jobs.csv -o out/                                   # one job after another, here
  facereel batch jobs.jsonl -o out/ --devices cuda:0,cuda:1,cuda:2,cuda:3 --engine a1 --weights ./SkyReels-A1
  facereel batch jobs.csv -o out/ --shard 2/8 --devices cuda:0,cuda:1   # the 3rd of 8 machines (K = 0..7), two GPUs each
  facereel batch --sources portraits/ --driving clips/ preset:talk -o out/ --devices cpu,cpu
  facereel batch jobs.csv -o /shared/out --ray auto --engine a1 --weights ./SkyReels-A1   # a running Ray cluster
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from facereel.animate.options import AnimateOptions
from facereel.batch.report import JobResult, Summary, append_report
from facereel.cli.common import say
from facereel.cli.scale_out import add_scale_out_args, ray_address, shard_of
from facereel.errors import InputError

if TYPE_CHECKING:  # the job list and the pools load the engines' inputs: imported by `run`, not by the parser
    from facereel.batch.jobs import BatchJob, OptionsFor


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("batch", help="animate many source x driving pairs, sharded across GPUs and machines",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("jobs", nargs="?", type=Path, metavar="JOBS", help="job file (.csv or .jsonl)")
    p.add_argument("--sources", nargs="+", metavar="DIR_OR_FILE",
                   help="instead of JOBS: source portraits (or folders of them), each with every --driving")
    p.add_argument("--driving", "-d", nargs="+", metavar="DIR_OR_FILE",
                   help="instead of JOBS: driving videos, templates (or folders of them) and presets (preset:talk)")
    p.add_argument("-o", "--output-dir", type=Path, required=True, help="folder for the outputs and the report")
    p.add_argument("--devices", metavar="LIST", default=None,
                   help="one worker process per entry, e.g. cuda:0,cuda:1 or cpu,cpu (default: this process)")
    add_scale_out_args(p, "jobs")
    p.add_argument("--quiet", "-q", action="store_true", default=argparse.SUPPRESS,
                   help="no line per job and no summary")
    AnimateOptions.add_arguments(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from facereel.batch.pool import parse_devices, run_jobs
    from facereel.batch.ray_pool import run_jobs_ray

    shard = shard_of(args)
    devices = parse_devices(args.devices) if args.devices else None
    if args.ray is not None and devices is not None:
        raise InputError("give either --ray (the cluster places the jobs) or --devices, not both")
    jobs = _job_list(args)
    spread = next((job for job in jobs if job.options.workers), None)
    if spread is not None and (args.ray is not None or devices is not None):
        raise InputError(f"{spread.origin}: --workers (one job's windows over several workers) cannot be combined with "
                         "--devices or --ray (each job on its own worker): give one or the other")
    if shard is not None:
        jobs = shard.select(jobs)
    out_dir: Path = args.output_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = Summary(len(jobs))

    def record(job: BatchJob, result: JobResult) -> None:
        summary.add(result)
        if result.status != "skipped":
            append_report(out_dir, result, job.origin)
        say(args, _progress_line(summary, result))

    todo = []
    for job in jobs:
        if (out_dir / job.output).exists():
            record(job, JobResult(job.output, "skipped"))
        else:
            todo.append(job)
    try:
        if args.ray is not None:
            run_jobs_ray(todo, out_dir, ray_address(args), record)
        else:
            run_jobs(todo, out_dir, devices, record)
    except KeyboardInterrupt:
        say(args, f"{summary.line()}; interrupted, no partial output left: run the same command again to resume")
        return 130
    say(args, summary.line())
    return 1 if summary.counts["failed"] else 0


def _job_list(args: argparse.Namespace) -> list[BatchJob]:
    """The validated jobs of the job file, or of the --sources x --driving cross product."""
    from facereel.batch.jobs import cross_jobs, read_jobs

    options_for = job_options(args)
    if args.jobs is not None:
        if args.sources or args.driving:
            raise InputError("give either a job file or --sources and --driving, not both")
        return read_jobs(args.jobs, options_for)
    if not (args.sources and args.driving):
        raise InputError("give a job file (.csv or .jsonl), or both --sources and --driving")
    return cross_jobs(args.sources, args.driving, options_for({}))


def job_options(args: argparse.Namespace) -> OptionsFor:
    """A job's AnimateOptions: the command line's options with the job's overrides ({option name: value},
    names as the animate flags with - or _, values as JSON or CSV text)."""
    given = AnimateOptions.from_args(args).to_record()
    return lambda overrides: AnimateOptions.from_record({**given, **overrides})


def _progress_line(summary: Summary, result: JobResult) -> str:
    """`[3/10] done a__b.mp4: 120 frames in 4.2 s on cuda:1`, then "; " and each of the job's notes."""
    head = f"[{summary.finished}/{summary.total}] {result.status} {result.output}"
    if result.status == "done":
        head = f"{head}: {result.frames} frames in {result.seconds:.1f} s on {result.device}"
    elif result.error:
        head = f"{head}: {result.error}"
    return "; ".join([head, *result.notes])
