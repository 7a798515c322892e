"""`facereel prepare-data`: talking-head videos -> self-reenactment training clips for SkyReels-A1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facereel.cli.common import progress_bar, say
from facereel.engines.a1.constants import HEIGHT, WIDTH, WINDOW_FRAMES
from facereel.errors import InputError
from facereel.train.plan import ClipOptions
from facereel.train.prepare import PrepareOptions, find_videos, prepare_video

EXAMPLES = """examples:
  facereel prepare-data talking_heads/ -o dataset/            # 48-frame clips at 12 fps, 480x720
  facereel prepare-data a.mp4 b.mp4 -o dataset/ --clip-frames 24 --stride 12 --reference inside
  facereel prepare-data talking_heads/ -o dataset/            # again: resumes, finished clips are kept

Each clip folder holds target.mp4, condition.mp4, reference.png, face_crop.png and meta.npz; every finished
clip has a line in DATASET_DIR/manifest.jsonl. Read them with facereel.train.dataset.ClipDataset.
Exit code: 0 all videos prepared, 1 some failed (each named in one line), 2 bad input or every video failed.
"""


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    return width, height


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("prepare-data", help="cut talking-head videos into A1 training clips",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="VIDEOS_OR_DIR", help="video files, or folders holding them")
    p.add_argument("-o", "--output", required=True, metavar="DATASET_DIR", help="dataset folder (created; resumed)")
    p.add_argument("--clip-frames", type=int, default=WINDOW_FRAMES - 1,
                   help=f"driving frames per clip at 12 fps, a multiple of 4 (default {WINDOW_FRAMES - 1})")
    p.add_argument("--stride", type=int, default=None, help="frames between clip starts (default: --clip-frames)")
    p.add_argument("--max-lost", type=float, default=0.1,
                   help="skip a clip when the face is lost in more than this fraction of its frames (default 0.1)")
    p.add_argument("--reference", choices=("outside", "inside"), default="outside",
                   help="reference frame: a random face frame outside the clip (default) or inside it")
    p.add_argument("--seed", type=int, default=0, help="seed of the reference-frame choice (default 0)")
    p.add_argument("--size", type=_size, default=(WIDTH, HEIGHT), metavar="WxH",
                   help=f"clip frame size (default {WIDTH}x{HEIGHT}, the model's)")
    p.add_argument("--crf", type=int, default=12, help="x264 quality of the videos, 0 = lossless (default 12)")
    p.add_argument("--face-index", type=int, default=None, help="face number from the left when there are several")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    clips = ClipOptions(clip_frames=args.clip_frames, stride=args.stride, max_lost=args.max_lost,
                        reference=args.reference, seed=args.seed)
    options = PrepareOptions(clips=clips, size=args.size, crf=args.crf, face_index=args.face_index)
    videos = find_videos(args.inputs)
    root = Path(args.output)
    failed: list[InputError] = []
    written = 0
    for video in videos:
        try:
            with progress_bar(args, video.name) as update:
                report = prepare_video(video, root, options, progress=update)
        except InputError as exc:
            if len(videos) == 1:
                raise
            print(f"facereel: prepare-data: skipped {exc}", file=sys.stderr)
            failed.append(exc)
            continue
        written += report.written
        say(args, report.summary())
    if failed and len(failed) == len(videos):
        raise InputError(f"none of the {len(videos)} videos could be prepared")
    say(args, f"{root}: {written} clip(s) written from {len(videos) - len(failed)} video(s)"
              + (f"; {len(failed)} failed" if failed else ""))
    return 1 if failed else 0
