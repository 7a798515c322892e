"""The far cheek torn off over the background on preset:turn (`figures.far_tear`) and the dark crease across the
far jaw (`far_tear.jaw_crease`), per portrait at 512 px.

For each portrait (grace_hopper, then ../shared/data's; --portraits to choose), resized to 512 px on its
longer side as `facereel animate --size 512` does (tracked on the photo, the landmarks scaled), the mesh
engine renders preset:turn (2 s, retargeted as `facereel animate` does, no smoothing) in order; `far_tear` of
frames --frames (default 6-16, the turn towards the photo's hidden side on sr_18) with the landmarks the
engine drew (`jaw_crease` of the same frames too), beside the do-nothing baseline (the source repeated: the photo
with its own landmarks). Compare
versions of the engine by running this script with each one's `src` first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/far_tear.py [--portraits sr_18,sr_8] [--frames 6-16]
Prints a Markdown table: per portrait and figure, the source repeated's, the frames' mean and max and each frame's.
"""

from __future__ import annotations

import argparse

import cv2
import numpy as np
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_tear import far_side, far_tear, jaw_crease, skin_model
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SIZE = 512


def at_size(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(h, w, 3) uint8: `image` resized (area) so its longer side is `SIZE` px, and its landmarks (478, 3) px,
    tracked on the photo and scaled with it."""
    lm = track_image(image).landmarks[0]
    k = SIZE / max(image.shape[:2])
    resized = cv2.resize(image, (round(image.shape[1] * k), round(image.shape[0] * k)), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(resized), lm * np.float32(k)


def tears(image: np.ndarray, lm: np.ndarray, frames: range) -> dict[str, tuple[float, list[float]]]:
    """Per figure (`far_tear`, `jaw_crease`): its value on the source repeated and on each of `frames` of
    preset:turn rendered from `image` with landmarks `lm`."""
    skin, side, size = skin_model(image, lm), far_side(lm), face_size(lm)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    animator = MeshAnimator(image, lm)
    figures = {"far_tear": far_tear, "jaw_crease": jaw_crease}
    out: dict[str, list[float]] = {name: [] for name in figures}
    for k in range(frames.stop):
        frame = animator.map_frame(targets[k])
        pixels = animator.draw(frame)
        if k in frames:
            for name, figure in figures.items():
                out[name].append(figure(pixels, frame.target, skin, side, size))
    return {name: (figure(image, lm, skin, side, size), out[name]) for name, figure in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="grace_hopper,sr_18,sr_8,lp_s1,lp_s0")
    parser.add_argument("--frames", default="6-16", help="first-last frame of preset:turn (2 s)")
    args = parser.parse_args()
    first, last = (int(v) for v in args.frames.split("-"))
    wanted = args.portraits.split(",")
    print("| portrait | figure | source repeated | frames mean / max | per frame |")
    print("|---|---|---|---|---|")
    for name, image in portraits():
        if name not in wanted:
            continue
        for figure, (base, values) in tears(*at_size(image), range(first, last + 1)).items():
            print(f"| {name} | {figure} | {base:.2f} | {np.mean(values):.2f} / {np.max(values):.2f} |"
                  f" {' '.join(f'{v:.2f}' for v in values)} |")


if __name__ == "__main__":
    main()
