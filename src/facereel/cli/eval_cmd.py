"""`facereel eval`: score animation outputs with the field's metrics, beside the do-nothing baseline.

    facereel eval self  --driving DIR_OR_FILES... [--engine mesh|a1] [--outputs DIR] [--lpips-weights FILE]
                        [--fid-weights FILE] [--fvd-weights FILE] -o REPORT_DIR
    facereel eval cross --sources DIR_OR_FILES... --driving DIR_OR_FILES... [--engine mesh|a1] [--outputs DIR]
                        -o REPORT_DIR
    facereel eval compare A.json B.json [-o TABLE.md]

With `--outputs DIR`, videos made elsewhere are scored; their names must be `<driving_stem>.mp4`
(self) or `<source_stem>__<driving_stem>.mp4` (cross). Without it the engine makes them (into
REPORT_DIR/outputs). See `facereel.eval.run` for the protocols and `facereel.eval.report` for the files.
LPIPS, FID and FVD need TorchScript networks made once elsewhere: see `facereel.eval.perceptual` and
`facereel.eval.distribution` for the recipes.

examples:
  facereel eval self --driving clips/ -o report/                        # mesh engine vs the baseline
  facereel eval self --driving clips/ --outputs other_tool/ -o report/  # score another tool's videos
  facereel eval cross --sources portraits/ --driving clips/ -o report/
  facereel eval cross --sources portraits/ --driving preset:talk preset:nod -o report/
  facereel eval compare report/report.json other/report.json
  facereel eval self --driving clips/ -o /shared/report --shard 1/4     # the 2nd of 4 machines (K = 0..3; one driver per unit)
  facereel eval self --driving clips/ -o /shared/report --merge         # the report, once all 4 are done
  facereel eval cross --sources portraits/ --driving clips/ -o report/ --ray auto

Each driver is one work unit; its scores go to REPORT_DIR/records/<driver>.json and the report is built from
the records of all drivers (the same report however the run was split). A driver that cannot be scored is
named in one line and in the report's notes (exit code 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from facereel.cli.scale_out import add_scale_out_args

if TYPE_CHECKING:  # the eval modules load the trackers: imported by `run`, not by the parser
    from facereel.batch.shard import Shard
    from facereel.eval.distribution import SetScores
    from facereel.eval.units import EvalSetup

ENGINES = ("mesh", "a1")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `eval` and its `self`, `cross`, `compare` subcommands."""
    parser = subparsers.add_parser("eval", help="score outputs with PSNR/SSIM/AKD/AED/APD/identity/stability metrics",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    protocols = parser.add_subparsers(dest="protocol", required=True, metavar="{self,cross,compare}")

    self_parser = protocols.add_parser("self", help="self-reenactment: a video drives its own first frame")
    self_parser.add_argument("--driving", nargs="+", required=True, metavar="DIR_OR_FILE",
                             help="driving videos (also the ground truth), or folders of them")
    self_parser.add_argument("--lpips-weights", type=Path, metavar="FILE",
                             help="TorchScript LPIPS module (see facereel.eval.perceptual); without it LPIPS is skipped")
    self_parser.add_argument("--fid-weights", type=Path, metavar="FILE",
                             help="TorchScript Inception-v3 pool3 module (see facereel.eval.distribution); "
                                  "without it FID is skipped")
    self_parser.add_argument("--fvd-weights", type=Path, metavar="FILE",
                             help="TorchScript I3D module (see facereel.eval.distribution); without it FVD is skipped")
    _add_common(self_parser)

    cross_parser = protocols.add_parser("cross", help="cross-reenactment: each source portrait x each driving video")
    cross_parser.add_argument("--sources", nargs="+", required=True, metavar="DIR_OR_FILE",
                              help="source portraits, or folders of them")
    cross_parser.add_argument("--driving", nargs="+", required=True, metavar="DIR_OR_FILE",
                              help="driving videos (or folders of them), motion templates (.npz) or presets "
                                   "(preset:NAME)")
    _add_common(cross_parser)

    compare_parser = protocols.add_parser("compare", help="Markdown table of two report.json files")
    compare_parser.add_argument("a", type=Path, help="first report.json (A)")
    compare_parser.add_argument("b", type=Path, help="second report.json (B)")
    compare_parser.add_argument("-o", "--output", type=Path, help="write the table here instead of printing it")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run `facereel eval ...`; InputError (one line naming the file) on bad input or when no driver could be
    scored. Returns 0, or 1 when some driver could not be scored (named on stderr and in the report's notes)."""
    from facereel.cli.scale_out import shard_of
    from facereel.errors import InputError
    from facereel.eval import new_files, report, units
    from facereel.media.atomic import atomic_path

    if args.protocol == "compare":
        table = report.compare(args.a, args.b)
        if args.output is None:
            sys.stdout.write(table)
        else:
            with atomic_path(args.output) as tmp:
                tmp.write_text(table)
        return 0
    shard = shard_of(args)
    spread = shard is not None or args.ray is not None or args.merge
    if spread and (getattr(args, "fid_weights", None) or getattr(args, "fvd_weights", None)):
        raise InputError("FID / FVD are one number over all videos of a run: give --fid-weights / --fvd-weights "
                         "without --shard, --ray and --merge")
    if args.merge and (shard is not None or args.ray is not None):
        raise InputError("--merge only writes the report from the records: give it without --shard and --ray")
    outputs = _outputs_dir(args.outputs)
    sources, drivers = _inputs(args)
    units.check_unique(drivers)
    setup = units.EvalSetup(args.protocol, args.output, sources, outputs, args.engine, args.weights,
                            getattr(args, "lpips_weights", None))
    sets = None if spread else _set_scores(args)  # bad weights refused before anything is written
    if setup.lpips_weights is not None:
        units.lpips_net(setup.lpips_weights)
    with new_files.removed_if_interrupted():  # Ctrl-C / SIGTERM: what this run created in REPORT_DIR goes again
        return _score_and_report(args, setup, drivers, shard, spread, sets)


def _score_and_report(args: argparse.Namespace, setup: EvalSetup, drivers: list[str | Path], shard: Shard | None,
                      spread: bool, sets: SetScores | None) -> int:
    """`run`'s work once the inputs are checked: record the settings, score this process's drivers (its `shard`;
    `spread`: the run is split, or only merges), write the report when every driver has a record. Returns `run`'s
    exit code."""
    from facereel.cli.common import say
    from facereel.cli.scale_out import ray_address
    from facereel.errors import InputError
    from facereel.eval import report, units

    units.check_settings(setup, drivers, fresh=not spread)
    failed: list[units.UnitRecord] = []
    if not args.merge:
        mine = shard.select_by(drivers, units.unit_name) if shard is not None else drivers

        def record(unit: units.UnitRecord) -> None:
            if unit.error is None:
                say(args, f"scored {unit.unit}" + ("" if unit.where == units.IN_PROCESS else f" on {unit.where}"))
            else:
                failed.append(unit)
                if len(mine) > 1:  # else the error line below says it
                    print(f"facereel: eval: not scored: {unit.error}", file=sys.stderr)

        units.run_units(mine, setup, record, ray_address(args), use_ray=args.ray is not None, sets=sets)
        if failed and len(failed) == len(mine):
            if not spread:  # a shard's failed records are its part of the report; a whole run's are no output
                units.discard_records(args.output, failed)
            same = len({unit.error for unit in failed}) == 1  # e.g. a source portrait without a face
            raise InputError(failed[0].error if same else f"none of the {len(mine)} drivers could be scored")
    result = units.merged_report(setup, drivers, sets)
    if isinstance(result, list):
        message = (f"{len(result)} of {len(drivers)} drivers not scored yet ({', '.join(result[:3])}"
                   f"{', ...' if len(result) > 3 else ''})")
        if args.merge:
            raise InputError(f"{message}: run their shards first", args.output)
        say(args, f"{message}: the report is written by the last shard to finish, or run with --merge")
        return 1 if failed else 0
    json_path = report.write_report(result, args.output)
    say(args, f"wrote {json_path} and {json_path.with_suffix('.md')}")
    return 1 if failed else 0


def _inputs(args: argparse.Namespace) -> tuple[tuple[Path, ...], list[str | Path]]:
    """The run's source portraits (cross; none for self) and drivers, checked."""
    from facereel.animate.inputs import PRESET_PREFIX, TEMPLATE_SUFFIX
    from facereel.media.files import IMAGE_SUFFIXES, VIDEO_SUFFIXES, collect_files

    if args.protocol == "self":
        return (), collect_files(args.driving, VIDEO_SUFFIXES, "driving video")
    sources = tuple(collect_files(args.sources, IMAGE_SUFFIXES, "source image"))
    presets = [d for d in args.driving if d.startswith(PRESET_PREFIX)]
    files = [d for d in args.driving if not d.startswith(PRESET_PREFIX)]
    return sources, presets + (collect_files(files, VIDEO_SUFFIXES + (TEMPLATE_SUFFIX,), "driving") if files else [])


def _set_scores(args: argparse.Namespace):  # noqa: ANN202 - distribution.SetScores
    """FID / FVD of a run in one process, from the networks given (self; none for cross)."""
    from facereel.eval import distribution

    nets = [None if path is None else distribution.FeatureNet(path, contract)
            for path, contract in ((getattr(args, "fid_weights", None), distribution.FID),
                                   (getattr(args, "fvd_weights", None), distribution.FVD))]
    return distribution.SetScores(*nets)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINES, default="mesh",
                        help="engine that makes the outputs when --outputs is not given (default: mesh)")
    parser.add_argument("--weights", default=None, help="SkyReels-A1 weights folder or hub id (engine a1)")
    parser.add_argument("--outputs", type=Path, metavar="DIR",
                        help="score ready-made videos from DIR instead of running an engine")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="REPORT_DIR",
                        help="folder for report.json, report.md, plots/, records/ (and engine outputs)")
    add_scale_out_args(parser, "drivers")
    parser.add_argument("--merge", action="store_true",
                        help="only write the report from REPORT_DIR/records (all shards must be done)")


def _outputs_dir(path: Path | None) -> Path | None:
    """The --outputs folder, checked; None when not given."""
    from facereel.errors import InputError

    if path is not None and not path.is_dir():
        raise InputError("outputs folder not found", path)
    return path
