"""Wisps along the jaw line under real motion (issue #9): the `jaw_wisps` figure (and `jaw_slivers` beside
it) per portrait and driver, beside the do-nothing baseline.

Each portrait (--portraits; astronaut and grace_hopper name the public-domain faces) is scaled to a longer
side of 512 px (as `facereel animate --size 512`), tracked, and driven by lp_d3 (every 2nd of its first 60
frames: sr_18's wisps show in frames 8-16) and by preset:turn (4 s: its yaw and pitch extremes and diagonals,
frames 12-87 as bench/turn_sheets.py), retargeted as `facereel animate` does, rendered in memory. Two steps,
so that any version of the engine can be rendered and all are read the same way:

- `render`: with the engine first on PYTHONPATH (any version), saves per video the frames, the targets, the
  scaled portrait and its landmarks to `<out>/<label>/<portrait>__<driver>.npz`.
- `score`: with this version first on PYTHONPATH, reads one or more labels' folders and prints a Markdown
  table per driver: max / mean over the frames of `jaw_wisps` and the mean of `jaw_slivers` (the source
  repeated first: 0 by definition, computed the same way).

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/jaw_wisps.py render --label before
     PYTHONPATH=src .venv/bin/python bench/jaw_wisps.py score --labels before,after [-o bench-out/wisps]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence

import cv2
import numpy as np
from neck_sheets import arguments, portrait_image, print_tables
from self_reenact_loop import SHARED, frames_and_track

from facereel.face.tracking import track_image
from facereel.motion.extract import extract_motion
from facereel.motion.motion import Motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = "sr_18,lp_s1,lp_s0,grace_hopper,sr_4"
SIZE = 512  # px, the portrait's longer side
LP_D3 = range(0, 60, 2)  # lp_d3's frames rendered (of its first 6 s)
TURN = (12, 25, 37, 50, 62, 75, 87)  # preset:turn's frames rendered (of 100)


def motions(args: argparse.Namespace) -> dict[str, tuple[Motion, Sequence[int]]]:
    """This benchmark's drivers: by name, the motion and the frames rendered of it."""
    return {"lp_d3": (extract_motion(frames_and_track(SHARED / "driving" / "lp_d3.mp4", 6.0, args.cache)[1]), LP_D3),
            "turn": (preset_motion("turn", 4.0), TURN)}


def render(args: argparse.Namespace, drivers: dict[str, tuple[Motion, Sequence[int]]] | None = None) -> None:
    """Renders each portrait on each of `drivers` (default: `motions`) and saves them under the label."""
    from facereel.engines.mesh import MeshAnimator, MeshOptions

    folder = args.output / args.label
    folder.mkdir(parents=True, exist_ok=True)
    options = RetargetOptions().for_engine("mesh")
    motions_of = drivers if drivers is not None else motions(args)
    for name in args.portraits.split(","):
        image = portrait_image(name)
        lm = track_image(image).landmarks[0]
        k = SIZE / max(image.shape[:2])
        image = cv2.resize(image, (round(image.shape[1] * k), round(image.shape[0] * k)),
                           interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_CUBIC)
        lm = lm * np.float32(k)
        animator = MeshAnimator(image, lm, MeshOptions().with_limits(options))
        for driver, (motion, picks) in motions_of.items():
            targets = np.asarray(retarget(lm, motion, options))[list(picks)]
            frames = np.stack([animator.render(t) for t in targets])
            np.savez_compressed(folder / f"{name}__{driver}.npz", frames=frames, targets=targets, landmarks=lm,
                                image=image)
            print(f"{args.label} {name} {driver}: {len(frames)} frames", flush=True)


def saved_runs(args: argparse.Namespace) -> Iterator[tuple[str, str, np.ndarray, np.ndarray, np.ndarray, list]]:
    """Per video `render` saved: portrait, driver, the scaled portrait, its landmarks, the targets and each of
    `--labels`' saved arrays (frames, ...)."""
    labels = args.labels.split(",")
    for path in sorted((args.output / labels[0]).glob("*.npz")):
        runs = [np.load(args.output / label / path.name) for label in labels]
        name, driver = path.stem.split("__")
        yield name, driver, runs[0]["image"], runs[0]["landmarks"], runs[0]["targets"], runs


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.figures.jaw_slivers import jaw_slivers
    from facereel.engines.mesh.figures.jaw_wisps import jaw_wisps

    rows: dict[str, list[str]] = {}
    for name, driver, image, lm, targets, runs in saved_runs(args):
        base = [jaw_wisps(image, image, lm, t) for t in targets]
        cells = [f"{max(base):.4f} / {np.mean(base):.4f}"]
        for run in runs:
            wisps = [jaw_wisps(f, image, lm, t) for f, t in zip(run["frames"], targets)]
            slivers = [jaw_slivers(f, image, lm, t) for f, t in zip(run["frames"], targets)]
            cells.append(f"{max(wisps):.4f} / {np.mean(wisps):.4f} | {np.mean(slivers):.4f}")
        rows.setdefault(driver, []).append(f"| {name} | " + " | ".join(cells) + " |")
    labels = args.labels.split(",")
    print_tables(rows, "wisps max / mean", [f"{label}: wisps max / mean | slivers mean" for label in labels])


def main() -> None:
    parser = arguments(__doc__, "bench-out/wisps")
    parser.set_defaults(portraits=PORTRAITS)
    args = parser.parse_args()
    render(args) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
