"""Slivers beside the jaw corners under real motion (issue #9): the `jaw_slivers` figure per portrait and
driver, beside the do-nothing baseline, and contact sheets of the jaw corners.

Each portrait of `neck_sheets.PORTRAITS` (or --portraits, which may name astronaut and grace_hopper too) is
driven by lp_d12 (its whole 7.3 s: the slivers of lp_s5 show in frames 78-182), preset:turn (6 s) and lp_d3
(6 s; or --drivers), tracked once (cached under --cache),
retargeted as `facereel animate` does, rendered in memory. Two steps, so that any version of the engine
can be rendered and all are read the same way:

- `render`: with the engine first on PYTHONPATH (any version), saves per video the frames' region around
  the chin (`neck_sheets.region`, uint8) to `<out>/<label>/<portrait>__<driver>.npz`.
- `score`: with this version first on PYTHONPATH, reads one or more labels' folders and prints a Markdown
  table (max / mean over the frames of `jaw_slivers.jaw_slivers` and of `cut_hair.cut_hair`, the hair cut
  and left behind, the portrait's hair read with this version's head mask; the source repeated first: 0
  by definition), and writes per portrait and driver a sheet of both jaw corners (`<out>/sheets/`): per
  label two rows (the corners), the frames with the most slivers for the first and the last label and
  evenly spaced ones, the same frames in every row, the sliver pixels outlined in magenta, the cut hair
  in cyan.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/jaw_slivers.py render --label before [--drivers lp_d12,turn]
     PYTHONPATH=src .venv/bin/python bench/jaw_slivers.py score --labels before,after [-o bench-out/jaw]
"""

from __future__ import annotations

import argparse

import cv2
import imageio.v3 as iio
import numpy as np
from neck_sheets import arguments, face_size, labelled_runs, portrait_image, print_tables, region
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
    for driver in args.drivers.split(","):
        seconds = DRIVERS[driver]
        if driver == "turn":
            motions[driver] = preset_motion("turn", seconds)
        else:
            motions[driver] = extract_motion(frames_and_track(SHARED / "driving" / f"{driver}.mp4", seconds, args.cache)[1])
    for name in args.portraits.split(","):
        image = portrait_image(name)
        lm = track_image(image).landmarks[0]
        x0, y0, x1, y1 = region(lm, image.shape)
        for driver, motion in motions.items():
            targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
            animator = MeshAnimator(image, lm)
            frames = np.stack([animator.render(t)[y0:y1, x0:x1] for t in targets])
            np.savez_compressed(folder / f"{name}__{driver}.npz", frames=frames, targets=targets, landmarks=lm,
                                box=(x0, y0, x1, y1))
            print(f"{args.label} {name} {driver}: {len(frames)} frames", flush=True)


def _corner_tile(frame: np.ndarray, marks: tuple[np.ndarray, np.ndarray], centre: np.ndarray, half: float,
                 text: str) -> np.ndarray:
    """A TILE x TILE view of `frame` ((H, W, 3) uint8) round `centre` (2,) px, `half` px either side, with the
    sliver pixels and the cut hair ((H, W) bool each) outlined in magenta and cyan."""
    pad = int(np.ceil(half)) + 2
    big = np.pad(frame, ((pad, pad), (pad, pad), (0, 0)))
    x, y = np.round(centre).astype(int) + pad
    h = int(round(half))
    tile = cv2.resize(big[y - h:y + h, x - h:x + h], (TILE, TILE), interpolation=cv2.INTER_NEAREST)
    for mark, colour in zip(marks, ((255, 0, 255), (0, 255, 255))):
        small = cv2.resize(np.pad(mark, pad).astype(np.uint8)[y - h:y + h, x - h:x + h], (TILE, TILE),
                           interpolation=cv2.INTER_NEAREST)
        tile[cv2.morphologyEx(small, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0] = colour
    cv2.putText(tile, text, (2, 11), cv2.FONT_HERSHEY_SIMPLEX, 0.33, (255, 255, 0), 1, cv2.LINE_AA)
    return tile


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.figures.cut_hair import cut_hair_mask, photo_hair
    from facereel.engines.mesh.figures.jaw_slivers import CORNERS, jaw_sliver_mask

    labels = args.labels.split(",")
    rows: dict[str, list[str]] = {}
    for name, driver, image, runs in labelled_runs(args.output, labels):
        lm = runs[labels[0]]["landmarks"]
        hair = photo_hair(image, lm)

        x0, y0, x1, y1 = (int(v) for v in runs[labels[0]]["box"])
        rendered = np.zeros(image.shape[:2], bool)
        rendered[y0:y1, x0:x1] = True  # beyond the saved region the frame is the photo: no hair is cut there

        def read(frame: np.ndarray, target: np.ndarray) -> tuple[float, float, np.ndarray, np.ndarray]:
            """The jaw_slivers and cut_hair figures of a frame and their pixels, (H, W) bool each."""
            out = []
            for k, (found, looked, (bx, by)) in enumerate((jaw_sliver_mask(frame, image, lm, target),
                                                           cut_hair_mask(frame, image, hair, lm, target))):
                full, seen = np.zeros((2,) + frame.shape[:2], bool)
                full[by:by + found.shape[0], bx:bx + found.shape[1]] = found
                seen[by:by + found.shape[0], bx:bx + found.shape[1]] = looked
                if k == 1:
                    full, seen = full & rendered, seen & rendered
                out.append((float(full.sum() / max(1, seen.sum())), full))
            return out[0][0], out[1][0], out[0][1], out[1][1]

        base = np.array([read(image, t)[:2] for t in runs[labels[0]]["targets"]])
        cells = [f"{base[:, 0].max():.4f} / {base[:, 0].mean():.4f} | {base[:, 1].max():.4f} / {base[:, 1].mean():.4f}"]
        per_label = {}
        for label, run in runs.items():
            x0, y0, x1, y1 = (int(v) for v in run["box"])
            frames, figures, cuts, masks = [], [], [], []
            for crop, target in zip(run["frames"], run["targets"]):
                frame = image.copy()
                frame[y0:y1, x0:x1] = crop
                figure, cut, sliver, left = read(frame, target)
                frames.append(frame), figures.append(figure), cuts.append(cut), masks.append((sliver, left))
            per_label[label] = frames, np.array(figures), masks
            cells.append(f"{max(figures):.4f} / {np.mean(figures):.4f} | {max(cuts):.4f} / {np.mean(cuts):.4f}")
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
    print_tables(rows, "slivers max / mean | cut hair max / mean",
                 [f"{label}: slivers max / mean | cut hair max / mean" for label in labels])


def main() -> None:
    parser = arguments(__doc__, "bench-out/jaw")
    parser.add_argument("--drivers", default=",".join(DRIVERS), help="render these of " + ",".join(DRIVERS))
    args = parser.parse_args()
    render(args) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
