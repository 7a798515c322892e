"""The hair beside the face popping on and off (issue #9): `figures.hair_pops` of rendered videos.

Reads each video (a `facereel animate --size 512` output of the portrait) and prints one Markdown row per video: the
frames read, `hair_pops` (percent of a box: the mean second difference of the dark cover beside the face) over all
of them and over `--windows` (first,last frame, inclusive), beside the do-nothing baseline (the source repeated: 0).
With `--driver` (the video the outputs were driven by), each row reads the pops beyond the head's own motion too
(`hair_pops` given the targets, tracked and retargeted as `facereel animate` does), and a first row reads the photo
moved by the head's similarity (what a head moved as a whole shows: 0 on that figure).

Run: PYTHONPATH=src .venv/bin/python bench/hair_pops.py lp_s1 before.mp4 after.mp4 --windows 18,34 52,66
     --driver ../shared/data/driving/lp_d12.mp4
"""

from __future__ import annotations

import argparse
from itertools import islice

import av
import numpy as np

from facereel.animate.inputs import Source, load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.driven import DrivenPortrait
from facereel.engines.mesh.figures.hair_pops import hair_pops
from facereel.engines.mesh.figures.hard_ends import aligned_photo
from facereel.engines.mesh.stream_video import drive_frames, track_driver
from facereel.media.video import open_video

SHARED = "../shared/data/portraits/"


def driven_targets(image: np.ndarray, landmarks: np.ndarray, driver: str, count: int | None = None, start: int = 0
                   ) -> list[np.ndarray]:
    """(478, 3) px per frame of `driver` (`count` from frame `start`, the driver cut there; None: all): the
    portrait's targets as `facereel animate` drives them (streamed)."""
    options = AnimateOptions()
    with open_video(driver) as video:
        portrait = DrivenPortrait(image, landmarks, options.retarget, video.fps, mesh_options(options))
        frames = list(islice(video.frames(fps=video.fps), start, None if count is None else start + count))
    return [f.target for f in drive_frames(track_driver(iter(frames), None, False), portrait)]


def videos_parser(doc: str) -> argparse.ArgumentParser:
    """The arguments of the benches that read a portrait's rendered videos (`doc`: the bench's docstring): the
    portrait, the videos, `--windows` (first,last frame, inclusive)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("portrait", help="a portrait of ../shared/data/portraits, without its suffix")
    parser.add_argument("videos", nargs="+")
    parser.add_argument("--windows", nargs="*", default=[], help="first,last frame (inclusive)")
    return parser


def portrait_512(name: str) -> Source:
    """The shared portrait `name` (no suffix: sr_* are .png, the others .jpg) as `facereel animate --size 512`
    loads it."""
    return resize_source(load_source(SHARED + name + (".png" if name.startswith("sr_") else ".jpg")), 512)


def windows_of(args: argparse.Namespace) -> list[tuple[int, int]]:
    """`--windows` as (first, last) frame pairs, inclusive."""
    return [tuple(int(v) for v in w.split(",")) for w in args.windows]


def video_frames(path: str) -> list[np.ndarray]:
    """Every frame of the video at `path`, (H, W, 3) uint8 RGB."""
    with av.open(path) as video:
        return [f.to_ndarray(format="rgb24") for f in video.decode(video=0)]


def main() -> None:
    parser = videos_parser(__doc__)
    parser.add_argument("--driver", help="the driving video: read the pops beyond the head's motion too")
    args = parser.parse_args()
    source = portrait_512(args.portrait)
    image, lm = source.image, source.landmarks
    windows = windows_of(args)
    targets = driven_targets(image, lm, args.driver) if args.driver else None
    spans = [(0, None)] + [(a, b + 1) for a, b in windows]
    names = ["all"] + [f"{a}-{b}" for a, b in windows]
    kinds = [("", None)] + ([(" beyond the head's motion", targets)] if targets else [])
    header = " | ".join(f"{name}{kind}" for kind, _ in kinds for name in names)
    print(f"| video | frames | source repeated | {header} |")
    print("|---" * (3 + len(names) * len(kinds)) + "|")
    rows = [(f"the photo moved by the head's similarity ({args.driver.split('/')[-1]})",
             [aligned_photo(image, lm, t) for t in targets])] if targets else []
    rows += [(path.split("/")[-1], video_frames(path)) for path in args.videos]
    still = hair_pops([image] * 3, image, lm)
    for name, frames in rows:
        figures = [hair_pops(frames[a:b], image, lm, None if moved is None else moved[:len(frames)][a:b])
                   for _, moved in kinds for a, b in spans]
        print(f"| {name} | {len(frames)} | {still:.2f} | " + " | ".join(f"{v:.2f}" for v in figures) + " |")


if __name__ == "__main__":
    main()
