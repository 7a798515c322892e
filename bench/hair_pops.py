"""The hair beside the face popping on and off (issue #9): `figures.hair_pops` of rendered videos.

Reads each video (a `facereel animate --size 512` output of the portrait) and prints one Markdown row per video: the
frames read, `hair_pops` (percent of a box: the mean second difference of the dark cover beside the face) over all
of them and over `--windows` (first,last frame, inclusive), beside the do-nothing baseline (the source repeated: 0).

Run: PYTHONPATH=src .venv/bin/python bench/hair_pops.py lp_s1 before.mp4 after.mp4 --windows 18,34 52,66
"""

from __future__ import annotations

import argparse

import av

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.hair_pops import hair_pops

SHARED = "../shared/data/portraits/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("portrait", help="a portrait of ../shared/data/portraits, without its suffix")
    parser.add_argument("videos", nargs="+")
    parser.add_argument("--windows", nargs="*", default=[], help="first,last frame (inclusive)")
    args = parser.parse_args()
    suffix = ".png" if args.portrait.startswith("sr_") else ".jpg"
    source = resize_source(load_source(SHARED + args.portrait + suffix), 512)
    windows = [tuple(int(v) for v in w.split(",")) for w in args.windows]
    print("| video | frames | source repeated | all | " + " | ".join(f"{a}-{b}" for a, b in windows) + " |")
    for path in args.videos:
        with av.open(path) as video:
            frames = [f.to_ndarray(format="rgb24") for f in video.decode(video=0)]
        figures = [hair_pops(frames, source.image, source.landmarks)]
        figures += [hair_pops(frames[a:b + 1], source.image, source.landmarks) for a, b in windows]
        still = hair_pops([source.image] * 3, source.image, source.landmarks)
        row = " | ".join(f"{v:.2f}" for v in figures)
        print(f"| {path.split('/')[-1]} | {len(frames)} | {still:.2f} | {row} |")


if __name__ == "__main__":
    main()
