"""The driver's teeth in a dubbed video (`--regions lips`): `engines/mesh/figures/dub_teeth.py`'s ratio (teeth L*
over skin L*) and white (share of the teeth clipped white), beside the clip itself (the source repeated).

Usage: python bench/dub_teeth.py [--pairs lp_d11:sr_1,lp_d12:sr_1,sr_1:lp_d11] [--seconds 3] [--size 384]
       python bench/dub_teeth.py --read out.mp4 [more.mp4 ...]
Each pair `clip:driver` of ../shared/data/driving videos: both cut to their first `--seconds` at `--size` px
(`tests/v2v/v2v_clips.write_clip`), the clip dubbed by the driver (mesh, lips only), the clip and the output
re-tracked and read on every frame whose teeth read: max and 90th percentile of ratio, mean and max of white.
An older checkout has no `figures/dub_teeth.py`: dub with its `facereel animate -s clip.mp4 -d driver.mp4
--regions lips` and read its outputs with `--read` here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "v2v"))
from v2v_clips import decoded, write_clip

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.dub_teeth import dub_teeth
from facereel.face.tracking import track_frames
from facereel.media.video import open_video

DRIVING = Path(__file__).resolve().parents[2] / "shared" / "data" / "driving"


def _cut(folder: Path, name: str, seconds: float, size: int) -> Path:
    """The first `seconds` of ../shared/data/driving/`name`.mp4 at `size` px, written into `folder`."""
    video = DRIVING / f"{name}.mp4"
    with open_video(video) as source:
        count = round(seconds * source.fps)
    return write_clip(folder / f"{name}.mp4", video, 0, count, size=size)


def _read(path: Path) -> str:
    """'ratio max / p90, white mean / max' of `dub_teeth` over the video's frames where teeth read."""
    frames = decoded(path)
    track = track_frames(frames, 25.0)
    reads = np.array([r for f, lm, ok in zip(frames, track.landmarks, track.valid) if ok
                      and (r := dub_teeth(f, lm)) is not None]).reshape(-1, 2)
    if not len(reads):
        return "no teeth"
    return (f"ratio {reads[:, 0].max():.2f} / {np.percentile(reads[:, 0], 90):.2f}, "
            f"white {reads[:, 1].mean():.3f} / {reads[:, 1].max():.3f} ({len(reads)} frames)")


def main() -> None:
    """Print one line per pair: the clip's figure, then the dubbed output's (or one per `--read` video)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default="lp_d11:sr_1,lp_d12:sr_1,sr_1:lp_d11")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--size", type=int, default=384)
    parser.add_argument("--read", nargs="+", type=Path, help="only read these videos' figure")
    args = parser.parse_args()
    if args.read:
        for path in args.read:
            print(f"{path}: {_read(path)}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for pair in args.pairs.split(","):
            clip_name, driver_name = pair.split(":")
            clip = _cut(folder, clip_name, args.seconds, args.size)
            driver = _cut(folder, driver_name, args.seconds, args.size)
            out = folder / "out.mp4"
            PortraitAnimator("mesh", regions="lips").to_file(clip, driver, out)
            print(f"{clip_name} x {driver_name}: clip {_read(clip)}; dubbed {_read(out)}")


if __name__ == "__main__":
    main()
