"""`facereel animate`: animate a portrait from a driving video, photo, template or preset."""

from __future__ import annotations

import argparse

from facereel.animate.options import AnimateOptions
from facereel.cli.common import add_device_arg, add_driving_arg, progress_bar, say
from facereel.errors import InputError

EXAMPLES = """examples:
  facereel animate --source portrait.jpg --driving driver.mp4 -o out.mp4          # CPU mesh engine
  facereel animate -s portrait.jpg -d motion.npz --regions lips,eyes -o out.mp4
  facereel animate -s portrait.jpg -d preset:talk --side-by-side -o check.mp4
  facereel animate -s portrait.jpg -d preset:laugh --mouth synthetic -o laugh.mp4
  facereel animate -s two.jpg -d 0=left.mp4 -d 1=preset:talk -o out.mp4     # each face its own driver
  facereel animate -s group.jpg -d driver.mp4 --face-index all -o out.mp4    # every face, one driver
  facereel animate -s pair.jpg -d two.mp4 --face-index all -o out.mp4       # two people: face i by person i
  facereel animate -s clip.mp4 -d driver.mp4 --regions lips -o dubbed.mp4      # video-to-video: lips only
  facereel animate -s portrait.jpg -d driver.mp4 --engine a1 --weights ./SkyReels-A1 -o out.mp4
  facereel animate -s portrait.jpg -d smile.jpg --driving-reference neutral.jpg -o smiling.png   # a still
  facereel animate -s portrait.jpg -d smile.jpg --driving-reference neutral.jpg --duration 1.5 -o smile.mp4
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("animate", help="animate a portrait (engines: mesh on CPU, a1 diffusion on GPU)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", "-s", required=True, help="portrait image (head, half-body or full-body), or a video (video-to-video: its "
                   "face is animated, its frames, background and audio kept)")
    add_driving_arg(p, per_face=True)
    AnimateOptions.add_arguments(p)
    add_device_arg(p)
    p.add_argument("--health-every", type=int, default=HEALTH_EVERY, metavar="N",
                   help="the summary's warp health read on every Nth frame (frames 0, N, 2N, ...; 1: every frame, "
                   f"~2 CPU ms a frame more at 512 px; default {HEALTH_EVERY})")
    p.add_argument("-o", "--output", required=True,
                   help="video to write (.mp4); a photo driver without --duration writes an image (.png, .jpg)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from facereel.animate import PortraitAnimator
    from facereel.animate.driver_texts import parse_drivers

    if args.health_every < 1:
        raise InputError(f"--health-every takes a whole number of frames >= 1 (got {args.health_every})")
    animator = PortraitAnimator(options=AnimateOptions.from_args(args), device=args.device)
    health: list[float] = []
    with progress_bar(args, "animating") as update:
        frames = animator.to_file(args.source, parse_drivers(args.driving), args.output, progress=update,
                                  on_note=update.say, on_total=update.set_total,
                                  warp_health=health, health_every=args.health_every)
    say(args, f"wrote {args.output}: {frames} frames"
        + (health_summary(health, args.health_every) if health else ""))
    return 0


HEALTH_EVERY = 3
"""Frames per warp-health read for the summary (`--health-every`): a read costs ~2 CPU ms a frame at 512, a tenth of
the map (docs/benchmarks.md "Warp health on a stride"). The max of every 3rd frame's on lp_s1 512 x lp_d3 (4 s),
x preset:turn and sr_18 512 x preset:turn: 0.0026 / 0.0017 / 0.0063 against every frame's 0.0031 / 0.0021 / 0.0078
(every 10th's 0 / 0.0012 / 0.0038): the health rises and falls over a few frames."""


HEALTH_DIGITS = 3
"""Decimals of the summary's warp-health max; a max above 0 that they round to 0 reads "< 0.001" (h36-fresh: "max
0.000 (3 frames > 0)" read as a contradiction)."""


def health_summary(health: list[float], every: int = 1) -> str:
    """', warp health max M (K frames > 0)' for warp-health figures (share of head pixels) read on every frame, or
    ', warp health max M (K of the J frames read > 0, 1 in N)' for those read on every `every`th frame (N)."""
    most, least = max(health), 10.0 ** -HEALTH_DIGITS
    shown = f"< {least:.{HEALTH_DIGITS}f}" if 0 < most < least / 2 else f"{most:.{HEALTH_DIGITS}f}"
    flagged = sum(v > 0 for v in health)
    counted = f"{flagged} frames > 0" if every == 1 else f"{flagged} of the {len(health)} frames read > 0, 1 in {every}"
    return f", warp health max {shown} ({counted})"
