"""The dark crack down the grey background beside a turned face's far jaw (issue #9; docs/status.md fresh sweep
h28-fresh (5)): `figures.far_tear.background_cracks` per frame of a portrait driven by a cut of a shared driving
video (as `facereel animate` drives it, streamed), beside the source repeated (the baseline) and the engine before
(`head_mask.held_background` switched off in this process: the plate is the hole's fill behind the background the head
holds, as before h29-sr18turn).

Prints one Markdown row per frame and a mean row.

Run: PYTHONPATH=src .venv/bin/python bench/background_crack.py [--portrait sr_18.png] [--driver lp_d3] [--first 284]
[--count 24] [--frames 10-23] [--size 0]
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

import numpy as np

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_tear import background_cracks, far_side, skin_model
from facereel.engines.mesh.geometry import head_proxy

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
from mesh_faces import streamed_targets  # the tests' driven targets, as `facereel animate` drives them


def reads(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], frames: list[int], held: bool) -> list[float]:
    """`background_cracks` of `frames` of a fresh engine driven by `targets` (every frame mapped in order), with
    `held_background` on or (`held` False) off."""
    off = mock.patch.object(head_proxy, "held_background", lambda lab, head, *_: np.zeros(head.shape, np.float32))
    with nullcontext() if held else off:
        animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    skin, side, size = skin_model(image, lm), far_side(lm), face_size(lm)
    out = []
    for k in range(max(frames) + 1):
        frame = animator.map_frame(targets[k])
        if k in frames:
            out.append(background_cracks(animator.draw(frame), frame.target, skin, side, size))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portrait", default="sr_18.png")
    parser.add_argument("--driver", default="lp_d3")
    parser.add_argument("--first", type=int, default=284, help="the driver's first frame (the cut's reference)")
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--frames", default="10-23", help="first-last frame of the cut read")
    parser.add_argument("--size", type=int, default=0, help="longer side px (0: the portrait's own size)")
    args = parser.parse_args()
    first, last = map(int, args.frames.split("-"))
    frames = list(range(first, last + 1))
    image, lm, targets = streamed_targets(SHARED, args.portrait, args.driver, args.first + args.count,
                                          args.size or None, args.first)
    repeated = background_cracks(image, lm, skin_model(image, lm), far_side(lm), face_size(lm))
    before, now = reads(image, lm, targets, frames, False), reads(image, lm, targets, frames, True)
    print(f"{args.portrait} x {args.driver} {args.first}-{args.first + args.count}, size {args.size or 'own'}: "
          "`background_cracks` (face sizes^2 x 1000)\n")
    print("| frame | source repeated | before | now |\n|---|---|---|---|")
    for k, b, n in zip(frames, before, now, strict=True):
        print(f"| {k} | {repeated:.2f} | {b:.2f} | {n:.2f} |")
    print(f"| mean | {repeated:.2f} | {np.mean(before):.2f} | {np.mean(now):.2f} |")


if __name__ == "__main__":
    main()
