"""lp_s1's drop earring on a turn (`figures.pendant_width`, issue #9, h28-fresh2 sweep find (1)).

lp_s1 at 512 px (as `facereel edit --size 512` / `animate --size 512` load it) through two clips: the sweep's
keyframes (`facereel edit --to-video`: 0.4 s smile 0.8, 0.8 s brow_raise 0.7, 1.2 s yaw 20 gaze 0.4,0, 1.6 s yaw -20
gaze -0.3,0.2, 2.0 s rest; retargeted as `edit` does) and preset:turn (2 s, retargeted as `facereel animate` does,
no smoothing), each rendered in order; on --frames of each, the image-left earring's width and width-over-height
over the photo's (`pendant_widths`, box `BOX`) and the frame's `MeshAnimator.warp_health`, for the source repeated,
the engine before (`MeshOptions(rigid_pendants=False)`) and now.

Run: PYTHONPATH=src .venv/bin/python bench/earring_width.py [--frames 36-46]
Prints a Markdown table: per clip and engine, the width ratio max / mean, the aspect ratio max / mean and the warp
health max / mean over the frames.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

from facereel.animate.edit import edit_retarget
from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.pendant_width import pendant_widths
from facereel.motion.keyframes import keyframes_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.sliders import Sliders

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

KEYFRAMES = [(0.4, Sliders(smile=0.8)), (0.8, Sliders(brow_raise=0.7)), (1.2, Sliders(yaw=20, gaze=(0.4, 0))),
             (1.6, Sliders(yaw=-20, gaze=(-0.3, 0.2))), (2.0, Sliders())]
"""The sweep's keyframes (seconds, sliders), at 25 fps."""

BOX = (slice(225, 290), slice(130, 240))
"""Rows, columns (px of the 512 px photo) round the image-left earring wherever the two clips draw it."""


def clips(image: np.ndarray, lm: np.ndarray) -> dict[str, list[np.ndarray]]:
    """Per clip name, its (478, 3) px targets for the photo's landmarks `lm`."""
    edit = edit_retarget(AnimateOptions(engine="mesh"), "mesh")
    return {"keyframes": list(retarget(lm, keyframes_motion(KEYFRAMES), edit)),
            "preset:turn": list(retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True)))}


def widths(animator: MeshAnimator | None, image: np.ndarray, targets: list[np.ndarray], frames: range,
           face_px: float) -> tuple[np.ndarray, list[float]]:
    """((F, 2) width and aspect ratios, F warp healths) on `frames` of `targets` drawn by `animator` (None: the source
    repeated, health 0), every frame up to the last in order."""
    ratios, health = [], []
    for k in range(frames.stop):
        drawn = animator.render(targets[k]) if animator is not None else image
        if k in frames:
            ratios.append(pendant_widths(drawn, image, BOX, face_px))
            health.append(animator.warp_health if animator is not None else 0.0)
    return np.array(ratios), health


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", default="36-46", help="first-last frame of each clip")
    args = parser.parse_args()
    first, last = (int(v) for v in args.frames.split("-"))
    source = resize_source(load_source(SHARED / "portraits" / "lp_s1.jpg"), 512)
    image, lm = source.image, source.landmarks
    options = mesh_options(AnimateOptions(engine="mesh"))
    print("| clip | engine | width ratio max / mean | aspect ratio max / mean | warp health max / mean |")
    print("|---|---|---|---|---|")
    for clip, targets in clips(image, lm).items():
        for name, engine in (("source repeated", None), ("before", replace(options, rigid_pendants=False)),
                             ("now", options)):
            animator = MeshAnimator(image, lm, engine) if engine is not None else None
            ratios, health = widths(animator, image, targets, range(first, last + 1), face_size(lm))
            print(f"| {clip} | {name} | {np.nanmax(ratios[:, 0]):.2f} / {np.nanmean(ratios[:, 0]):.2f} | "
                  f"{np.nanmax(ratios[:, 1]):.2f} / {np.nanmean(ratios[:, 1]):.2f} | "
                  f"{max(health):.4f} / {np.mean(health):.4f} |")


if __name__ == "__main__":
    main()
