"""Neck skin turned rigidly with the head (issue #9): the `rigid_neck` figure per portrait on preset:turn.

The side of the neck below the ear (sr_18) and the nape behind the jaw (sr_4) were head layer: turned with
the head they showed as a skin shelf with a jagged lower edge or a pale triangle behind the ear. The
figure (`rigid_neck.rigid_neck`): the head layer's skin below the jaw angles outside the face oval (face
sizes^2) times how far the jaw angles move (face sizes), per frame of preset:turn (2 s, retargeted as
`facereel animate` does); the source repeated reads 0 by definition. Two steps, so that any version of the
engine can be read the same way:

- `masks`: with the engine first on PYTHONPATH (any version), saves per portrait the head layer's rigid
  part (`MeshAnimator.mask.head` less the hanging hair, which follows the head's rigid motion only on big
  turns), its crop and origin, the landmarks and the turn's targets to `<out>/<label>/<portrait>.npz`.
- `score`: with this version first on PYTHONPATH, prints a Markdown table (mean / max over the frames per
  label, the source repeated first) and writes per portrait the source with the neck skin found in magenta
  (`<out>/sheets/<portrait>.png`, one tile per label).

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/rigid_neck.py masks --label before
     PYTHONPATH=src .venv/bin/python bench/rigid_neck.py score --labels before,after [-o bench-out/rigid-neck]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = ("sr_18", "sr_4", "lp_s1", "lp_s5", "lp_s0", "astronaut", "grace_hopper")
SECONDS = 2.0  # preset:turn's length


def masks(args: argparse.Namespace) -> None:
    folder = args.output / args.label
    folder.mkdir(parents=True, exist_ok=True)
    for name, image in portraits():
        if name not in args.portraits.split(","):
            continue
        lm = track_image(image).landmarks[0]
        animator = MeshAnimator(image, lm)
        rigid = animator.mask.head * (1 - animator.mask.hanging)
        x0, y0 = animator.origin.astype(int)
        crop = image[y0:y0 + rigid.shape[0], x0:x0 + rigid.shape[1]]
        targets = retarget(lm, preset_motion("turn", SECONDS), RetargetOptions(smoothing=None, translate=True))
        np.savez_compressed(folder / f"{name}.npz", rigid=rigid, crop=crop, origin=animator.origin, lm=lm,
                            targets=targets)


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.figures.rigid_neck import neck_skin, rigid_neck  # this version's (`masks` runs any)

    labels = args.labels.split(",")
    (args.output / "sheets").mkdir(parents=True, exist_ok=True)
    print("| portrait | source repeated | " + " | ".join(labels) + " |")
    print("|---" * (len(labels) + 2) + "|")
    for path in sorted((args.output / labels[0]).glob("*.npz")):
        runs = {label: np.load(args.output / label / path.name) for label in labels}
        cells, tiles = [], []
        for label, run in runs.items():
            values = [rigid_neck(run["crop"], run["rigid"], run["lm"], target, run["origin"]) for target in run["targets"]]
            cells.append(f"{np.mean(values):.4f} / {np.max(values):.4f}")
            skin = neck_skin(run["crop"], run["rigid"], run["lm"], run["origin"])
            tile = run["crop"].astype(np.float32)
            tile += skin[..., None] * (np.array([255.0, 0, 255]) - tile)
            tiles.append(cv2.resize(tile.astype(np.uint8), (400, round(400 * tile.shape[0] / tile.shape[1]))))
        first = runs[labels[0]]
        baseline = rigid_neck(first["crop"], first["rigid"], first["lm"], first["lm"], first["origin"])
        print(f"| {path.stem} | {baseline:.4f} | " + " | ".join(cells) + " |")
        height = min(t.shape[0] for t in tiles)
        iio.imwrite(args.output / "sheets" / f"{path.stem}.png", np.concatenate([t[:height] for t in tiles], 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("masks", "score"))
    parser.add_argument("--label", default="now")
    parser.add_argument("--labels", default="now")
    parser.add_argument("--portraits", default=",".join(PORTRAITS))
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/rigid-neck"))
    args = parser.parse_args()
    masks(args) if args.step == "masks" else score(args)


if __name__ == "__main__":
    main()
