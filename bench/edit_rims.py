"""Two outline artefacts of a still edit at 512 px (issue #9): the dark rim where a raised chin's outline meets the
moved neck (`figures.outline_rim`, grey levels; mended by `layers.outline_rim`) and the near cheek's rim shadow
opened into a band by a turn towards it (`figures.rim_band.shadow_width`, px a row; mended by `rim_shadow.shaded`).

Prints one Markdown row per portrait and slider: the source repeated (the baseline), the engine before (the mend
switched off in this process) and now.

Run: PYTHONPATH=src .venv/bin/python bench/edit_rims.py --portraits lp_s3,lp_s1,lp_s0
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager, nullcontext
from pathlib import Path
from unittest import mock

import numpy as np

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh import layers
from facereel.engines.mesh.figures.outline_rim import outline_rim
from facereel.engines.mesh.figures.rim_band import shadow_width
from facereel.engines.mesh.geometry import rim_shadow
from facereel.motion.sliders import Sliders

PORTRAITS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "portraits"


@contextmanager
def before(figure: str):
    """The engine without the figure's mend (`outline_rim`: the head's colour unbounded over the neck; `rim_band`:
    the rim marked by its colour distance alone)."""
    if figure == "outline_rim":
        with mock.patch.object(layers, "outline_rim", lambda *_: None):
            yield
    else:
        with mock.patch.object(rim_shadow, "shaded", lambda lab, _: np.zeros(lab.shape[:2], bool)):
            yield


def rows(name: str) -> list[str]:
    """Markdown rows for one portrait: outline_rim at pitch -10/-15/-20, shadow_width at yaw 25/35."""
    path = next(PORTRAITS.glob(f"{name}.*"))
    source = resize_source(load_source(str(path)), 512)
    out = []
    for figure, slider, values in (("outline_rim", "pitch", (-10, -15, -20)), ("rim_band", "yaw", (25, 35))):
        for value in values:
            reads = []
            for mend in (False, True):
                with before(figure) if not mend else nullcontext():
                    editor = StillEditor(source)
                    if figure == "outline_rim":
                        repeated = outline_rim(source.image, editor.animator)
                    target = editor.target(Sliders(**{slider: value}))
                    frame = editor.animator.render(target)
                    if figure == "outline_rim":
                        reads.append(outline_rim(frame, editor.animator))
                    else:
                        drawn = editor.animator.map_frame(target).target
                        reads.append(shadow_width(source.image, source.landmarks, frame, drawn))
                        repeated = shadow_width(source.image, source.landmarks, source.image, source.landmarks)
            out.append(f"| {name} | {figure} | {slider} {value} | {repeated:.3f} | {reads[0]:.3f} | {reads[1]:.3f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portraits", default="lp_s3,lp_s1,lp_s0", help="names in ../shared/data/portraits")
    args = parser.parse_args()
    print("| portrait | figure | edit | source repeated | before | now |")
    print("|---|---|---|---|---|---|")
    for name in args.portraits.split(","):
        print("\n".join(rows(name)))


if __name__ == "__main__":
    main()
