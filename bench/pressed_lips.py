"""Lips pressed to a line (issue #9, #12 relative driving: lp_d12's open reference mouth closed onto closed
portrait mouths): `figures.pressed_lips.thickness_share` of the landmarks the mesh engine draws, portraits at --size
px driven by lp_d12 90-150 as `facereel animate --size` drives them.

Per portrait: the source repeated (1), the engine before h28-pressed (the driver's closing added as lengths:
`retarget._close_no_further` left out) and now; on the pressed frames (`PRESSED`) both lips' thickness over the
photo's own, smallest / mean, and each lip's smallest (upper, lower).

Run: PYTHONPATH=src .venv/bin/python bench/pressed_lips.py [--size 512] [--portraits lp_s5.jpg,sr_4.png,lp_s3.jpg]
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from unittest import mock

import numpy as np

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.pressed_lips import thickness_share
from facereel.motion import retarget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hair_pops import SHARED, driven_targets

DRIVER = "../shared/data/driving/lp_d12.mp4"
FIRST, COUNT = 90, 60  # lp_d12's frames 90-149: its reference's mouth open, closed from ~frame 95 on
PRESSED = [8, 9, 10, 11, 12, 52, 53, 54, 55, 56, 57, 58]
"""The clip's frames whose driver mouth is closed past its reference (lp_d12 98-102, 142-148)."""


def cells(shares: np.ndarray) -> str:
    """'both smallest / mean, upper smallest, lower smallest' of (T, 3) `thickness_share` rows."""
    return (f"{shares[:, 2].min():.2f} / {shares[:, 2].mean():.2f}, {shares[:, 0].min():.2f}, "
            f"{shares[:, 1].min():.2f}")


def drawn_share(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray]) -> np.ndarray:
    """(len(PRESSED), 3) `thickness_share` of the PRESSED frames as the engine maps `targets` (all, in order)."""
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    drawn = np.array([animator.map_frame(t).target for t in targets])
    return thickness_share(lm, drawn[PRESSED])


def row(name: str, size: int) -> str:
    """The Markdown row of one portrait."""
    source = resize_source(load_source(Path(SHARED + name)), size)
    image, lm = source.image, source.landmarks
    repeated = thickness_share(lm, np.repeat(lm[None], len(PRESSED), 0))
    with mock.patch.object(retarget, "_close_no_further", lambda c, c_src: None):
        before = drawn_share(image, lm, driven_targets(image, lm, DRIVER, FIRST + COUNT, FIRST))
    now = drawn_share(image, lm, driven_targets(image, lm, DRIVER, FIRST + COUNT, FIRST))
    return f"| {name} | {cells(repeated)} | {cells(before)} | {cells(now)} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=512, help="the portraits' longer side, px (`--size`)")
    parser.add_argument("--portraits", default="lp_s5.jpg,sr_4.png,lp_s3.jpg", help="file names, comma-separated")
    args = parser.parse_args()
    print("| portrait | source repeated (both min / mean, upper min, lower min) | before | now |")
    print("|---|---|---|---|")
    for name in args.portraits.split(","):
        print(row(name, args.size), flush=True)


if __name__ == "__main__":
    main()
