"""Slivers beside the jaw corners under real motion (issue #9): the `jaw_slivers` figure per portrait and
driver, beside the do-nothing baseline, and contact sheets of the jaw corners.

Each portrait of `neck_sheets.PORTRAITS` (or --portraits) is driven by lp_d12 (its whole 7.3 s: the slivers of
lp_s5 show in frames 78-182), preset:turn (6 s) and lp_d3 (6 s), tracked once (cached under --cache),
retargeted as `facereel animate` does, rendered in memory. Two steps, so that any version of the engine
can be rendered and all are read the same way:

- `render`: with the engine first on PYTHONPATH (any version), saves per video the frames' region around
  the chin (`neck_sheets.region`, uint8) to `<out>/<label>/<portrait>__<driver>.npz`.
- `score`: with this version first on PYTHONPATH, reads one or more labels' folders and prints a Markdown
  table (max / mean of `jaw_slivers.jaw_slivers` over the frames, the source repeated first: 0 by
  definition), and writes per portrait and driver a sheet of both jaw corners (`<out>/sheets/`): per
  label two rows (the corners), the frames with the most slivers for the first and the last label and
  evenly spaced ones, the same frames in every row, the sliver pixels outlined in magenta.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/jaw_slivers.py render --label before
     PYTHONPATH=src .venv/bin/python bench/jaw_slivers.py score --labels before,after [-o bench-out/jaw]
"""

from __future__ import annotations

import argparse

import cv2
import imageio.v3 as iio
import numpy as np
from neck_sheets import arguments, face_size, labelled_runs, print_tables, region
from self_reenact_loop import SHARED, frames_and_track

from facereel.face.tracking import track_image
from facereel.motion.extract import extract_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

DRIVERS = {"lp_d12": 7.4, "turn": 6.0, "lp_d3": 6.0}  # seconds
TILE = 130  # px, one corner's tile in a sheet
HALF = 0.22  # face sizes: half the side of a corner's tile
WORST, EVEN = 3, 4  # tiles per row: the worst frames (of the last and first label), evenly spaced


def render(args: argparse.Namespace) -> None:
    from facereel.engines.mesh import MeshAnimator

    folder = args.output / args.label
    folder.mkdir(parents=True, exist_ok=True)
    motions = {}
    for driver, seconds in DRIVERS.items():
        if driver == "turn":
            motions[driver] = preset_motion("turn", seconds)
        else:
            motions[driver] = extract_motion(frames_and_track(SHARED / "driving" / f"{driver}.mp4", seconds, args.cache)[1])
    for name in args.portraits.split(","):
        image = np.ascontiguousarray(iio.imread(next((SHARED / "portraits").glob(f"{name}.*")))[..., :3])
        lm = track_image(image).landmarks[0]
        x0, y0, x1, y1 = region(lm, image.shape)
        for driver, motion in motions.items():
            targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
            animator = MeshAnimator(image, lm)
            frames = np.stack([animator.render(t)[y0:y1, x0:x1] for t in targets])
            np.savez_compressed(folder / f"{name}__{driver}.npz", frames=frames, targets=targets, landmarks=lm,
                                box=(x0, y0, x1, y1))
            print(f"{args.label} {name} {driver}: {len(frames)} frames", flush=True)


def _corner_tile(frame: np.ndarray, sliver: np.ndarray, centre: np.ndarray, half: float, text: str) -> np.ndarray:
    """A TILE x TILE view of `frame` ((H, W, 3) uint8) round `centre` (2,) px, `half` px either side, with the
    sliver pixels ((H, W) bool) outlined."""
    pad = int(np.ceil(half)) + 2
    big = np.pad(frame, ((pad, pad), (pad, pad), (0, 0)))
    marks = np.pad(sliver, pad).astype(np.uint8)
    x, y = np.round(centre).astype(int) + pad
    h = int(round(half))
    tile = cv2.resize(big[y - h:y + h, x - h:x + h], (TILE, TILE), interpolation=cv2.INTER_NEAREST)
    small = cv2.resize(marks[y - h:y + h, x - h:x + h], (TILE, TILE), interpolation=cv2.INTER_NEAREST)
    tile[cv2.morphologyEx(small, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0] = (255, 0, 255)
    cv2.putText(tile, text, (2, 11), cv2.FONT_HERSHEY_SIMPLEX, 0.33, (255, 255, 0), 1, cv2.LINE_AA)
    return tile


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.jaw_slivers import CORNERS, jaw_sliver_mask

    labels = args.labels.split(",")
    rows: dict[str, list[str]] = {}
    for name, driver, image, runs in labelled_runs(args.output, labels):
        lm = runs[labels[0]]["landmarks"]

        def read(frame: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
            new, looked, (bx, by) = jaw_sliver_mask(frame, image, lm, target)
            full = np.zeros(frame.shape[:2], bool)
            full[by:by + new.shape[0], bx:bx + new.shape[1]] = new
            return float(new.sum() / max(1, looked.sum())), full

        base = [read(image, t)[0] for t in runs[labels[0]]["targets"]]
        cells = [f"{max(base):.4f} / {np.mean(base):.4f}"]
        per_label = {}
        for label, run in runs.items():
            x0, y0, x1, y1 = (int(v) for v in run["box"])
            frames, figures, masks = [], [], []
            for crop, target in zip(run["frames"], run["targets"]):
                frame = image.copy()
                frame[y0:y1, x0:x1] = crop
                figure, mask = read(frame, target)
                frames.append(frame), figures.append(figure), masks.append(mask)
            per_label[label] = frames, np.array(figures), masks
            cells.append(f"{max(figures):.4f} / {np.mean(figures):.4f}")
        rows.setdefault(driver, []).append(f"| {name} | " + " | ".join(cells) + " |")
        picks: list[int] = []
        for label in (labels[-1], labels[0]):
            picks += [int(k) for k in np.argsort(-per_label[label][1]) if int(k) not in picks][:WORST // 2 + 1]
        n = len(per_label[labels[0]][1])
        picks = picks[:WORST] + [k for k in np.linspace(0, n - 1, EVEN + 2).astype(int)[1:-1] if k not in picks]
        half = HALF * face_size(lm)
        sheet = []
        for label in labels:
            frames, figures, masks = per_label[label]
            for corner in CORNERS:
                tiles = []
                for k in picks:
                    target = runs[label]["targets"][k]
                    centre = target[corner[0], :2] + (0.0, 0.3 * half)
                    tiles.append(_corner_tile(frames[k], masks[k], centre, half, f"{label} f{k} {figures[k]:.3f}"))
                sheet.append(np.concatenate(tiles, 1))
        iio.imwrite(args.output / "sheets" / f"{name}__{driver}.png", np.concatenate(sheet, 0))
    print_tables(rows, "max / mean", [f"{label}: max / mean" for label in labels], 1)


def main() -> None:
    args = arguments(__doc__, "bench-out/jaw").parse_args()
    render(args) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
