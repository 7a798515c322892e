"""A half-closed lid's edge (`engines/mesh/figures/lash_line.py`), beside the source repeated.

Usage: python bench/lash_line.py
Portraits (longer side 512, as `animate --size 512`) driven by lp_d3 (its frames 74-100: both lids half
closed; the clip's first 101 frames driven, those rendered) and with both upper lids lowered half way by the
editor (each upper lid at half its gap above the lower lid); the public-domain grace_hopper photo stands in
when the data set is absent. Per eye (right / left): the mean `fade` (0: the lid's edge as dark as the
source's open eye's, 1: as light as its lid skin); the source repeated (its own landmarks) reads 0; then the
lid band's `light` and the eyeball's `shadow` under its edge (`LashLine.band`, over the photo's lid skin;
beside the source repeated's). To compare
with an older engine, run this script with that tree's src first on the path (and figures/lash_line.py copied
into it).
"""

from __future__ import annotations

import platform
import sys
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from closed_lids import driver  # noqa: E402
from lash_smear import SHARED, portrait  # noqa: E402

from facereel.animate.inputs import source_from_image  # noqa: E402
from facereel.engines.mesh import MeshAnimator  # noqa: E402
from facereel.engines.mesh.driven import DrivenPortrait  # noqa: E402
from facereel.engines.mesh.figures.lash_line import lash_lines  # noqa: E402
from facereel.face import landmark_ids as ids  # noqa: E402
from facereel.motion.retarget import RetargetOptions  # noqa: E402

PORTRAITS = ("lp_s5", "lp_s12", "lp_s1", "sr_18", "grace_hopper")
HALF = range(74, 101)  # lp_d3's frames with both lids half closed


def half_closed(lm: np.ndarray) -> np.ndarray:
    """Landmarks (478, 3) px with each upper lid at half its gap above its lower lid."""
    lm = lm.copy()
    for upper, lower in ((ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID), (ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID)):
        lm[list(upper)] = lm[list(lower)] + 0.5 * (lm[list(upper)] - lm[list(lower)])
    return lm


def main() -> None:
    print(f"{platform.machine()}, {date.today()}, lp_d3 frames {HALF.start}-{HALF.stop - 1}\n")
    print("| portrait | source repeated | lp_d3 74-100: fade right / left | half closed by the editor: right / left |"
          " band light, shadow r / l: source repeated | lp_d3 74-100 | editor |")
    print("|---|---|---|---|---|---|---|")
    drives = (SHARED / "driving" / "lp_d3.mp4").exists()
    _, faces, fps = driver("lp_d3", HALF.stop) if drives else ([], [], 25.0)
    for name in PORTRAITS:
        image = portrait(name)
        if image is None:
            continue
        lm = source_from_image(image).landmarks
        figures = lash_lines(image, lm)
        own = max(abs(f.fade(image, lm)) for f in figures)
        driven = DrivenPortrait(image, lm, RetargetOptions(), fps)
        fades, bands = [], []
        for k, face in enumerate(faces):
            target = driven.drive(face).target
            if k in HALF:
                out = driven.animator.render(target)
                fades.append([f.fade(out, target) for f in figures])
                bands.append([f.band(out, target) for f in figures])
        target = half_closed(lm)
        out = MeshAnimator(image, lm).render(target)
        edited = [f.fade(out, target) for f in figures]
        clip = " / ".join(f"{v:.2f}" for v in np.mean(fades, 0)) if fades else "-"
        print(f"| {name} | {own:.2f} | {clip} | {edited[0]:.2f} / {edited[1]:.2f} | "
              f"{_band([[f.band(image, lm) for f in figures]])} | {_band(bands) if bands else '-'} | "
              f"{_band([[f.band(out, target) for f in figures]])} |", flush=True)


def _band(values: list) -> str:
    """'light, shadow r / l' of `LashLine.band`s (frames, 2 eyes, 2), meaned over the frames."""
    m = np.mean(values, 0)
    return f"{m[0, 0]:.2f}, {m[0, 1]:.2f} / {m[1, 0]:.2f}, {m[1, 1]:.2f}"


if __name__ == "__main__":
    main()
