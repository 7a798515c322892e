"""A pale blob in the neck a turned head uncovers (issue #9): `neck_join`'s `pale_patch` (and `foreign_beside`
beside it) per portrait and driver, beside the do-nothing baseline.

The portraits, drivers and frames of `bench/fringe_tint.py` (512 px; preset:turn 8-16 and 31-43, lp_d3, lp_d12),
rendered by its `render` step; `score` prints a Markdown table per driver: mean / max over the frames of
`pale_patch` (turn: each extreme on its own) and the mean of `foreign_beside` (the source repeated first: 0 by
definition, computed the same way).

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/fringe_tint.py render --label before -o bench-out/fringe
     PYTHONPATH=src .venv/bin/python bench/pale_neck.py score --labels before,after -o bench-out/fringe
"""

from __future__ import annotations

import argparse

import numpy as np
from fringe_tint import PORTRAITS, FrameFigure, print_scores
from neck_sheets import arguments


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.figures.neck_join import NeckJoin

    def figures(image: np.ndarray, lm: np.ndarray) -> tuple[FrameFigure, FrameFigure]:
        join = NeckJoin(image, lm)
        return join.pale_patch, join.foreign_beside

    print_scores(args, figures, ("pale", "foreign beside"))


def main() -> None:
    parser = arguments(__doc__, "bench-out/fringe")
    parser.set_defaults(portraits=PORTRAITS)
    args = parser.parse_args()
    if args.step == "render":
        parser.error("render with bench/fringe_tint.py")
    score(args)


if __name__ == "__main__":
    main()
