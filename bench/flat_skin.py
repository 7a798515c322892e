"""Flat skin beside a turned face's far outline (issue #9; docs/status.md fresh sweep h28-fresh (5)):
`figures.flat_skin.row_runs` over a box and `figures.far_tear` per frame of a portrait driven by a cut of a shared
driving video (as `facereel animate` drives it, streamed), beside the source repeated (the baseline) and the engine
before (switched off in this process, as before h30-sr18block: `far_fold.lightness`, the fold's span stretched
evenly).

Prints one Markdown row per frame and a mean row.

Run: PYTHONPATH=src .venv/bin/python bench/flat_skin.py [--portrait sr_18.png] [--driver lp_d3] [--first 284]
[--count 24] [--frames 10-23] [--box 1215,395,1255,465] [--size 0]
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

import numpy as np

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_tear import far_side, far_tear, skin_model
from facereel.engines.mesh.figures.flat_skin import row_runs

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
from mesh_faces import streamed_targets  # the tests' driven targets, as `facereel animate` drives them


def reads(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], frames: list[int],
          box: tuple[int, int, int, int], now: bool) -> np.ndarray:
    """(len(frames), 2): `row_runs` over `box` and `far_tear` of `frames` of a fresh engine driven by `targets` (every
    frame mapped in order), as now or (`now` False) with the fold's lightness off."""
    with mock.patch.object(layers, "lightness", lambda head: None) if not now else nullcontext():
        animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    skin, side, size = skin_model(image, lm), far_side(lm), face_size(lm)
    out = []
    for k in range(max(frames) + 1):
        frame = animator.map_frame(targets[k])
        if k in frames:
            drawn = animator.draw(frame)
            out.append((row_runs(drawn, box), far_tear(drawn, frame.target, skin, side, size)))
    return np.array(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portrait", default="sr_18.png")
    parser.add_argument("--driver", default="lp_d3")
    parser.add_argument("--first", type=int, default=284, help="the driver's first frame (the cut's reference)")
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--frames", default="10-23", help="first-last frame of the cut read")
    parser.add_argument("--box", default="1215,395,1255,465", help="x0,y0,x1,y1 px read")
    parser.add_argument("--size", type=int, default=0, help="longer side px (0: the portrait's own size)")
    args = parser.parse_args()
    first, last = map(int, args.frames.split("-"))
    frames = list(range(first, last + 1))
    box = tuple(map(int, args.box.split(",")))
    image, lm, targets = streamed_targets(SHARED, args.portrait, args.driver, args.first + args.count,
                                          args.size or None, args.first)
    repeated = (row_runs(image, box), far_tear(image, lm, skin_model(image, lm), far_side(lm), face_size(lm)))
    before, now = reads(image, lm, targets, frames, box, False), reads(image, lm, targets, frames, box, True)
    print(f"{args.portrait} x {args.driver} {args.first}-{args.first + args.count}, size {args.size or 'own'}, box "
          f"{args.box}: `row_runs` (share of the box) and `far_tear` (face sizes^2 x 1000), source repeated / before /"
          " now\n")
    print("| frame | row_runs | far_tear |\n|---|---|---|")
    for k, b, n in zip(frames, before, now, strict=True):
        print(f"| {k} | {repeated[0]:.3f} / {b[0]:.3f} / {n[0]:.3f} | {repeated[1]:.2f} / {b[1]:.2f} / {n[1]:.2f} |")
    b, n = before.mean(0), now.mean(0)
    print(f"| mean | {repeated[0]:.3f} / {b[0]:.3f} / {n[0]:.3f} | {repeated[1]:.2f} / {b[1]:.2f} / {n[1]:.2f} |")


if __name__ == "__main__":
    main()
