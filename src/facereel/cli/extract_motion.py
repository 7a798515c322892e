"""`facereel extract-motion`: driving video -> reusable, identity-free motion template (.npz)."""

from __future__ import annotations

import argparse

from facereel.cli.common import progress_bar, say
from facereel.animate.inputs import load_motion

EXAMPLES = """examples:
  facereel extract-motion driver.mp4 -o motion.npz
  facereel extract-motion crowd.mp4 --face-index 1 --reference neutral -o motion.npz
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract-motion", help="save a driving video's motion as a template (.npz)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("driving", help="driving video (mp4, mov, webm, mkv, avi)")
    p.add_argument("-o", "--output", required=True, help="template to write (.npz)")
    p.add_argument("--face-index", type=int, default=None, help="face number from the left when there are several")
    p.add_argument("--reference", choices=("first", "neutral"), default="first", help="frame offsets are measured from")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with progress_bar(args, "tracking") as update:
        motion = load_motion(args.driving, face_index=args.face_index, reference=args.reference, progress=update)
    motion.save(args.output)
    lost = int((~motion.valid).sum())
    say(args, f"wrote {args.output}: {len(motion)} frames at {motion.fps:g} fps ({lost} without a face, filled)")
    return 0
