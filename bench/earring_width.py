"""lp_s1's drop earring on a turn (`figures.pendant_width`, issue #9, h28-fresh2 sweep find (1)).

lp_s1 at 512 px (as `facereel edit --size 512` / `animate --size 512` load it) through two clips: the sweep's
keyframes (`facereel edit --to-video`: 0.4 s smile 0.8, 0.8 s brow_raise 0.7, 1.2 s yaw 20 gaze 0.4,0, 1.6 s yaw -20
gaze -0.3,0.2, 2.0 s rest; retargeted as `edit` does) and preset:turn (2 s, retargeted as `facereel animate` does,
no smoothing), each rendered in order; on --frames of each, the image-left earring's width and width-over-height
over the photo's (`pendant_widths`, box `pendant_width.BOX`) and the frame's `MeshAnimator.warp_health`, for the source repeated,
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

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.pendant_width import clips, widths

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

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
    for clip, targets in clips(lm).items():
        for name, engine in (("source repeated", None), ("before", replace(options, rigid_pendants=False)),
                             ("now", options)):
            animator = MeshAnimator(image, lm, engine) if engine is not None else None
            ratios, health = widths(animator, image, targets, range(first, last + 1), face_size(lm))
            print(f"| {clip} | {name} | {np.nanmax(ratios[:, 0]):.2f} / {np.nanmean(ratios[:, 0]):.2f} | "
                  f"{np.nanmax(ratios[:, 1]):.2f} / {np.nanmean(ratios[:, 1]):.2f} | "
                  f"{max(health):.4f} / {np.mean(health):.4f} |")


if __name__ == "__main__":
    main()
