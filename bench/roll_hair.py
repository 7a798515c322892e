"""The hair beside the jaw under a rolled head (issue #9): `facereel edit --roll` at 512 px, the `rolled_hair` (grey
levels over the moved hanging hair) and `hard_ends` (grey levels per px of the lower outline's cut) figures of the
source repeated (the baseline), the engine before (the shell's outline turned about the shell's centre, in this
process) and now (about `head_proxy.ROLL_PIVOT`). `--crops DIR` writes source | before | now of each edit (3x, the
head's lower half) as PNG there.

Run: PYTHONPATH=src .venv/bin/python bench/roll_hair.py --portraits lp_s1,lp_s0 --rolls 20,-20,10
"""

from __future__ import annotations

import argparse
from pathlib import Path
from unittest import mock

import cv2
import numpy as np
from hard_ends import portrait_path

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh import animator as mesh_animator
from facereel.engines.mesh.figures.hard_ends import hard_ends
from facereel.engines.mesh.figures.rolled_hair import rolled_hair
from facereel.engines.mesh.geometry.head_proxy import SHELL_CENTRE
from facereel.face import landmark_ids as ids
from facereel.motion.sliders import Sliders

CROP_SCALE = 3


def full_frame(part: np.ndarray, editor: StillEditor) -> np.ndarray:
    """(H, W) float32: `part` ((h, w) on the animator's crop box) laid on the portrait's frame, 0 elsewhere."""
    x0, y0, x1, y1 = editor.animator.box
    out = np.zeros(editor.source.image.shape[:2], np.float32)
    out[y0:y1, x0:x1] = part
    return out


def crops(frames: list[np.ndarray], editor: StillEditor) -> np.ndarray:
    """(h, w, 3) uint8 RGB: each frame's box round the face's lower half (from the nose down to 0.4 face heights
    below the chin, 0.5 face widths beside it) side by side, `CROP_SCALE` x."""
    lm = editor.source.landmarks[:, :2]
    (left, top), (right, bottom) = lm.min(0), lm.max(0)
    width, height = right - left, bottom - top
    h, w = frames[0].shape[:2]
    x0, x1 = int(max(left - 0.5 * width, 0)), int(min(right + 0.5 * width, w))
    y0, y1 = int(lm[ids.NOSE_TIP, 1]), int(min(bottom + 0.4 * height, h))
    return np.hstack([cv2.resize(f[y0:y1, x0:x1], None, fx=CROP_SCALE, fy=CROP_SCALE, interpolation=cv2.INTER_CUBIC)
                      for f in frames])


def rows(name: str, rolls: list[float], out: Path | None) -> list[str]:
    """Markdown rows for one portrait, one a roll."""
    source = resize_source(load_source(portrait_path(name)), 512)
    editor = StillEditor(source)
    hanging = full_frame(editor.animator.mask.hanging, editor)
    lines = []
    for roll in rolls:
        target = editor.target(Sliders(roll=roll))
        reads, frames = [], [source.image]
        for pivot in (SHELL_CENTRE, mesh_animator.ROLL_PIVOT):
            with mock.patch.object(mesh_animator, "ROLL_PIVOT", pivot):
                frame = editor.animator.render(target)
            drawn = editor.animator.map_frame(target).target
            alpha = full_frame(editor.animator.drawn_alpha(), editor)
            reads.append((rolled_hair(frame, source.image, hanging, source.landmarks, drawn),
                          hard_ends(frame, source.image, alpha, source.landmarks, drawn)))
            frames.append(frame)
        repeated = rolled_hair(source.image, source.image, hanging, source.landmarks, drawn)
        lines.append(f"| {name} | roll {roll:+g} | {repeated:.2f} | {reads[0][0]:.2f} | {reads[1][0]:.2f} | 0 | "
                     f"{reads[0][1]:.2f} | {reads[1][1]:.2f} |")
        if out is not None:
            cv2.imwrite(str(out / f"{name}_roll{roll:+g}.png"), cv2.cvtColor(crops(frames, editor), cv2.COLOR_RGB2BGR))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portraits", default="lp_s1,lp_s0,lp_s5,lp_s6,sr_18,grace_hopper")
    parser.add_argument("--rolls", default="20,-20,10")
    parser.add_argument("--crops", type=Path, default=None, help="folder for source | before | now crops")
    args = parser.parse_args()
    print("| portrait | edit | rolled_hair repeated | before | now | hard_ends repeated | before | now |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.portraits.split(","):
        print("\n".join(rows(name, [float(r) for r in args.rolls.split(",")], args.crops)), flush=True)


if __name__ == "__main__":
    main()
