"""The skin above the mouth drawn below the upper lip's edge (issue #9, the brown notch under lp_s5's nose on lp_d12
144-146): `figures.nose_notch.skin_under_lip` of the landmarks the mesh engine draws, portraits at --size px driven
by lp_d12 90-150 as `facereel animate --size` drives them.

Per portrait: the source repeated (the photo's own landmarks: 0), the engine before h28-s5notch (its lip ring
reading every point against the target's whole outer lip contour, its outside from the target's own winding, even
pressed flat: `lip_ring.LipRing.side` 0, no point beside one lip) and now; over the 60 frames the largest, the
mean and the frames reading over `SEEN` (face sizes).

Run: PYTHONPATH=src .venv/bin/python bench/nose_notch.py [--size 512] [--portraits lp_s5,lp_s1,lp_s3]
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.nose_notch import skin_under_lip

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hair_pops import SHARED, driven_targets

DRIVER = "../shared/data/driving/lp_d12.mp4"
FIRST, COUNT = 90, 60  # lp_d12's frames 90-149: its reference's mouth open, closed from ~frame 95 on
SEEN = 0.005
"""Face sizes: a notch deeper than this shows at 512 px (lp_s5's 270 px face: 1.4 px; main's notch 0.03-0.06)."""


def figures(animator: MeshAnimator, source: np.ndarray, targets: list[np.ndarray]) -> np.ndarray:
    """(T,) `skin_under_lip` of each target's frame as `animator` maps it (the photo's landmarks `source`)."""
    return np.array([skin_under_lip(source, animator.map_frame(t).target) for t in targets])


def cells(values: np.ndarray) -> str:
    """'max / mean / frames over SEEN' of per-frame figures."""
    return f"{values.max():.4f} / {values.mean():.4f} / {int((values > SEEN).sum())}"


def row(name: str, size: int) -> str:
    """The Markdown row of one portrait."""
    source = resize_source(load_source(Path(SHARED + name)), size)
    lm = source.landmarks
    targets = driven_targets(source.image, lm, DRIVER, FIRST + COUNT, FIRST)
    repeated = np.array([skin_under_lip(lm, lm)] * len(targets))
    before = MeshAnimator(source.image, lm, mesh_options(AnimateOptions()))
    before._lip_ring.side[:] = 0
    now = MeshAnimator(source.image, lm, mesh_options(AnimateOptions()))
    return f"| {name} | {cells(repeated)} | {cells(figures(before, lm, targets))} | {cells(figures(now, lm, targets))} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=512, help="the portraits' longer side, px (`--size`)")
    parser.add_argument("--portraits", default="lp_s5.jpg,lp_s1.jpg,lp_s3.jpg", help="file names, comma-separated")
    args = parser.parse_args()
    print("| portrait | source repeated (max / mean / frames) | before | now |")
    print("|---|---|---|---|")
    for name in args.portraits.split(","):
        print(row(name, args.size), flush=True)


if __name__ == "__main__":
    main()
