"""`facereel live`: animate a portrait from a camera (or a video file standing in for one) in real time."""

from __future__ import annotations

import argparse
import sys

from facereel.cli.common import add_retarget_args, retarget_options, say
from facereel.errors import InputError

EXAMPLES = """examples:
  facereel live --source portrait.jpg --camera 0                  # webcam, shown in a window (q or Esc stops)
  facereel live -s portrait.jpg --camera 0 -o session.mp4         # also record (Ctrl-C stops and keeps it)
  facereel live -s portrait.jpg --camera driver.mp4 -o out.mp4    # a file as the camera, every frame
  facereel live -s portrait.jpg --camera driver.mp4 --realtime    # ... paced like a camera, dropping when behind
  facereel live -s half_body.jpg --camera 0 --body                # shoulders follow the driver's too
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("live", help="animate a portrait from a camera in real time (CPU mesh engine)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", "-s", required=True, help="portrait image (head, half-body or full-body)")
    p.add_argument("--camera", "-c", default="0",
                   help="OpenCV camera index (default 0) or a video file standing in for the camera")
    p.add_argument("--realtime", action="store_true",
                   help="with a video file: pace it to its frame rate and drop frames when behind, like a camera "
                        "(default: process every frame)")
    p.add_argument("-o", "--output", default=None, help="also write the animation to this video (.mp4)")
    p.add_argument("--no-window", action="store_true", help="do not open a window even when a display exists")
    p.add_argument("--frames", type=int, default=None, help="stop after this many output frames")
    p.add_argument("--body", action="store_true",
                   help="the portrait's shoulders follow the driver's (half/full-body portraits; slower)")
    p.add_argument("--size", type=int, default=None, help="longer side of the portrait in px (default: its own)")
    p.add_argument("--face-index", type=int, default=None,
                   help="which face to use when there are several, counted from 0 left to right (default: the largest)")
    add_retarget_args(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from facereel.engines.animate import resize_source
    from facereel.engines.mesh.capture import Capture
    from facereel.engines.mesh.live import LiveStats, display_available, run_live
    from facereel.frontend import load_source

    show = not args.no_window and display_available()
    if not show and args.output is None:
        raise InputError("no display to show the animation: pass -o out.mp4 to record it")
    if args.frames is not None and args.frames < 1:
        raise InputError(f"--frames must be at least 1 (got {args.frames})")
    source = resize_source(load_source(args.source, face_index=args.face_index), args.size)
    quiet = getattr(args, "quiet", False)
    live_line = not quiet and sys.stderr.isatty()  # a rewritten status line only makes sense on a terminal

    def status(stats: LiveStats) -> None:
        if live_line and stats.frames % 15 == 0:
            print(f"\r{stats.line()}   ", end="", file=sys.stderr, flush=True)

    with Capture(args.camera, realtime=args.realtime) as capture:
        stats = run_live(source.image, source.landmarks, capture, retarget_options(args), show=show,
                         output=args.output, body=args.body, face_index=args.face_index,
                         max_frames=args.frames, on_frame=status)
    if live_line:
        print(file=sys.stderr)
    say(args, stats.summary())
    if args.output is not None:
        say(args, f"wrote {args.output}")
    return 0
