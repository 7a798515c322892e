"""A small face turned (issue #9): portraits scaled down onto a canvas of their border colour, preset:turn (2 s),
read by `figures.upscaled_gap` (grey levels from the same picture upscaled 4x, animated and scaled back) and
`figures.flat_blocks` (the map's flat blocks; an `UpscaledFace`'s read on its working crop) over frames 10-13 (the
near cheek) and 40-44 (the jaw under the raised chin).

Prints one Markdown row per case and frames: the source repeated (the baseline; its upscaled_gap is the turn's own
change), the engine before (`MeshAnimator` at the face's own size) and now (`choose_engine.mesh_animator`).

With --speed: CPU seconds (process time) of the set-up and per frame over the turn's 50 frames, before and now, on
the case's picture placed at (120, 80) of a 1280 x 720 canvas as the sweep's (`facereel animate -s small.png`).

Run: PYTHONPATH=src .venv/bin/python bench/small_face.py --cases lp_s3:4,lp_s3:3,lp_s0:4,lp_s1:8 [--speed]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from group_photo import on_canvas, resized

from facereel.animate.inputs import source_from_image
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.flat_blocks import flat_blocks
from facereel.engines.mesh.figures.upscaled_gap import FACTOR, scaled_back, upscaled, upscaled_gap
from facereel.engines.mesh.small_face import UpscaledFace
from facereel.media.image import read_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "portraits"
WINDOWS = {"cheek 10-13": (10, 11, 12, 13), "jaw 40-44": (40, 41, 42, 43, 44)}
AT = (60, 40)  # px: the picture's top-left on its canvas
MARGIN = (130, 60)  # px: how much wider and taller the canvas is than the picture


def small_picture(name: str, divisor: int, at: tuple[int, int] = AT, size: tuple[int, int] | None = None
                  ) -> np.ndarray:
    """(H, W, 3) uint8: portrait `name` at 1/divisor (PIL's bicubic, as the sweep's pictures were made), its top-left
    at `at` (x, y) px on a canvas of its border colour (`group_photo.on_canvas`) of `size` (width, height) px (None:
    `MARGIN` larger than the picture)."""
    image = read_image(next(PORTRAITS.glob(f"{name}.*")))
    small = resized(image, (image.shape[1] // divisor, image.shape[0] // divisor))
    size = size or (small.shape[1] + MARGIN[0], small.shape[0] + MARGIN[1])
    return np.array(on_canvas([small], [at], size))


def turn_targets(landmarks: np.ndarray) -> np.ndarray:
    """(T, 478, 3) px: preset:turn (2 s) retargeted onto `landmarks`, as `facereel animate` drives the mesh engine."""
    return retarget(landmarks, preset_motion("turn", 2.0), RetargetOptions(translate=True))


def rendered(animator: MeshAnimator | UpscaledFace, targets: np.ndarray, frames: tuple[int, ...]
             ) -> tuple[list[np.ndarray], list[float]]:
    """The frames `frames` of `targets` drawn by `animator` and their `flat_blocks`."""
    drawn, blocks = [], []
    for k in frames:
        drawn.append(animator.render(targets[k]))
        blocks.append(flat_blocks(animator.inner if isinstance(animator, UpscaledFace) else animator))
    return drawn, blocks


def rows(name: str, divisor: int) -> list[str]:
    """The Markdown rows of one case."""
    image = source_from_image(small_picture(name, divisor))
    big = source_from_image(upscaled(image.image))
    targets, big_targets = turn_targets(image.landmarks), turn_targets(big.landmarks)
    reference_still = scaled_back(big.image)
    engines = {"before": MeshAnimator(image.image, image.landmarks), "now": mesh_animator(image.image, image.landmarks)}
    reference = MeshAnimator(big.image, big.landmarks)
    out = []
    for window, frames in WINDOWS.items():
        refs = [scaled_back(reference.render(big_targets[k]), FACTOR) for k in frames]
        cells = [f"{np.mean([upscaled_gap(image.image, image.image, r, reference_still) for r in refs]):.2f} / 0"]
        for engine in engines.values():
            drawn, blocks = rendered(engine, targets, frames)
            gap = np.mean([upscaled_gap(d, image.image, r, reference_still) for d, r in zip(drawn, refs)])
            cells.append(f"{gap:.2f} / {np.mean(blocks):.4f}")
        out.append(f"| {name} 1/{divisor} | {window} | " + " | ".join(cells) + " |")
    return out


def speed_rows(name: str, divisor: int) -> list[str]:
    """Markdown rows: CPU s of the set-up and ms per frame of preset:turn, before and now, on a 1280 x 720 canvas."""
    image = source_from_image(small_picture(name, divisor, (120, 80), (1280, 720)))
    targets = turn_targets(image.landmarks)
    out = []
    for tag, make in (("before", MeshAnimator), ("now", mesh_animator)):
        start = time.process_time()
        engine = make(image.image, image.landmarks)
        setup = time.process_time() - start
        start = time.process_time()
        for target in targets:
            engine.render(target)
        per_frame = (time.process_time() - start) / len(targets) * 1000
        out.append(f"| {name} 1/{divisor} | {tag} | {setup:.2f} | {per_frame:.1f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="lp_s3:4,lp_s3:3,lp_s0:4,lp_s1:8", help="portrait:divisor, comma-separated")
    parser.add_argument("--speed", action="store_true", help="CPU time of set-up and frames instead of the figures")
    args = parser.parse_args()
    if args.speed:
        print("| case | engine | set-up CPU s | CPU ms a frame |")
        print("|---|---|---|---|")
    else:
        print("| case | frames | source repeated: upscaled_gap / flat_blocks | before | now |")
        print("|---|---|---|---|---|")
    for case in args.cases.split(","):
        name, divisor = case.split(":")
        for row in (speed_rows if args.speed else rows)(name, int(divisor)):
            print(row, flush=True)


if __name__ == "__main__":
    main()
