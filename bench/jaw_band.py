"""The dark band round a turned jaw (issue #9, `jaw_band.dark_band`) on preset:turn, per portrait, beside
the do-nothing baseline, for any version of the engine.

Two steps, so that any version of the engine can be rendered and all are read the same way:

- `render`: with the engine first on PYTHONPATH, renders preset:turn (2 s, retargeted as `facereel animate`
  does) at `FRAMES` for each portrait and saves them to `<out>/<label>/<portrait>.npz`.
- `score`: with this version first on PYTHONPATH, prints per portrait the figure's mean / max over the
  frames for the source repeated (read at the source's landmarks: 0 by definition; and at the frames'
  landmarks, what the photo has where the moved outline lies) and for each label.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/jaw_band.py render --label before
     PYTHONPATH=src .venv/bin/python bench/jaw_band.py score --labels before,after
"""

from __future__ import annotations

import argparse
from pathlib import Path

import imageio.v3 as iio
import numpy as np

from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PORTRAITS = ("sr_4", "sr_18", "lp_s1", "lp_s5", "sr_8", "astronaut")
FRAMES = (6, 12, 24, 30, 36, 42, 48)  # of preset:turn's 50: both sides, turned up and down


def _portrait(name: str) -> np.ndarray:
    if name == "astronaut":
        import skimage.data

        return np.ascontiguousarray(skimage.data.astronaut())
    return np.ascontiguousarray(iio.imread(next((SHARED / "portraits").glob(f"{name}.*")))[..., :3])


def render(args: argparse.Namespace) -> None:
    from facereel.engines.mesh import MeshAnimator

    folder = args.output / args.label
    folder.mkdir(parents=True, exist_ok=True)
    for name in PORTRAITS:
        image = _portrait(name)
        lm = track_image(image).landmarks[0]
        targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
        animator = MeshAnimator(image, lm)
        frames = np.stack([animator.render(targets[k]) for k in FRAMES])
        np.savez_compressed(folder / f"{name}.npz", frames=frames, targets=targets[list(FRAMES)], landmarks=lm,
                            image=image)
        print(f"{args.label} {name}", flush=True)


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.jaw_band import dark_band

    labels = args.labels.split(",")
    print("| portrait | source repeated (own / moved landmarks) | " + " | ".join(labels) + " |")
    print("|---" * (2 + len(labels)) + "|")
    for name in PORTRAITS:
        runs = {label: np.load(args.output / label / f"{name}.npz") for label in labels}
        first = runs[labels[0]]
        image, lm = first["image"], first["landmarks"]
        own = dark_band(image, image, lm, lm)
        moved = [dark_band(image, image, lm, t) for t in first["targets"]]
        cells = [f"{own:.1f} / {np.mean(moved):.1f}"]
        for run in runs.values():
            values = [dark_band(f, image, lm, t) for f, t in zip(run["frames"], run["targets"])]
            cells.append(f"{np.mean(values):.1f} / {np.max(values):.1f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("render", "score"))
    parser.add_argument("--label", default="now")
    parser.add_argument("--labels", default="now")
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/jaw-band"))
    args = parser.parse_args()
    render(args) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
