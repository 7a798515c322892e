"""A light line across the carried hair, the wall sliver beside the jaw (issue #9): `figures.light_line` and
`figures.wall_sliver` of rendered videos.

Reads each video (a `facereel animate --size 512` output of the portrait driven by `--driver`) and prints, for each
figure, one Markdown row per video: `light_line` (pixels of a thin wall-light line across the dark hair beside the
face) or `wall_sliver` (pixels of wall between that hair and the face oval), both boxes, summed over all frames and
over `--windows` (first,last frame, inclusive), and on `--frames`, beside the do-nothing baseline (the source
repeated) and the photo moved by the head's similarity (`hard_ends.aligned_photo`).

Run: PYTHONPATH=src .venv/bin/python bench/light_line.py lp_s1 before.mp4 after.mp4
     --driver ../shared/data/driving/lp_d12.mp4 --windows 18,30 70,85 112,130 165,185 --frames 24 78 122 175
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from facereel.engines.mesh.figures.hard_ends import aligned_photo
from facereel.engines.mesh.figures.light_line import hair_level, light_line
from facereel.engines.mesh.figures.wall_sliver import wall_sliver

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hair_pops import driven_targets, portrait_512, video_frames, videos_parser, windows_of  # noqa: E402


def main() -> None:
    parser = videos_parser(__doc__)
    parser.add_argument("--driver", required=True, help="the driving video the outputs were driven by")
    parser.add_argument("--frames", nargs="*", type=int, default=[])
    args = parser.parse_args()
    source = portrait_512(args.portrait)
    image, lm = source.image, source.landmarks
    level = hair_level(image, lm)
    targets = driven_targets(image, lm, args.driver)
    windows = windows_of(args)
    names = ["all"] + [f"{a}-{b}" for a, b in windows] + [f"frame {k}" for k in args.frames]
    spans = [(0, len(targets))] + [(a, b + 1) for a, b in windows] + [(k, k + 1) for k in args.frames]
    rows = [("the source repeated", [image] * len(targets), [lm] * len(targets)),
            ("the photo moved by the head's similarity", [aligned_photo(image, lm, t) for t in targets], targets)]
    rows += [(path.split("/")[-1], video_frames(path), targets) for path in args.videos]
    for figure in (light_line, wall_sliver):
        print(f"\n| {figure.__name__} (hair level {level:.0f}) | frames | " + " | ".join(names) + " |")
        print("|---" * (2 + len(names)) + "|")
        for name, frames, marks in rows:
            counts = np.array([figure(f, t, level) for f, t in zip(frames, marks)])
            print(f"| {name} | {len(frames)} | " + " | ".join(f"{counts[a:b].sum()}" for a, b in spans) + " |")


if __name__ == "__main__":
    main()
