"""Tinted lines along the jaw under a turn and real motion (issue #9): the `fringe_tint` figure (and
`jaw_wisps` beside it) per portrait and driver, beside the do-nothing baseline.

Each portrait (--portraits) is scaled to a longer side of 512 px (as `facereel animate --size 512`), tracked,
and driven by preset:turn (2 s, as `facereel animate -d preset:turn`: frames 8-16 turn to one side, 31-43 to the
other and up), lp_d3 (frames 8-16 and 24-38 of its first 2 s) and lp_d12 (every 10th of its first 2.4 s),
retargeted as `facereel animate` does and rendered in memory (`bench/jaw_wisps.py`'s render step). `score` prints
a Markdown table per driver: mean / max over the frames of `fringe_tint` (turn: each extreme on its own) and
the mean of `jaw_wisps` (the source repeated first: 0 by definition, computed the same way); then the same of
`over_saturated` (pixels more saturated than the face skin ever is: orange dashes) beside `fringe_tint`.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/fringe_tint.py render --label before
     PYTHONPATH=src .venv/bin/python bench/fringe_tint.py score --labels before,after [-o bench-out/fringe]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import numpy as np
from jaw_wisps import render, saved_runs
from neck_sheets import arguments, print_tables
from self_reenact_loop import SHARED, frames_and_track

from facereel.motion.extract import extract_motion
from facereel.motion.presets import preset_motion

PORTRAITS = "grace_hopper,sr_18,lp_s1,lp_s0"
TURN = (8, 10, 12, 14, 16, 31, 34, 37, 40, 43)  # preset:turn's (2 s) frames: the first five one extreme
LP_D3 = (8, 10, 12, 14, 16, 24, 32, 38)
LP_D12 = (10, 20, 30, 40, 50, 59)


def drivers(args: argparse.Namespace) -> dict:
    """The drivers: by name, the motion and the frames rendered of it."""
    def driven(name: str, seconds: float):
        return extract_motion(frames_and_track(SHARED / "driving" / f"{name}.mp4", seconds, args.cache)[1])

    return {"turn": (preset_motion("turn"), TURN), "lp_d3": (driven("lp_d3", 2.0), LP_D3),
            "lp_d12": (driven("lp_d12", 2.4), LP_D12)}


def cell(values: list[float]) -> str:
    """A table cell: mean / max of `values`."""
    return f"{np.mean(values):.4f} / {max(values):.4f}"


FrameFigure = Callable[[np.ndarray, np.ndarray], float]
"""A figure of a rendered frame ((H, W, 3) uint8) for its target landmarks ((478, 3) px)."""


def print_scores(args: argparse.Namespace, figures: Callable[[np.ndarray, np.ndarray], tuple[FrameFigure, FrameFigure]],
                 names: tuple[str, str]) -> None:
    """Prints per driver a Markdown table of the saved runs: mean / max of the first of `figures(image, landmarks)`
    (turn: each extreme on its own) and the mean of the second, named `names`; the source repeated first."""
    rows: dict[str, list[str]] = {}
    for name, driver, image, lm, targets, runs in saved_runs(args):
        first, second = figures(image, lm)
        cells = [cell([first(image, t) for t in targets])]
        for run in runs:
            main = [first(f, t) for f, t in zip(run["frames"], targets)]
            side = [second(f, t) for f, t in zip(run["frames"], targets)]
            parts = [cell(main[:5]), cell(main[5:])] if driver == "turn" else [cell(main)]
            cells.append(" ; ".join(parts) + f" | {np.mean(side):.4f}")
        rows.setdefault(driver, []).append(f"| {name} | " + " | ".join(cells) + " |")
    labels = args.labels.split(",")
    print_tables(rows, f"{names[0]} mean / max",
                 [f"{label}: {names[0]} mean / max (turn: 8-16 ; 31-43) | {names[1]} mean" for label in labels])


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.figures.fringe_tint import fringe_tint, over_saturated
    from facereel.engines.mesh.figures.jaw_wisps import jaw_wisps

    def figures(image: np.ndarray, lm: np.ndarray) -> tuple[FrameFigure, FrameFigure]:
        return lambda f, t: fringe_tint(f, image, lm, t), lambda f, t: jaw_wisps(f, image, lm, t)

    def saturated(image: np.ndarray, lm: np.ndarray) -> tuple[FrameFigure, FrameFigure]:
        return lambda f, t: over_saturated(f, image, lm, t), lambda f, t: fringe_tint(f, image, lm, t)

    print_scores(args, figures, ("tint", "wisps"))
    print_scores(args, saturated, ("saturated", "tint"))


def main() -> None:
    parser = arguments(__doc__, "bench-out/fringe")
    parser.set_defaults(portraits=PORTRAITS)
    args = parser.parse_args()
    render(args, drivers(args)) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
