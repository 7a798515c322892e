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

from contextlib import nullcontext
from unittest import mock

import numpy as np
from driven_cut import cut_parser, driven_cut, far_reads

from facereel.engines.mesh import layers
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_tear import far_side, far_tear, skin_model
from facereel.engines.mesh.figures.flat_skin import row_runs


def reads(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], frames: list[int],
          box: tuple[int, int, int, int], now: bool) -> np.ndarray:
    """(len(frames), 2): `row_runs` over `box` and `far_tear` of `frames`, as now or (`now` False) with the fold's
    lightness off."""
    engine = nullcontext() if now else mock.patch.object(layers, "lightness", lambda head: None)
    return np.array(far_reads(image, lm, targets, frames, engine,
                              lambda drawn, target, *model: (row_runs(drawn, box), far_tear(drawn, target, *model))))


def main() -> None:
    parser = cut_parser(__doc__)
    parser.add_argument("--box", default="1215,395,1255,465", help="x0,y0,x1,y1 px read")
    args = parser.parse_args()
    image, lm, targets, frames = driven_cut(args)
    box = tuple(map(int, args.box.split(",")))
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
