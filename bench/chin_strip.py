"""The doubled jaw line at 512 px (issue #9): the photo's own jaw edge kept in the plate under the chin
(`HeadMask.photo`) left beside the moved jaw; mended by `plate_fill.chin_strip`. Reads `figures.far_tear.jaw_crease`
(thin non-skin gaps across the jaw, on either side) and `figures.far_tear.jaw_ridges` (thin lines across the neck
below the drawn jaw) for `facereel edit` sliders, each drawn alone by the edit's engine, as `StillEditor` draws a
still.

Prints one Markdown row per portrait, edit and figure: the source repeated (the baseline: the photo with its own
landmarks), the engine before (`chin_strip` switched off in this process) and now.

Run: PYTHONPATH=src .venv/bin/python bench/chin_strip.py --edits sr_18:yaw=25,lp_s1:roll=20
"""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

import numpy as np

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh import layers
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_tear import jaw_crease, jaw_ridges, skin_model
from facereel.motion.sliders import Sliders

PORTRAITS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "portraits"


def figures(pixels: np.ndarray, landmarks: np.ndarray, skin: tuple[np.ndarray, np.ndarray], size: float,
            editor: StillEditor) -> dict[str, float]:
    """The figures of one frame ((H, W, 3) uint8, (478, 2+) px) as `editor` last drew it: `jaw_crease` summed over
    both sides and `jaw_ridges`."""
    crease = sum(jaw_crease(pixels, landmarks, skin, side, size) for side in (-1, 1))
    origin = tuple(int(v) for v in editor.animator.box[:2])
    return {"jaw_crease": crease,
            "jaw_ridges": jaw_ridges(pixels, landmarks, editor.animator.drawn_alpha(), origin, skin, size)}


def rows(name: str, edit: dict[str, float]) -> list[str]:
    """Markdown rows for one portrait and one edit."""
    source = resize_source(load_source(str(next(PORTRAITS.glob(f"{name}.*")))), 512)
    lm = source.landmarks
    skin, size = skin_model(source.image, lm), face_size(lm)
    reads = []
    for mend in (False, True):
        with nullcontext() if mend else mock.patch.object(layers, "strip_step", lambda *_: None):
            editor = StillEditor(source)
            frame = editor.animator.map_frame(editor.target(Sliders(**edit)))
            pixels = editor.animator.draw(frame)
            reads.append(figures(pixels, frame.target, skin, size, editor))
    repeated = figures(source.image, lm, skin, size, StillEditor(source))
    label = " ".join(f"{k} {v:+g}" for k, v in edit.items())
    return [f"| {name} | {label} | {fig} | {repeated[fig]:.2f} | {reads[0][fig]:.2f} | {reads[1][fig]:.2f} |"
            for fig in repeated]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", default="sr_18:yaw=25,lp_s1:roll=20",
                        help="name:slider=value[:slider=value] items, comma-separated")
    args = parser.parse_args()
    print("| portrait | edit | figure | source repeated | before | now |")
    print("|---|---|---|---|---|---|")
    for item in args.edits.split(","):
        name, *sliders = item.split(":")
        edit = {k: float(v) for k, v in (s.split("=") for s in sliders)}
        print("\n".join(rows(name, edit)))


if __name__ == "__main__":
    main()
