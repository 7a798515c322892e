"""The photo's lit chin tip left on the neck under a raised chin (issue #9): `figures.still_chin` on still edits.

Scales each ../shared/data portrait to 512 px (as `facereel edit --size 512`), renders `--pitches` with the
expression editor and preset:turn (2 s), and prints one Markdown row per portrait: the figure per pitch, the
turn's mean over `--turn` frames, and the source repeated (0). `--before`: the engine before h25-sr8chin (the
neck's side behind the jaw angle over the chin's tip, `head_proxy.outside_face` off).

Run: PYTHONPATH=src .venv/bin/python bench/still_chin.py [--portraits sr_8,lp_s0] [--before]
"""

from __future__ import annotations

import argparse
import platform
from datetime import UTC, datetime

import numpy as np
import pytest

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.still_chin import still_chin
from facereel.engines.mesh.geometry import head_proxy
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.sliders import Sliders

SHARED = "../shared/data/portraits/"
SUFFIX = {"sr": ".png", "lp": ".jpg"}


def reads(name: str, pitches: list[float], turn: range) -> tuple[float, list[float], float]:
    """The figure of portrait `name` at 512: on the source repeated, on each pitch edit, and the mean over the
    `turn` frames of preset:turn (2 s)."""
    source = resize_source(load_source(SHARED + name + SUFFIX[name[:2]]), 512)
    editor = StillEditor(source)
    animator, lm = editor.animator, source.landmarks
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape
    photo, chin = source.image[y0:y0 + h, x0:x0 + w], lm[152, :2] - animator.origin

    def figure(target: np.ndarray) -> float:
        frame = animator.render(target)[y0:y0 + h, x0:x0 + w]
        return still_chin(frame, target[152, :2] - animator.origin, photo, chin, face_size(lm))

    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    edits = [figure(editor.target(Sliders(pitch=p))) for p in pitches]
    return still_chin(photo, chin, photo, chin, face_size(lm)), edits, float(np.mean([figure(targets[k]) for k in turn]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="sr_8,lp_s0,lp_s3,lp_s12")
    parser.add_argument("--pitches", default="-10,-15,-20")
    parser.add_argument("--turn", default="10,26", help="first and last + 1 preset:turn frame")
    parser.add_argument("--before", action="store_true")
    args = parser.parse_args()
    pitches = [float(p) for p in args.pitches.split(",")]
    turn = range(*map(int, args.turn.split(",")))
    print(f"{platform.node()} {platform.machine()}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"| portrait | {'engine before' if args.before else 'this engine'}: pitch {args.pitches} "
          f"| preset:turn {turn.start}-{turn.stop - 1} mean | source repeated |")
    print("|---|---|---|---|")
    with pytest.MonkeyPatch.context() as patch:
        if args.before:
            patch.setattr(head_proxy, "outside_face", lambda region, *_: region)
        for name in args.portraits.split(","):
            still, edits, turned = reads(name, pitches, turn)
            print(f"| {name} | {' / '.join(f'{v:.3f}' for v in edits)} | {turned:.3f} | {still:.1f} |", flush=True)


if __name__ == "__main__":
    main()
