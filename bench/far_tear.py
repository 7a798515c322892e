"""The far cheek torn off over the background on preset:turn (`figures.far_tear`), the dark crease across the
far jaw (`far_tear.jaw_crease`) and the dark specks in the far cheek (`figures.cheek_specks`), per portrait at 512 px.

For each portrait (grace_hopper, then ../shared/data's; --portraits to choose), resized to 512 px on its
longer side as `facereel animate --size 512` does (tracked on the photo, the landmarks scaled), the mesh
engine renders preset:turn (2 s, retargeted as `facereel animate` does, no smoothing) in order; `far_tear` of
frames --frames (default 6-16, the turn towards the photo's hidden side on sr_18) with the landmarks the
engine drew (`jaw_crease` and `cheek_specks` of the same frames too), beside the do-nothing baseline (the source repeated: the photo
with its own landmarks). Compare
versions of the engine by running this script with each one's `src` first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/far_tear.py [--portraits sr_18,sr_8] [--frames 6-16[,first-last...]]
Prints a Markdown table: per portrait and figure, the source repeated's, the frames' mean and max and each frame's.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import cv2
import numpy as np
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.cheek_specks import cheek_specks
from facereel.engines.mesh.figures.far_tear import far_side, far_tear, jaw_crease, skin_model
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SIZE = 512


def at_size(image: np.ndarray, size: int = SIZE) -> tuple[np.ndarray, np.ndarray]:
    """(h, w, 3) uint8: `image` resized (area down, cubic up) so its longer side is `size` px, and its landmarks
    (478, 3) px, tracked on the photo and scaled with it."""
    lm = track_image(image).landmarks[0]
    k = size / max(image.shape[:2])
    resized = cv2.resize(image, (round(image.shape[1] * k), round(image.shape[0] * k)),
                         interpolation=cv2.INTER_AREA if k <= 1 else cv2.INTER_CUBIC)
    return np.ascontiguousarray(resized), lm * np.float32(k)


def tears(image: np.ndarray, lm: np.ndarray, frames: list[int]) -> dict[str, tuple[float, list[float]]]:
    """Per figure (`far_tear`, `jaw_crease`, `cheek_specks`): its value on the source repeated and on each of `frames` (ascending)
    of preset:turn, every frame up to the last rendered in order from `image` with landmarks `lm`."""
    skin, side, size = skin_model(image, lm), far_side(lm), face_size(lm)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    animator = MeshAnimator(image, lm)
    figures = {"far_tear": far_tear, "jaw_crease": jaw_crease,
               "cheek_specks": lambda pixels, target, _, side, size: cheek_specks(pixels, target, side, size)}
    out: dict[str, list[float]] = {name: [] for name in figures}
    for k in range(max(frames) + 1):
        frame = animator.map_frame(targets[k])
        pixels = animator.draw(frame)
        if k in frames:
            for name, figure in figures.items():
                out[name].append(figure(pixels, frame.target, skin, side, size))
    return {name: (figure(image, lm, skin, side, size), out[name]) for name, figure in figures.items()}


def turn_frames(text: str) -> list[int]:
    """Frame numbers of preset:turn from "first-last" ranges, comma-separated ("12-22,33-48")."""
    spans = [[int(v) for v in part.split("-")] for part in text.split(",")]
    return [k for span in spans for k in range(span[0], span[-1] + 1)]


def per_frame(values: list[float]) -> str:
    """Each frame's figure to 2 decimals, "-" where it was not read (not finite)."""
    return " ".join(f"{v:.2f}" if np.isfinite(v) else "-" for v in values)


def figure_table(names: str, figures: Callable[[np.ndarray, np.ndarray], dict[str, tuple[float, list[float]]]],
                 summary_head: str, summary: Callable[[list[float]], str]) -> None:
    """Print a Markdown table, a row per portrait (comma-separated `names`, in `portraits()`'s order, `at_size`)
    and figure: the source repeated, `summary` of the frames' values (its column named `summary_head`) and each
    frame's, from `figures(image, landmarks)`'s {figure: (source repeated, per-frame values)}."""
    print(f"| portrait | figure | source repeated | {summary_head} | per frame |")
    print("|---|---|---|---|---|")
    wanted = names.split(",")
    for name, image in portraits():
        if name not in wanted:
            continue
        for figure, (base, values) in figures(*at_size(image)).items():
            print(f"| {name} | {figure} | {base:.2f} | {summary(values)} | {per_frame(values)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="grace_hopper,sr_18,sr_8,lp_s1,lp_s0")
    parser.add_argument("--frames", default="6-16", help="first-last ranges of preset:turn (2 s), comma-separated")
    args = parser.parse_args()
    frames = turn_frames(args.frames)
    figure_table(args.portraits, lambda image, lm: tears(image, lm, frames), "frames mean / max",
                 lambda values: f"{np.mean(values):.2f} / {np.max(values):.2f}")


if __name__ == "__main__":
    main()
