"""Flat blocks on big turns (`figures.flat_blocks`): the engine with tiny source triangles limited by the width
they open to (`stretch_limit.TINY_WIDTH_PX`) beside the engine before (tiny triangles not limited at all) and the
do-nothing baseline (the source repeated: 0, nothing moved), on every portrait of ../shared/data plus skimage's
astronaut and matplotlib's grace_hopper, at 512 and full size.

Per portrait, size and preset (turn, laugh; 2 s, retargeted as `facereel animate` does): mean and max over the
frames of the flat-block figure (a share of the moved head's pixels) and the max warp health, before / after.
Writes under -o, per row, a crop sheet (source | before | after; 3x at 512) of the frame where the figure drops
most.

Run: PYTHONPATH=src .venv/bin/python bench/flat_blocks.py [--sizes 512,0] [--presets turn,laugh]
     [-o bench-out/flat-blocks]
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np

from facereel.engines.mesh import MeshAnimator
import facereel.engines.mesh.geometry.stretch_limit as stretch_limit
from facereel.engines.mesh.figures.flat_blocks import flat_blocks
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget
from warp_health import portraits  # the built-in faces, then ../shared/data's


def resized(image: np.ndarray, size: int) -> np.ndarray:
    """`image` with its longer side `size` px (0: as it is)."""
    if not size:
        return image
    f = size / max(image.shape[:2])
    return cv2.resize(image, (round(image.shape[1] * f), round(image.shape[0] * f)), interpolation=cv2.INTER_AREA)


def run(image: np.ndarray, lm: np.ndarray, targets: np.ndarray, tiny_width: float
        ) -> tuple[float, list[float], list[float], list[np.ndarray]]:
    """The figure on the source repeated (its own landmarks rendered), then per frame: flat-block figure, warp
    health, frame; with `stretch_limit.TINY_WIDTH_PX` set to `tiny_width`."""
    kept = stretch_limit.TINY_WIDTH_PX
    stretch_limit.TINY_WIDTH_PX = tiny_width  # read when the animator builds its limits
    try:
        animator = MeshAnimator(image, lm)
    finally:
        stretch_limit.TINY_WIDTH_PX = kept
    animator.render(lm)
    baseline = flat_blocks(animator)
    figures, health, frames = [], [], []
    for target in targets:
        frame = animator.render(target)
        figures.append(flat_blocks(animator))
        health.append(animator.warp_health)
        frames.append(frame)
    return baseline, figures, health, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="512,0")
    parser.add_argument("--presets", default="turn,laugh")
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/flat-blocks"))
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    print("| portrait | size | preset | flat blocks: baseline | mean before / after | max before / after "
          "| warp health max before / after |")
    print("|---|---|---|---|---|---|---|")
    for name, photo in portraits():
        for size in (int(s) for s in args.sizes.split(",")):
            image = resized(photo, size)
            lm = track_image(image).landmarks[0]
            for preset in args.presets.split(","):
                targets = retarget(lm, preset_motion(preset, 2.0), RetargetOptions(translate=True))
                base, fb, hb, before = run(image, lm, targets, math.inf)
                _, fa, ha, after = run(image, lm, targets, stretch_limit.TINY_WIDTH_PX)
                print(f"| {name} | {size or 'full'} | {preset} | {base:.4f} | {np.mean(fb):.4f} / {np.mean(fa):.4f} | "
                      f"{max(fb):.4f} / {max(fa):.4f} | {max(hb):.3f} / {max(ha):.3f} |", flush=True)
                k = int(np.argmax(np.array(fb) - np.array(fa)))
                oval = lm[:, :2]
                (x0, y0), (x1, y1) = oval.min(0), oval.max(0)
                pad = 0.6 * max(x1 - x0, y1 - y0)
                box = (slice(max(0, int(y0 - pad)), int(y1 + pad)), slice(max(0, int(x0 - pad)), int(x1 + pad)))
                tiles = [t[box] for t in (image, before[k], after[k])]
                scale = 3 if size else 1
                sheet = np.hstack([cv2.resize(t, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
                                   for t in tiles])
                iio.imwrite(args.output / f"{name}_{size or 'full'}_{preset}_f{k}.png", sheet)


if __name__ == "__main__":
    main()
