"""The neck under real motion, for looking at and counting: contact sheets and neck figures per portrait.

Each portrait of ../shared/data (or --portraits) is driven by the first --seconds of a real driver
(lp_d12: the dev set's biggest real turn; tracked once, cached under --cache), by preset:turn and by a
raised chin (`chin_up`, as long), retargeted
as `facereel animate` does (the synthetic mouth: the neck is what is looked at), rendered in memory.
Two steps, so that any version of the engine can be rendered and all are read the same way:

- `render`: with the engine first on PYTHONPATH (any version), saves per video the frames' region around
  the chin and neck (uint8) to `<out>/<label>/<portrait>__<driver>.npz`, with the neck stretch where the
  engine reports it.
- `score`: with this version first on PYTHONPATH, reads one or more labels' folders and prints a Markdown
  table per driver: revealed fill, doubled edges and straight edges (`neck_health.NeckFigures`: max and
  mean over frames) and neck stretch, beside the do-nothing baseline (the source repeated: 0, 0, 0, 1 by
  definition, computed the same way), and writes a contact sheet per portrait and driver (`<out>/sheets/`): per
  label one row, the source's region then the frames with the highest revealed fill, highest doubled
  edges and evenly spaced ones (the same frames in every row), the revealed pixels outlined in magenta.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/neck_sheets.py render --label now [--neck-layer on|off] [--portraits lp_s12,lp_s1]
     PYTHONPATH=src .venv/bin/python bench/neck_sheets.py score --labels before,now [-o bench-out/neck]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import imageio.v3 as iio
import numpy as np
from markdown_table import print_markdown_table
from self_reenact_loop import SHARED, frames_and_track

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.motion.extract import extract_motion
from facereel.face.pose import rotation_from_euler
from facereel.motion.motion import Motion
from facereel.motion.presets import TURN_PIVOT, preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = ("lp_s12", "lp_s1", "sr_4", "sr_8", "lp_s0", "lp_s5")
TILE = 220  # px, width of one frame's region in a sheet
CHIN_UP, CHIN_UP_YAW = 28.0, 20.0  # deg: `chin_up`'s raised head at its highest and its turn to each side
WORST, EVEN = 4, 3  # tiles per row: the worst frames (by fill and doubled edges, of the last and first label), evenly spaced


def portrait_image(name: str) -> np.ndarray:
    """(H, W, 3) uint8 RGB: a portrait of ../shared/data by name, or a public-domain face (`astronaut`:
    skimage's, `grace_hopper`: matplotlib's sample)."""
    if name == "astronaut":
        import skimage.data

        return np.ascontiguousarray(skimage.data.astronaut())
    if name == "grace_hopper":
        from matplotlib import cbook

        return np.ascontiguousarray(iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))[..., :3])
    return np.ascontiguousarray(iio.imread(next((SHARED / "portraits").glob(f"{name}.*")))[..., :3])


def face_size(landmarks: np.ndarray) -> float:
    oval = landmarks[list(ids.FACE_OVAL), :2]
    return float((oval.max(0) - oval.min(0)).max())


def region(landmarks: np.ndarray, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) px: the chin, jaw and neck of a source, 0.75 face sizes either side of the chin,
    from 0.7 above it to 0.7 below."""
    size, (cx, cy) = face_size(landmarks), landmarks[ids.CHIN, :2]
    return (max(0, int(cx - 0.75 * size)), max(0, int(cy - 0.7 * size)),
            min(shape[1], int(cx + 0.75 * size)), min(shape[0], int(cy + 0.7 * size)))


def chin_up(seconds: float) -> Motion:
    """The head raised to `CHIN_UP` deg of pitch and back (a half sine) while it turns `CHIN_UP_YAW` deg
    to each side, about preset:turn's pivot: a large raised chin, the neck's shadowed tone's hard case."""
    motion = preset_motion("nod", seconds)
    phase = np.linspace(0, 1, len(motion.rotation), dtype=np.float32)
    rotation = np.stack([rotation_from_euler(CHIN_UP_YAW * np.sin(2 * np.pi * p), -CHIN_UP * np.sin(np.pi * p), 0.0)
                         for p in phase]).astype(np.float32)
    return replace(motion, rotation=rotation, translation=(TURN_PIVOT - rotation @ TURN_PIVOT).astype(np.float32))


def drivers(seconds: float, cache: Path) -> dict[str, object]:
    """Motions by driver name: lp_d12's first `seconds`, preset:turn and the chin raised (`chin_up`)."""
    _, track = frames_and_track(SHARED / "driving" / "lp_d12.mp4", seconds, cache)
    return {"lp_d12": extract_motion(track), "turn": preset_motion("turn", seconds), "chinup": chin_up(seconds)}


def render(args: argparse.Namespace) -> None:
    folder = args.output / args.label
    folder.mkdir(parents=True, exist_ok=True)
    motions = drivers(args.seconds, args.cache)
    for name in args.portraits.split(","):
        path = next((SHARED / "portraits").glob(f"{name}.*"))
        image = np.ascontiguousarray(iio.imread(path)[..., :3])
        lm = track_image(image).landmarks[0]
        x0, y0, x1, y1 = region(lm, image.shape)
        for driver, motion in motions.items():
            targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
            options = None if args.neck_layer is None else MeshOptions(neck_layer=args.neck_layer == "on")
            animator = MeshAnimator(image, lm, options)
            frames, stretch = [], []
            for target in targets:
                frames.append(animator.render(target)[y0:y1, x0:x1])
                stretch.append(getattr(animator, "neck_stretch", np.nan))
            np.savez_compressed(folder / f"{name}__{driver}.npz", frames=np.stack(frames), targets=targets,
                                landmarks=lm, box=(x0, y0, x1, y1), stretch=np.array(stretch))
            print(f"{args.label} {name} {driver}: {len(frames)} frames", flush=True)


def _tile(image: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    tile = cv2.resize(image, (TILE, round(TILE * image.shape[0] / image.shape[1])), interpolation=cv2.INTER_AREA)
    if mask is not None and mask.any():
        small = cv2.resize(mask.astype(np.uint8), tile.shape[1::-1], interpolation=cv2.INTER_NEAREST)
        outline = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
        tile = tile.copy()
        tile[outline] = (255, 0, 255)
    return tile


def labelled_runs(output: Path, labels: list[str]) -> Iterator[tuple[str, str, np.ndarray, dict[str, Any]]]:
    """Per video rendered for every label under `output` (`render`): the portrait's name, the driver's, the
    portrait ((H, W, 3) uint8 RGB) and each label's saved run; makes the folder for the sheets."""
    (output / "sheets").mkdir(parents=True, exist_ok=True)
    for path in sorted((output / labels[0]).glob("*.npz")):
        if not all((output / label / path.name).exists() for label in labels):
            continue  # rendered for some labels only
        name, driver = path.stem.split("__")
        image = portrait_image(name)
        yield name, driver, image, {label: np.load(output / label / path.name) for label in labels}


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.neck_layer.neck_health import NeckFigures

    labels = args.labels.split(",")
    rows: dict[str, list[str]] = {}
    for name, driver, image, runs in labelled_runs(args.output, labels):
        lm = runs[labels[0]]["landmarks"]
        x0, y0, x1, y1 = (int(v) for v in runs[labels[0]]["box"])
        figures = NeckFigures(image, lm)

        def full(crop: np.ndarray) -> np.ndarray:
            frame = image.copy()
            frame[y0:y1, x0:x1] = crop
            return frame

        base = [figures.revealed_fill(image, t) for t in runs[labels[0]]["targets"]]
        base_edges = [figures.doubled_edges(image, t) for t in runs[labels[0]]["targets"]]
        base_straight = [figures.straight_edges(image, t) for t in runs[labels[0]]["targets"]]
        cells = [f"{max(base):.4f} / {max(base_edges):.3f} / {max(base_straight):.3f}"]
        per_label = {}
        for label, run in runs.items():
            frames = [full(c) for c in run["frames"]]
            fill = np.array([figures.revealed_fill(f, t) for f, t in zip(frames, run["targets"])])
            edges = np.array([figures.doubled_edges(f, t) for f, t in zip(frames, run["targets"])])
            straight = np.array([figures.straight_edges(f, t) for f, t in zip(frames, run["targets"])])
            per_label[label] = (frames, fill, edges)
            stretch = run["stretch"]
            cells.append(f"{fill.max():.4f} / {fill.mean():.4f} | {edges.max():.3f} / {edges.mean():.3f}"
                         f" | {straight.max():.3f} / {straight.mean():.3f} | {np.nanmax(stretch):.2f}")
        rows.setdefault(driver, []).append(f"| {name} | " + " | ".join(cells) + " |")
        # The same frames in every row: the worst of the last label's and of the first label's, evenly spaced.
        picks: list[int] = []
        for label in (labels[-1], labels[0]):
            _, fill, edges = per_label[label]
            for order in (np.argsort(-fill), np.argsort(-edges)):
                picks += [int(k) for k in order[:WORST // 2] if int(k) not in picks][:1]
        n = len(per_label[labels[0]][0])
        picks += [k for k in np.linspace(0, n - 1, EVEN + 2).astype(int)[1:-1] if k not in picks]
        sheet = []
        for label in labels:
            frames, fill, edges = per_label[label]
            tiles = [_tile(image[y0:y1, x0:x1])]
            for k in picks:
                target = runs[label]["targets"][k]
                mask = np.zeros((y1 - y0, x1 - x0), bool)
                zone = figures.revealed_mask(frames[k], target)
                big = cv2.resize(zone.astype(np.uint8), None, fx=1 / figures.scale, fy=1 / figures.scale,
                                 interpolation=cv2.INTER_NEAREST) > 0
                zx0, zy0 = (round(v / figures.scale) for v in figures.box[:2])
                ys, xs = np.nonzero(big)
                keep = (ys + zy0 - y0 >= 0) & (ys + zy0 - y0 < y1 - y0) & (xs + zx0 - x0 >= 0) & (xs + zx0 - x0 < x1 - x0)
                mask[ys[keep] + zy0 - y0, xs[keep] + zx0 - x0] = True
                tile = _tile(frames[k][y0:y1, x0:x1], mask)
                cv2.putText(tile, f"{label} f{k} fill {fill[k]:.3f} dbl {edges[k]:.2f}", (3, 14),
                            cv2.FONT_HERSHEY_SIMPLEX, 0.36, (255, 255, 0), 1, cv2.LINE_AA)
                tiles.append(tile)
            sheet.append(np.concatenate(tiles, 1))
        iio.imwrite(args.output / "sheets" / f"{name}__{driver}.png", np.concatenate(sheet, 0))
    print_tables(rows, "fill max / doubled max / straight max",
                 [f"{label}: revealed fill max / mean | doubled edges max / mean | straight edges max / mean | "
                  "neck stretch max" for label in labels])


def print_tables(rows: dict[str, list[str]], baseline: str, heads: list[str]) -> None:
    """Print one Markdown table per driver: `rows` (table rows by driver), the baseline's column title and
    each label's (`heads`; a title may hold several columns' joined by " | ")."""
    for driver, lines in rows.items():
        print_markdown_table(["portrait", f"baseline: {baseline}", *heads], lines, driver)


def arguments(doc: str, output: str) -> argparse.ArgumentParser:
    """The render / score command line of a sheets benchmark whose results go under `output` by default."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("render", "score"))
    parser.add_argument("--label", default="now")
    parser.add_argument("--labels", default="now")
    parser.add_argument("--portraits", default=",".join(PORTRAITS))
    parser.add_argument("--cache", type=Path, default=Path("bench-out/tracks"))
    parser.add_argument("-o", "--output", type=Path, default=Path(output))
    return parser


def main() -> None:
    parser = arguments(__doc__, "bench-out/neck")
    parser.add_argument("--neck-layer", choices=("on", "off"), default=None,
                        help="render with MeshOptions.neck_layer on or off (default: the engine's default)")
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    render(args) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
