"""Thin vertical streaks beside the face (issue #9): `figures.side_streaks` of rendered videos.

Reads each video (a `facereel animate --size 512` output of the portrait driven by `--driver`) and prints one
Markdown row per video: `side_streaks` (pixels on thin vertical lines outside the face oval, from the eyes down)
summed over all frames and over `--windows` (first,last frame, inclusive), and the frames with the most, beside the
do-nothing baseline (the source repeated, read on its own landmarks). The targets are tracked and retargeted as
`facereel animate` does.

Run: PYTHONPATH=src .venv/bin/python bench/side_streaks.py sr_8 before.mp4 after.mp4
     --driver ../shared/data/driving/sr_1.mp4 --windows 50,61
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import av
import numpy as np

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.side_streaks import side_streaks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hair_pops import SHARED, driven_targets  # noqa: E402

MOST = 4  # frames listed with the most streak pixels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("portrait", help="a portrait of ../shared/data/portraits, without its suffix")
    parser.add_argument("videos", nargs="+")
    parser.add_argument("--driver", required=True, help="the driving video the outputs were driven by")
    parser.add_argument("--windows", nargs="*", default=[], help="first,last frame (inclusive)")
    args = parser.parse_args()
    suffix = ".png" if args.portrait.startswith("sr_") else ".jpg"
    source = resize_source(load_source(SHARED + args.portrait + suffix), 512)
    targets = driven_targets(source.image, source.landmarks, args.driver)
    windows = [tuple(int(v) for v in w.split(",")) for w in args.windows]
    names = ["all"] + [f"{a}-{b}" for a, b in windows]
    spans = [(0, len(targets))] + [(a, b + 1) for a, b in windows]
    print("| video | frames | " + " | ".join(names) + " | most (frame: px) |")
    print("|---" * (3 + len(names)) + "|")
    rows = [("the source repeated", [source.image] * len(targets), [source.landmarks] * len(targets))]
    for path in args.videos:
        with av.open(path) as video:
            rows.append((path.split("/")[-1], [f.to_ndarray(format="rgb24") for f in video.decode(video=0)], targets))
    for name, frames, marks in rows:
        counts = np.array([side_streaks(f, t) for f, t in zip(frames, marks)])
        most = ", ".join(f"{k}: {counts[k]}" for k in np.argsort(-counts, kind="stable")[:MOST] if counts[k])
        print(f"| {name} | {len(counts)} | " + " | ".join(str(counts[a:b].sum()) for a, b in spans)
              + f" | {most or '-'} |")


if __name__ == "__main__":
    main()
