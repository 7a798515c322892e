"""The far outline's fold on a turn at 512 px or --size (issue #9): the grey slivers between skin in the far cheek
(`figures.far_tear.grey_slivers`; mended by `head_edge.far_fold`) and the far cheek drawn as a flat skin block
(`figures.far_tear.flat_cheek`; sr_18 at his own size, `--size 0`; `flat_jaw`: the same on the rows from the mouth
corners to the chin, lp_s12's block below the fold strip), with `far_tear`, `jaw_crease` and
`cheek_streaks` on the photo's far side (the stretch's grain drawn as horizontal streaks, `head_edge.far_grain`) of
the same frames, for `facereel edit --yaw 25` / `--yaw -25`, the combined edit `--yaw 30 --pitch 20 --mouth-open 1
--smile 1` and preset:turn frames (--frames; each drawn alone by the edit's engine, as `StillEditor` draws a still).

Prints one Markdown row per portrait, frame and figure: the source repeated (the baseline: the photo with its own
landmarks), the engine before (`far_fold`, or with `--off grain` only `far_grain`, switched off in this process)
and now. Frontal photos (own yaw under `outline_skin.TURNED`) have no fold redrawn: before and now alike.

Run: PYTHONPATH=src .venv/bin/python bench/far_fold.py --portraits sr_18,sr_4,sr_8,lp_s12 [--frames 10,13,16,19]
[--size 0] [--off grain]
"""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from unittest import mock

import numpy as np

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh import layers
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.cheek_streaks import cheek_streaks, side_towards
from facereel.engines.mesh.figures.far_tear import far_side, far_tear, flat_cheek, grey_slivers, jaw_crease, skin_model
from facereel.engines.mesh.head_edge.far_grain import FarGrain
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.sliders import Sliders

PORTRAITS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "portraits"


def far_streaks(frame: np.ndarray, landmarks: np.ndarray, skin: object, side: int, size: float) -> float:
    """`cheek_streaks` on the photo's far side `side` (+1: right) of `frame` with its `landmarks`; skin and size
    unread (the signature of the other `FIGURES`)."""
    return cheek_streaks(frame, landmarks, side_towards(landmarks, side))


FIGURES = {"grey_slivers": grey_slivers, "far_tear": far_tear, "jaw_crease": jaw_crease, "flat_cheek": flat_cheek,
           "flat_jaw": partial(flat_cheek, below=True), "cheek_streaks": far_streaks}
OFF = {"fold": (layers, "unfold_rows", lambda *_: None), "grain": (FarGrain, "regrain", lambda *_: None)}
"""What "before" switches off: the fold's redraw (`far_fold.unfold_rows`) or only its grain (`far_grain`)."""


def rows(name: str, frames: list[int], longer: int | None, off: str = "fold") -> list[str]:
    """Markdown rows for one portrait at `longer` px (its longer side; None: its own size): each figure at yaw +25 /
    -25, the combined edit (`--yaw 30 --pitch 20 --mouth-open 1 --smile 1`) and preset:turn `frames`, before with
    `OFF[off]` switched off."""
    source = resize_source(load_source(str(next(PORTRAITS.glob(f"{name}.*")))), longer)
    lm = source.landmarks
    skin, side, size = skin_model(source.image, lm), far_side(lm), face_size(lm)
    editor = StillEditor(source)
    turn = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    edits = [(f"yaw {y:+d}", editor.target(Sliders(yaw=y))) for y in (25, -25)]
    edits.append(("combined", editor.target(Sliders(yaw=30, pitch=20, mouth_open=1, smile=1))))
    edits += [(f"turn {k}", turn[k]) for k in frames]
    out = []
    for label, target in edits:
        reads = {figure: [] for figure in FIGURES}
        for mend in (False, True):
            with nullcontext() if mend else mock.patch.object(*OFF[off]):
                frame = editor.animator.map_frame(target)
                pixels = editor.animator.draw(frame)
            for figure, read in FIGURES.items():
                reads[figure].append(read(pixels, frame.target, skin, side, size))
        for figure, (before, now) in reads.items():
            repeated = FIGURES[figure](source.image, lm, skin, side, size)
            out.append(f"| {name} | {label} | {figure} | {repeated:.2f} | {before:.2f} | {now:.2f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portraits", default="sr_18,sr_4,sr_8,lp_s12", help="names in ../shared/data/portraits")
    parser.add_argument("--frames", default="10,13,16,19", help="preset:turn (2 s) frames, comma-separated")
    parser.add_argument("--size", type=int, default=512, help="longer side px; 0: each portrait's own size")
    parser.add_argument("--off", choices=sorted(OFF), default="fold", help="what the before column switches off")
    args = parser.parse_args()
    frames = [int(k) for k in args.frames.split(",")]
    print("| portrait | edit | figure | source repeated | before | now |")
    print("|---|---|---|---|---|---|")
    for name in args.portraits.split(","):
        print("\n".join(rows(name, frames, args.size or None, args.off)))


if __name__ == "__main__":
    main()
