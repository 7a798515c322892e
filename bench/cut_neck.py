"""A neck the frame cuts off (issue #9): `figures.tone_patch.TonePatch.straight_step` under the raised chin of a
portrait cut at its chin, driven by lp_d12 90-150 (`cut_neck.Extended`).

Prints one Markdown row per case: the largest and the mean straight step over the frames (grey levels x face sizes)
for the source repeated (the baseline: 0), the engine before (a `MeshAnimator` on the cut photo as it is) and now
(`choose_engine.mesh_animator`, which extends the photo below when the collar line falls off it), and the rows it adds.

With --speed: CPU seconds (process time) of the set-up and per frame over the 60 frames, before and now.

Run: PYTHONPATH=src .venv/bin/python bench/cut_neck.py [--speed]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from facereel.animate.inputs import load_source, source_from_image
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.cut_neck import rows_below
from facereel.engines.mesh.figures.tone_patch import TonePatch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpu_time import setup_and_frames
from hair_pops import SHARED, driven_targets

DRIVER = "../shared/data/driving/lp_d12.mp4"
CASES = {"lp_s1.jpg": (150, 0, 850, 735), "sr_8.png": (0, 0, 1280, 580), "lp_s3.jpg": (0, 0, 564, 262)}
"""Portrait: its crop (x0, y0, x1, y1) px, cut so that the chin (nearly) touches the bottom."""


def cut_case(name: str, box: tuple[int, int, int, int], start: int = 90, count: int = 60
             ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Portrait `name` cut to `box` (x0, y0, x1, y1) px: its (H, W, 3) uint8 image, (478, 3) px landmarks tracked on
    the cut and its targets for `count` frames of lp_d12 from `start`."""
    x0, y0, x1, y1 = box
    source = source_from_image(np.ascontiguousarray(load_source(SHARED + name).image[y0:y1, x0:x1]))
    return source.image, source.landmarks, driven_targets(source.image, source.landmarks, DRIVER, start + count, start)


def row(name: str, box: tuple[int, int, int, int]) -> str:
    """The Markdown row of one cut portrait."""
    image, lm, targets = cut_case(name, box)
    figure = TonePatch(image, lm)
    options = mesh_options(AnimateOptions())
    reads = [[figure.straight_step(image, t) for t in targets]]
    for animator in (MeshAnimator(image, lm, options), mesh_animator(image, lm, options)):
        reads.append([figure.straight_step(animator.render(t), t) for t in targets])
    cells = " | ".join(f"{max(r):.2f} / {np.mean(r):.2f}" for r in reads)
    return f"| {name} cut {box} | {rows_below(lm, image.shape[0])} | {cells} |"


def speed_rows(name: str, box: tuple[int, int, int, int]) -> list[str]:
    """Markdown rows: the set-up's and a frame's CPU time, before and now, for one cut portrait."""
    image, lm, targets = cut_case(name, box)
    options = mesh_options(AnimateOptions())
    out = []
    for label, make in (("before", MeshAnimator), ("now", mesh_animator)):
        setup, per_frame = setup_and_frames(lambda make=make: make(image, lm, options),
                                            lambda animator, k: animator.render(targets[k]), len(targets))
        out.append(f"| {name} cut | {label} | {setup:.2f} | {per_frame:.1f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="CPU time of set-up and frames instead of the figure")
    if parser.parse_args().speed:
        print("| case | engine | set-up CPU s | CPU ms a frame |")
        print("|---|---|---|---|")
        print("\n".join(speed_rows("lp_s1.jpg", CASES["lp_s1.jpg"])))
        return
    print("| portrait | rows added | source repeated (max / mean) | before | now |")
    print("|---|---|---|---|---|")
    for name, box in CASES.items():
        print(row(name, box), flush=True)


if __name__ == "__main__":
    main()
