"""Build src/facereel/eval/data/open_mouths.json: statistics of real open mouths for the mouth realism proxy.

Tracks every `--stride`-th frame of each driving video (default: all of ../shared/data/driving), keeps the
frames whose mouth is open (`facereel.eval.mouth.interior_stats`) and stores the mean and standard
deviation of the interior statistics (numbers only; no pixels leave the videos).
Run: python tools/build_mouth_reference.py [VIDEO ...] [--stride 3] [-o OUT.json]
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from facereel.eval import mouth
from facereel.face.tracking import track_frames
from facereel.media.video import open_video

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/facereel/eval/data/open_mouths.json"
SHARED_DRIVING = ROOT.parent / "shared" / "data" / "driving"


def open_mouth_stats(videos: Iterable[Path], stride: int) -> np.ndarray:
    """(N, len(mouth.STAT_NAMES)) interior statistics of the open-mouth frames among every `stride`-th frame."""
    rows = []
    for path in videos:
        with open_video(path) as video:
            frames = list(itertools.islice(video.frames(), 0, None, stride))
            fps = video.fps / stride
        track = track_frames(iter(frames), fps, what=path)
        found = [mouth.interior_stats(frame, points)
                 for frame, points, valid in zip(frames, track.landmarks, track.valid) if valid]
        kept = [s for s in found if s is not None]
        print(f"{path.name}: {len(kept)} open-mouth frames of {len(frames)}")
        rows += kept
    return np.asarray(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("videos", nargs="*", type=Path)
    parser.add_argument("--stride", type=int, default=3)
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    videos = args.videos or sorted(SHARED_DRIVING.glob("*.mp4"))
    if not videos:
        raise SystemExit(f"no driving videos given and none in {SHARED_DRIVING}")
    reference = mouth.Reference.from_stats(open_mouth_stats(videos, args.stride),
                                           tuple(f"{p.parent.name}/{p.name}" for p in videos))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    reference.save(args.output)
    print(f"wrote {args.output}: {reference.count} frames")
    for name, mean, std in zip(mouth.STAT_NAMES, reference.mean, reference.std):
        print(f"  {name}: {mean:.4g} +- {std:.4g}")


if __name__ == "__main__":
    main()
