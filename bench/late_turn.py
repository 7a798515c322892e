"""Cost of reading a sideways clip's turn (issue #12, `face/turned_video.py`): seconds and the process's peak
resident memory (MB, `ru_maxrss`; one `--path` a run, the clip made by a run of its own) of reading the turn of lp_d18's late clip (80 covered frames, then its frames
60-116, turned 90 deg clockwise, as tests/face/test_late_turn.py makes it) scaled to `--size` px square, by the held
path (`upright_frames`, what a file driver took before h37-late: the first 65 frames held while the turn is read) and
by a file's own pass (`file_turn`, no frame held).

    PYTHONPATH=src python bench/late_turn.py --clip /tmp/late.mp4 --size 1080 --path make
    PYTHONPATH=src python bench/late_turn.py --clip /tmp/late.mp4 --path held   (then --path own)
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import cv2

from facereel.face.turned_video import file_turn, upright_frames
from facereel.media.video import open_video

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def _make(clip: Path, size: int) -> None:
    """The late clip scaled to `size` px square, written losslessly into `clip`."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from lossless_clip import write_lossless

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "face"))
    from test_late_turn import _late

    with tempfile.TemporaryDirectory() as folder:
        small, _ = _late(Path(folder) / "small.mp4", DATA, "lp_d18", 60, 3)
        with open_video(small) as video:
            frames = [cv2.resize(frame, (size, size), interpolation=cv2.INTER_CUBIC) for frame in video.frames()]
    write_lossless(clip, frames)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clip", type=Path, required=True, help="the late clip's file")
    parser.add_argument("--size", type=int, default=1080, help="px: the clip's square side (--path make)")
    parser.add_argument("--path", choices=("make", "held", "own"), required=True)
    args = parser.parse_args()
    if args.path == "make":
        _make(args.clip, args.size)
        return
    start = time.perf_counter()
    with open_video(args.clip) as video:
        turn = upright_frames(video.frames())[0] if args.path == "held" else file_turn(video.frames)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.clip.name} {video.size}: {args.path} turn {turn} {seconds:.1f} s, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
