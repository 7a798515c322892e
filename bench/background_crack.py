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

from contextlib import nullcontext
from unittest import mock

import numpy as np
from driven_cut import cut_parser, driven_cut, far_reads

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_tear import background_cracks, far_side, skin_model
from facereel.engines.mesh.geometry import head_proxy


def reads(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], frames: list[int], held: bool) -> list[float]:
    """`background_cracks` of `frames`, with `held_background` on or (`held` False) off."""
    off = mock.patch.object(head_proxy, "held_background", lambda lab, head, *_: np.zeros(head.shape, np.float32))
    return far_reads(image, lm, targets, frames, nullcontext() if held else off, background_cracks)


def main() -> None:
    parser = cut_parser(__doc__)
    args = parser.parse_args()
    image, lm, targets, frames = driven_cut(args)
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
