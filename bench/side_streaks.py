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

import sys
from pathlib import Path

import numpy as np

from facereel.engines.mesh.figures.side_streaks import side_streaks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hair_pops import driven_targets, portrait_512, video_frames, videos_parser, windows_of  # noqa: E402

MOST = 4  # frames listed with the most streak pixels


def main() -> None:
    parser = videos_parser(__doc__)
    parser.add_argument("--driver", required=True, help="the driving video the outputs were driven by")
    args = parser.parse_args()
    source = portrait_512(args.portrait)
    targets = driven_targets(source.image, source.landmarks, args.driver)
    windows = windows_of(args)
    names = ["all"] + [f"{a}-{b}" for a, b in windows]
    spans = [(0, len(targets))] + [(a, b + 1) for a, b in windows]
    print("| video | frames | " + " | ".join(names) + " | most (frame: px) |")
    print("|---" * (3 + len(names)) + "|")
    rows = [("the source repeated", [source.image] * len(targets), [source.landmarks] * len(targets))]
    rows += [(path.split("/")[-1], video_frames(path), targets) for path in args.videos]
    for name, frames, marks in rows:
        counts = np.array([side_streaks(f, t) for f, t in zip(frames, marks)])
        most = ", ".join(f"{k}: {counts[k]}" for k in np.argsort(-counts, kind="stable")[:MOST] if counts[k])
        print(f"| {name} | {len(counts)} | " + " | ".join(str(counts[a:b].sum()) for a, b in spans)
              + f" | {most or '-'} |")


if __name__ == "__main__":
    main()
