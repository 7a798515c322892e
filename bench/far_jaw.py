"""The far jaw's outline on big turns, per portrait: how far inside the photo's face the drawn lower face's
outline is read from (`figures.far_outline.outline_depth`; the far chin cut straight, issue #9, `far_jaw`).

For each portrait (the public-domain astronaut and grace_hopper, then ../shared/data's), the mesh engine
renders preset:turn (--seconds, default 2 as `facereel animate` plays it; retargeted as it does, no
smoothing) and per frame the drawn head alpha and the backward map give `outline_depth` (face sizes). The
do-nothing baseline (the source repeated) renders the source's own landmarks. --flat leaves the jaw points
where the tracker put them (`far_jaw.widen_jaw` off): the engine before the change, in the same run.

Run: PYTHONPATH=src .venv/bin/python bench/far_jaw.py [--seconds 2] [--portraits lp_s1,astronaut] [--flat]
Prints a Markdown table: per portrait, the source's depth, the frames' mean and max, and the mean over the
brief's frames 6-15 and 30-40.
"""

from __future__ import annotations

import argparse

import numpy as np
from far_outline import turned_portraits

from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.figures.far_outline import rendered_outline_depth

LOOKED = (*range(6, 16), *range(30, 41))
"""Frames of preset:turn at 2 s where the far chin read cut straight (lp_s1)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--portraits", default=None, help="these portraits only (names, e.g. lp_s1,astronaut)")
    parser.add_argument("--flat", action="store_true", help="the jaw points as tracked (the engine before)")
    args = parser.parse_args()
    if args.flat:
        animator_module.widen_jaw = lambda target, _: target
    print("| portrait | source | turn: mean / max | frames 6-15, 30-40 mean |")
    print("|---|---|---|---|")
    for name, lm, animator, targets in turned_portraits(args.portraits, args.seconds):
        own = rendered_outline_depth(animator, lm, lm)
        depths = np.array([rendered_outline_depth(animator, lm, t) for t in targets])
        looked = [k for k in LOOKED if k < len(depths)]
        print(f"| {name} | {own:.3f} | {depths.mean():.3f} / {depths.max():.3f} | {depths[looked].mean():.3f} |",
              flush=True)


if __name__ == "__main__":
    main()
