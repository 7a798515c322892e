"""The synthetic teeth in the light of the photo's own teeth (`engines/mesh/figures/teeth_band.py`'s `rows_apart`).

Usage: python bench/lower_teeth_light.py [--portraits sr_8,sr_18] [--frames 20-30] [--step 2]
Portraits (own size) driven by preset:laugh over 2 s (as `facereel animate -d preset:laugh` runs it), mesh engine,
synthetic interior; every `--step`th frame of `--frames`. Columns, mean (max) over those frames: `rows_apart`, the
lower teeth's (a*, b*) distance from the upper teeth's, for the source repeated (its own opening: the band under its
teeth is lip), the engine before (the synthetic teeth lit from the skin's light alone, `teeth_colour(skin, lip)`) and
now; the lower row's L* and chroma before / now; `teeth_band`'s grey before / now.
"""

from __future__ import annotations

import argparse
import dataclasses
import platform
from datetime import date

import numpy as np
from mouth_surroundings import _image

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.teeth_band import rows_apart, rows_lab, teeth_band
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour
from facereel.engines.mesh.open_mouth.mouth_synthetic import teeth_colour
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _reads(animator: MeshAnimator, targets: list[np.ndarray]) -> np.ndarray:
    """(F, 4) per target: rows_apart, the lower row's L* and (a*, b*) chroma, teeth_band's grey (NaN: none read)."""
    rows = []
    for t in targets:
        frame = animator.render(t)
        lab = rows_lab(frame, t)
        lower = (np.nan, np.nan) if lab is None else (lab[1][0], np.linalg.norm(lab[1][1:]))
        rows.append((rows_apart(frame, t) or np.nan, *lower, teeth_band(frame, t)[1]))
    return np.array(rows, float)


def _skin_lit(animator: MeshAnimator, image: np.ndarray, lm: np.ndarray) -> MeshAnimator:
    """`animator` with its synthetic teeth lit from the skin's light alone (the engine before)."""
    colours = animator.mouth.colours
    animator.mouth.colours = dataclasses.replace(colours, teeth=teeth_colour(colours.skin, lip_colour(image, lm)))
    return animator


def _cell(*columns: np.ndarray) -> str:
    """A table cell: "mean (max)" of each column, NaN skipped, joined by " / "."""
    return " / ".join(f"{np.nanmean(c):.1f} ({np.nanmax(c):.1f})" if np.isfinite(c).any() else "-" for c in columns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="sr_8,sr_18")
    parser.add_argument("--frames", default="20-30")
    parser.add_argument("--step", type=int, default=2)
    args = parser.parse_args()
    first, last = map(int, args.frames.split("-"))
    print(f"bench/lower_teeth_light.py --portraits {args.portraits} --frames {args.frames} --step {args.step}; "
          f"{platform.node()} {platform.processor() or platform.machine()}, {date.today()}")
    print("| portrait | rows_apart source / before / now | lower L* before / now | lower chroma before / now "
          "| grey before / now |")
    print("|---|---|---|---|---|")
    for name in args.portraits.split(","):
        image = _image(name)
        lm = track_image(image).landmarks[0]
        targets = retarget(lm, preset_motion("laugh", 2.0), RetargetOptions().for_engine("mesh"))
        targets = targets[first:last + 1:args.step]
        options = MeshOptions(mouth_interior="synthetic")
        before = _reads(_skin_lit(MeshAnimator(image, lm, options), image, lm), targets)
        now = _reads(MeshAnimator(image, lm, options), targets)
        source = np.array([rows_apart(image, lm, 0.0) or np.nan])
        print(f"| {name} | {_cell(source, before[:, 0], now[:, 0])} | {_cell(before[:, 1], now[:, 1])} | "
              f"{_cell(before[:, 2], now[:, 2])} | {_cell(before[:, 3], now[:, 3])} |")


if __name__ == "__main__":
    main()
