"""`facereel animate`: animate a portrait from a driving video, template or preset."""

from __future__ import annotations

import argparse

from facereel.cli.common import add_driving_args, add_retarget_args, progress_bar, retarget_options, say
from facereel.engines.animate import ENGINES, AnimateOptions, animate_file

EXAMPLES = """examples:
  facereel animate --source portrait.jpg --driving driver.mp4 -o out.mp4          # CPU mesh engine
  facereel animate -s portrait.jpg -d motion.npz --regions lips,eyes -o out.mp4
  facereel animate -s portrait.jpg -d preset:talk --side-by-side -o check.mp4
  facereel animate -s portrait.jpg -d driver.mp4 --engine a1 --weights ./SkyReels-A1 -o out.mp4
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("animate", help="animate a portrait (engines: mesh on CPU, a1 diffusion on GPU)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", "-s", required=True, help="portrait image (head, half-body or full-body)")
    add_driving_args(p)
    add_retarget_args(p)
    p.add_argument("--engine", choices=ENGINES, default="auto",
                   help="auto (default): a1 when --weights and a CUDA GPU are available, else mesh")
    p.add_argument("--weights", default=None, help="SkyReels-A1 weights folder (published layout) or hub id")
    p.add_argument("--size", type=int, default=None, help="longer side of the output in px (default: the source's)")
    p.add_argument("--side-by-side", action="store_true", help="write driver | result for inspection")
    p.add_argument("-o", "--output", required=True, help="video to write (.mp4)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    options = AnimateOptions(engine=args.engine, weights=args.weights, size=args.size, side_by_side=args.side_by_side,
                             retarget=retarget_options(args), face_index=args.face_index, reference=args.reference)
    with progress_bar(args, "animating") as update:
        frames = animate_file(args.source, args.driving, args.output, options, progress=update,
                              say=lambda message: say(args, message))
    say(args, f"wrote {args.output}: {frames} frames")
    return 0
