"""A shut lid's upper-lid line left in place (`engines/mesh/figures/lid_hook.py`), beside the source repeated.

Usage: python bench/lid_hook.py [--second-line]
Portraits (longer side 512, as `animate --size 512`) with both eyes shut by the editor's lid move (each upper
lid on its lower lid) and driven by lp_d3 (its frames 57-59, both eyes shut); the public-domain astronaut and
grace_hopper photos stand in when the data set is absent. Per eye (right / left): `hook` of the engine's
frame; the source repeated reads 0 under its own landmarks and 1 under the shut ones (its line never moves).
Reference: lp_d3's own shut frames (57-59) scored against its first frame (real lids). To compare with an
older engine, run this script with that tree's src first on the path (and figures/lid_hook.py copied into it).
With --second-line, `second_line` instead of `hook` (a dark line drawn where the source has none; the source
repeated reads 0 under either landmarks).
"""

from __future__ import annotations

import argparse
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
from facereel.engines.mesh.figures.lid_hook import lid_hooks  # noqa: E402
from facereel.face import landmark_ids as ids  # noqa: E402
from facereel.motion.retarget import RetargetOptions  # noqa: E402

PORTRAITS = ("lp_s1", "lp_s5", "lp_s6", "lp_s0", "sr_18", "sr_4", "astronaut", "grace_hopper")
SHUT = (57, 58, 59)  # lp_d3's frames with both eyes shut


def shut_eyes(lm: np.ndarray) -> np.ndarray:
    """Landmarks (478, 3) px with each upper lid on its lower lid."""
    lm = lm.copy()
    for upper, lower in ((ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID), (ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID)):
        lm[list(upper)] = lm[list(lower)]
    return lm


def pair(values: list[list[float]]) -> str:
    """'right / left' means of per-frame (right, left) values."""
    right, left = np.mean(values, axis=0)
    return f"{right:.3f} / {left:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--second-line", action="store_true", help="read `second_line`, not `hook`")
    figure = "second_line" if parser.parse_args().second_line else "hook"
    print(f"{platform.machine()}, {date.today()}, {figure}\n")
    have_driver = (SHARED / "driving" / "lp_d3.mp4").exists()
    images, faces, fps = driver("lp_d3", max(SHUT) + 1) if have_driver else ([], [], 25.0)
    print("| portrait | source repeated, own landmarks | source repeated, shut landmarks | editor's shut eyes | "
          "lp_d3 frames 57-59 |")
    print("|---|---|---|---|---|")
    for name in PORTRAITS:
        image = portrait(name)
        if image is None:
            continue
        lm = source_from_image(image).landmarks
        figures = lid_hooks(image, lm)
        target = shut_eyes(lm)
        edit = MeshAnimator(image, lm).render(target)
        row = [pair([[getattr(f, figure)(image, lm) for f in figures]]),
               pair([[getattr(f, figure)(image, target) for f in figures]]),
               pair([[getattr(f, figure)(edit, target) for f in figures]])]
        if have_driver:
            driven = DrivenPortrait(image, lm, RetargetOptions(), fps)
            got = []
            for k, face in enumerate(faces):
                drive = driven.drive(face).target  # every frame, in order: the motion is smoothed
                if k in SHUT:
                    got.append([getattr(f, figure)(driven.animator.render(drive), drive) for f in figures])
            row.append(pair(got))
        print(f"| {name} | " + " | ".join(row) + " |", flush=True)
    if have_driver:
        real = lid_hooks(images[0], faces[0])
        print(f"\nlp_d3's own shut lids (frames {SHUT[0]}-{SHUT[-1]} against its first frame): "
              f"{pair([[getattr(f, figure)(images[k], faces[k]) for f in real] for k in SHUT])}")


if __name__ == "__main__":
    main()
