"""`facereel live`: animate a portrait from a camera (or a video file standing in for one) in real time."""

from __future__ import annotations

import argparse
import contextlib
import sys

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.cli.common import add_retarget_args, retarget_options, say
from facereel.errors import InputError

EXAMPLES = """examples:
  facereel live --source portrait.jpg --camera 0                  # webcam, shown in a window (q or Esc stops)
  facereel live -s portrait.jpg --camera 0 -o session.mp4         # also record (Ctrl-C stops and keeps it)
  facereel live -s portrait.jpg --camera driver.mp4 -o out.mp4    # a file as the camera, every frame
  facereel live -s portrait.jpg --camera driver.mp4 --realtime    # ... paced like a camera, dropping when behind
  facereel live -s half_body.jpg --camera 0 --body                # shoulders follow the driver's too
  facereel live -s portrait.jpg --camera 0 --virtual-camera       # a video-call camera (v4l2loopback / OBS)
  facereel live -s portrait.jpg --size 512 --pipe | ffmpeg -f rawvideo -pix_fmt rgb24 -s 512x512 -r 30 -i - \
      -f v4l2 -pix_fmt yuv420p /dev/video10                      # raw RGB24 frames on stdout (size, fps on stderr)
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
    p.add_argument("--pipe", action="store_true",
                   help="write the frames to stdout as raw RGB24 (rawvideo, rgb24; width x height x 3 bytes each); "
                        "the size and fps are announced on stderr in one line")
    p.add_argument("--virtual-camera", nargs="?", const="", default=None, metavar="DEVICE",
                   help="show the animation as a virtual camera (pyvirtualcam: v4l2loopback on Linux, e.g. "
                        "/dev/video10; OBS's on macOS/Windows; default: the first free one)")
    p.add_argument("--no-window", action="store_true", help="do not open a window even when a display exists")
    p.add_argument("--frames", type=int, default=None, help="stop after this many output frames")
    p.add_argument("--body", action="store_true",
                   help="the portrait's shoulders follow the driver's (half/full-body portraits; slower)")
    p.add_argument("--face-index", type=int, default=None,
                   help="which face to use when there are several, counted from 0 left to right (default: the largest)")
    add_retarget_args(p)
    AnimateOptions.add_arguments(p, only=("size", "mouth"))  # mouth's default: the camera's own mouth
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from facereel.animate.run import resize_source
    from facereel.media.capture import Capture
    from facereel.engines.mesh.live import LiveStats, display_available, run_live
    from facereel.media.live_outputs import PIPE_PIXEL_FORMAT, FrameStream, RawPipe, VirtualCamera, ffmpeg_input_args
    from facereel.animate.inputs import load_source

    show = not args.no_window and display_available()
    if not show and args.output is None and not args.pipe and args.virtual_camera is None:
        raise InputError("no display to show the animation: pass -o out.mp4 to record it, --pipe or --virtual-camera")
    if args.pipe and sys.stdout.isatty():
        raise InputError("--pipe writes raw video to stdout: pipe it into a program such as ffmpeg (see --help)")
    if args.frames is not None and args.frames < 1:
        raise InputError(f"--frames must be at least 1 (got {args.frames})")
    options = AnimateOptions(mouth=args.mouth, size=args.size)  # (checks --size as `animate` does)
    source = resize_source(load_source(args.source, face_index=args.face_index), options.size)
    size = (source.image.shape[1], source.image.shape[0])
    quiet = getattr(args, "quiet", False)
    live_line = not quiet and sys.stderr.isatty()  # a rewritten status line only makes sense on a terminal

    def status(stats: LiveStats) -> None:
        if live_line and stats.frames % 15 == 0:
            print(f"\r{stats.line()}   ", end="", file=sys.stderr, flush=True)

    with contextlib.ExitStack() as stack:
        capture = stack.enter_context(Capture(args.camera, realtime=args.realtime))
        streams: list[FrameStream] = []
        if args.virtual_camera is not None:
            camera = stack.enter_context(VirtualCamera(size, capture.fps, args.virtual_camera or None))
            say(args, f"virtual camera {camera.device}: {camera.width}x{camera.height} at {capture.fps:g} fps")
            streams.append(camera)
        if args.pipe:
            # Always announced (also with --quiet): the reader needs the size and rate.
            print(f"facereel: stdout: rawvideo {PIPE_PIXEL_FORMAT} {size[0]}x{size[1]} at {capture.fps:g} fps "
                  f"(ffmpeg {ffmpeg_input_args(size, capture.fps)})", file=sys.stderr, flush=True)
            streams.append(stack.enter_context(RawPipe(size)))
        stats = run_live(source.image, source.landmarks, capture, retarget_options(args), show=show,
                         output=args.output, mesh=mesh_options(options), body=args.body,
                         face_index=args.face_index,
                         max_frames=args.frames, on_frame=status, streams=streams)
    if live_line:
        print(file=sys.stderr)
    if stats.closed is not None:
        print(f"facereel: {stats.closed}; stopped: {stats.summary()}", file=sys.stderr)
    else:
        say(args, stats.summary())
    if args.output is not None:
        say(args, f"wrote {args.output}")
    return 0
