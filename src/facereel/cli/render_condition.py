"""`facereel render-condition`: the SkyReels-A1 landmark condition video, retargeted onto a portrait."""

from __future__ import annotations

import argparse

from facereel.cli.common import (
    add_driving_arg,
    add_face_args,
    add_retarget_args,
    progress_bar,
    retarget_options,
    say,
)
from facereel.engines.a1.constants import FPS as A1_FPS
from facereel.engines.a1.constants import HEIGHT, WIDTH

EXAMPLES = """examples:
  facereel render-condition --source portrait.jpg --driving driver.mp4 -o cond.mp4
  facereel render-condition --source portrait.jpg --driving motion.npz --overlay -o check.mp4
  facereel render-condition --source portrait.jpg --driving preset:talk --regions lips,eyes -o cond.mp4
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render-condition", help="write the A1 model's landmark condition video",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", "-s", required=True, help="portrait image")
    add_driving_arg(p)
    add_face_args(p)
    add_retarget_args(p)
    p.add_argument("--fps", type=float, default=float(A1_FPS), help=f"output frame rate (default {A1_FPS}, the model's)")
    p.add_argument("--overlay", action="store_true", help="draw over the source instead of black, for inspection")
    p.add_argument("-o", "--output", required=True, help="video to write (.mp4)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from facereel.animate.inputs import a1_condition, drive, load_motion, load_source  # not the parser's imports
    from facereel.media.writer import VideoWriter

    options = retarget_options(args)
    source = load_source(args.source, face_index=args.source_face_index)
    with progress_bar(args, "tracking") as update:
        motion = load_motion(args.driving, face_index=args.face_index, reference=args.reference, progress=update)
    targets = drive(source, motion, options.for_engine("a1"), fps=args.fps)
    _, frames = a1_condition(source, targets, (WIDTH, HEIGHT), overlay=args.overlay)
    with VideoWriter(args.output, fps=args.fps) as writer:
        for frame in frames:
            writer.write(frame)
    say(args, f"wrote {args.output}: {len(targets) + 1} frames ({WIDTH}x{HEIGHT}, {args.fps:g} fps; frame 0 = the source's own landmarks)")
    return 0
