"""`facereel animate`: animate a portrait from a driving video, template or preset."""

from __future__ import annotations

import argparse

from facereel.animate.options import AnimateOptions
from facereel.cli.common import add_device_arg, add_driving_arg, progress_bar, say

EXAMPLES = """examples:
  facereel animate --source portrait.jpg --driving driver.mp4 -o out.mp4          # CPU mesh engine
  facereel animate -s portrait.jpg -d motion.npz --regions lips,eyes -o out.mp4
  facereel animate -s portrait.jpg -d preset:talk --side-by-side -o check.mp4
  facereel animate -s portrait.jpg -d preset:laugh --mouth synthetic -o laugh.mp4
  facereel animate -s portrait.jpg -d driver.mp4 --engine a1 --weights ./SkyReels-A1 -o out.mp4
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("animate", help="animate a portrait (engines: mesh on CPU, a1 diffusion on GPU)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", "-s", required=True, help="portrait image (head, half-body or full-body)")
    add_driving_arg(p)
    AnimateOptions.add_arguments(p)
    add_device_arg(p)
    p.add_argument("-o", "--output", required=True, help="video to write (.mp4)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from facereel.animate import PortraitAnimator

    animator = PortraitAnimator(options=AnimateOptions.from_args(args), device=args.device)
    health: list[float] = []
    with progress_bar(args, "animating") as update:
        frames = animator.to_file(args.source, args.driving, args.output, progress=update,
                                  on_note=lambda message: say(args, message), warp_health=health)
    say(args, f"wrote {args.output}: {frames} frames" + (health_summary(health) if health else ""))
    return 0


def health_summary(health: list[float]) -> str:
    """', warp health max M (K frames > 0)' for per-frame warp-health figures (share of head pixels)."""
    return f", warp health max {max(health):.3f} ({sum(v > 0 for v in health)} frames > 0)"
