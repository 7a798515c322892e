"""`facereel prepare-data`: talking-head videos -> self-reenactment training clips for SkyReels-A1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facereel.cli.common import progress_bar, say
from facereel.cli.scale_out import add_scale_out_args, ray_address, shard_of
from facereel.engines.a1.constants import HEIGHT, WIDTH, WINDOW_FRAMES
from facereel.errors import InputError

EXAMPLES = """examples:
  facereel prepare-data talking_heads/ -o dataset/            # 48-frame clips at 12 fps, 480x720
  facereel prepare-data a.mp4 b.mp4 -o dataset/ --clip-frames 24 --stride 12 --reference inside
  facereel prepare-data talking_heads/ -o dataset/            # again: resumes, finished clips are kept
  facereel prepare-data talking_heads/ -o /shared/dataset --shard 3/8   # the 4th of 8 machines (K = 0..7; a Slurm array task)
  facereel prepare-data talking_heads/ -o /shared/dataset --merge       # the manifest, once all 8 are done
  facereel prepare-data talking_heads/ -o /shared/dataset --ray auto    # one video per Ray actor

Each clip folder holds target.mp4, condition.mp4, reference.png, face_crop.png and meta.npz; every finished
clip has a line in DATASET_DIR/parts/<video>.jsonl, and DATASET_DIR/manifest.jsonl (what the trainer reads) is
merged from them when every video of the run has been attempted (by the last shard to finish, or --merge).
Read them with facereel.train.dataset.ClipDataset.
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
    add_scale_out_args(p, "videos")
    p.add_argument("--merge", action="store_true",
                   help="only write DATASET_DIR/manifest.jsonl from the videos' parts (all shards must be done)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: the parser loads no tracker, OpenCV or numba.
    from facereel.train import layout
    from facereel.train.plan import ClipOptions
    from facereel.train.prepare import PrepareOptions, find_videos
    from facereel.train.prepare_units import IN_PROCESS, VideoOutcome, run_videos

    clips = ClipOptions(clip_frames=args.clip_frames, stride=args.stride, max_lost=args.max_lost,
                        reference=args.reference, seed=args.seed)
    options = PrepareOptions(clips=clips, size=args.size, crf=args.crf, face_index=args.face_index)
    shard = shard_of(args)
    videos = find_videos(args.inputs)
    root = Path(args.output)
    stems = [video.stem for video in videos]
    if args.merge:
        if shard is not None or args.ray is not None:
            raise InputError("--merge only writes the manifest: give it without --shard and --ray")
        if waiting := layout.merge_manifest(root, stems):
            raise InputError(f"{len(waiting)} of {len(videos)} videos not prepared yet ({', '.join(waiting[:3])}"
                             f"{', ...' if len(waiting) > 3 else ''}): run their shards first", root)
        say(args, f"{root}: manifest of {len(layout.read_manifest(root))} clip(s) from {len(videos)} video(s)")
        return 0
    mine = shard.select_by(videos, lambda video: video.stem) if shard is not None else videos
    outcomes: list[VideoOutcome] = []

    def record(outcome: VideoOutcome) -> None:
        outcomes.append(outcome)
        if outcome.report is None:
            if len(mine) == 1:  # the error line below says it
                return
            print(f"facereel: prepare-data: skipped {outcome.error}", file=sys.stderr)
        else:
            say(args, outcome.report.summary() + ("" if outcome.where == IN_PROCESS else f" on {outcome.where}"))

    run_videos(mine, root, options, record, ray_address(args), use_ray=args.ray is not None,
               progress=lambda video: progress_bar(args, video.name))
    waiting = layout.merge_manifest(root, stems)
    failed = [outcome for outcome in outcomes if outcome.report is None]
    if failed and len(failed) == len(mine):
        if shard is None and args.ray is None:  # a shard's outcomes are its part of the run's record
            layout.discard_failed(root, [outcome.video.stem for outcome in failed])
        raise InputError(failed[0].error if len(mine) == 1 else f"none of the {len(mine)} videos could be prepared")
    written = sum(outcome.report.written for outcome in outcomes if outcome.report is not None)
    say(args, f"{root}: {written} clip(s) written from {len(mine) - len(failed)} video(s)"
              + (f"; {len(failed)} failed" if failed else "")
              + (f"; manifest waits for {len(waiting)} of {len(videos)} videos (other shards: the last to finish "
                 "writes it, or run with --merge)" if waiting else ""))
    return 1 if failed else 0
