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
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    """Run `facereel eval ...`; InputError (one line naming the file) on bad input. Returns 0."""
    from facereel.cli.common import say
    from facereel.eval import distribution, report
    from facereel.eval import run as runner
    from facereel.eval.perceptual import Lpips
    from facereel.animate.inputs import PRESET_PREFIX, TEMPLATE_SUFFIX
    from facereel.media.atomic import atomic_path
    from facereel.media.files import IMAGE_SUFFIXES, VIDEO_SUFFIXES, collect_files

    if args.protocol == "compare":
        table = report.compare(args.a, args.b)
        if args.output is None:
            sys.stdout.write(table)
        else:
            with atomic_path(args.output) as tmp:
                tmp.write_text(table)
        return 0
    outputs = _outputs_dir(args.outputs)
    make_output = None if outputs is not None else runner.engine_outputs(args.engine, args.weights)
    if args.protocol == "self":
        driving = collect_files(args.driving, VIDEO_SUFFIXES, "driving video")
        lpips = None if args.lpips_weights is None else Lpips(args.lpips_weights)
        fid = None if args.fid_weights is None else distribution.FeatureNet(args.fid_weights, distribution.FID)
        fvd = None if args.fvd_weights is None else distribution.FeatureNet(args.fvd_weights, distribution.FVD)
        result = runner.evaluate_self(driving, args.output, outputs=outputs, make_output=make_output, lpips=lpips,
                                      fid=fid, fvd=fvd)
    else:
        sources = collect_files(args.sources, IMAGE_SUFFIXES, "source image")
        presets = [d for d in args.driving if d.startswith(PRESET_PREFIX)]
        files = [d for d in args.driving if not d.startswith(PRESET_PREFIX)]
        driving = presets + (collect_files(files, VIDEO_SUFFIXES + (TEMPLATE_SUFFIX,), "driving")
                             if files else [])
        result = runner.evaluate_cross(sources, driving, args.output, outputs=outputs, make_output=make_output)
    result.settings["engine"] = None if outputs is not None else args.engine
    json_path = report.write_report(result, args.output)
    say(args, f"wrote {json_path} and {json_path.with_suffix('.md')}")
    return 0


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINES, default="mesh",
                        help="engine that makes the outputs when --outputs is not given (default: mesh)")
    parser.add_argument("--weights", default=None, help="SkyReels-A1 weights folder or hub id (engine a1)")
    parser.add_argument("--outputs", type=Path, metavar="DIR",
                        help="score ready-made videos from DIR instead of running an engine")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="REPORT_DIR",
                        help="folder for report.json, report.md, plots/ (and engine outputs)")


def _outputs_dir(path: Path | None) -> Path | None:
    """The --outputs folder, checked; None when not given."""
    from facereel.errors import InputError

    if path is not None and not path.is_dir():
        raise InputError("outputs folder not found", path)
    return path
