"""The background plate uncovered beside a moving head: push-pull fill (before) vs the ring fill (now).

For each portrait of ../shared/data (and the public-domain astronaut), the mesh engine renders preset:turn
(--seconds, retargeted as `facereel animate` does, no smoothing) and the first --seconds of a real driver
(--driver, default lp_d12: yaw -26..+24 deg), once with the plate filled by push-pull from all the
background around the hole (`layers.fill_hole`, the engine before; made by switching `layers.ring_fill` off)
and once with the ring fill (`plate.ring_fill`). Per run: the plate halo (grey levels between the local
mean of the uncovered plate and the background beside the head; mean over frames that uncover some plate,
and max) and the plate texture (fine texture of the uncovered plate over the background ring's; 1 = as
textured), from `artefact_scores.ArtefactScores`, and the plate's build time. The do-nothing baseline (the
source repeated) uncovers no plate: halo 0 by definition. Writes a contact sheet per portrait
(`<name>.png`: rows before / now; the plate, then the turn's frames at the yaw and pitch extremes).

Run: PYTHONPATH=src .venv/bin/python bench/plate_halo.py [--seconds 4] [--driver lp_d12]
     [--portraits sr_4,lp_s12] [-o bench-out/plate-halo]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np
from turn_sheets import FRAMES, portraits
from warp_health import SHARED

from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.motion import Motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

TILE = 260  # px, height of one sheet tile
SHOWN = FRAMES[:4]  # of 100: the turn's yaw and pitch extremes, on the sheet


def _animator(image: np.ndarray, lm: np.ndarray, ring: bool) -> tuple[MeshAnimator, float]:
    """The animator with the ring fill or push-pull (`ring` False), and the plate's build time (s,
    `layers.background_plate`)."""
    saved_fill, saved_plate = layers.ring_fill, layers.background_plate
    timed = {"s": 0.0}

    def plate(*args):
        start = time.perf_counter()
        out = saved_plate(*args)
        timed["s"] = time.perf_counter() - start
        return out

    layers.background_plate = plate
    if not ring:
        layers.ring_fill = lambda *args, **kwargs: None
    try:
        animator = MeshAnimator(image, lm)
    finally:
        layers.ring_fill, layers.background_plate = saved_fill, saved_plate
    return animator, timed["s"]


def _driver_motion(path: Path, seconds: float) -> Motion | None:
    """The motion of the first `seconds` of a driving video (None when it is absent)."""
    if not path.is_file():
        return None
    with open_video(path) as video:
        fps = video.fps
        frames = [f for _, f in zip(range(round(seconds * fps)), video.frames())]
    return extract_motion(track_frames(iter(frames), fps))


def _run(animator: MeshAnimator, targets: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """(T, 2) halo and texture per frame, and the frames' crops."""
    scores = ArtefactScores(animator)
    x0, y0, x1, y1 = animator.box
    figures, crops = [], []
    for target in targets:
        frame = animator.render(target)
        figures.append((scores.plate_halo(frame), scores.plate_texture(frame)))
        crops.append(frame[y0:y1, x0:x1])
    return np.array(figures), crops


def _cells(figures: np.ndarray) -> str:
    """One table cell: halo mean / max over the frames that uncover some plate, mean texture there."""
    halo = figures[figures[:, 0] > 0]
    if not len(halo):
        return "-"
    return f"{halo[:, 0].mean():.1f} / {halo[:, 0].max():.1f} / {np.nanmean(halo[:, 1]):.2f}"


def _tile(image: np.ndarray) -> np.ndarray:
    """`image` scaled to `TILE` px high."""
    width = round(TILE * image.shape[1] / image.shape[0])
    return cv2.resize(image, (width, TILE), interpolation=cv2.INTER_AREA)


def plate_parser(doc: str, output: str, example: str) -> argparse.ArgumentParser:
    """The options of the plate benches: --seconds, --driver, --portraits (e.g. `example`), -o (`output`)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--driver", default="lp_d12")
    parser.add_argument("--portraits", default=None, help=f"these portraits only (names, e.g. {example})")
    parser.add_argument("-o", "--output", type=Path, default=Path(output))
    return parser


def plate_motions(args: argparse.Namespace) -> tuple[Motion, Motion | None]:
    """preset:turn and the driver's motion (None when absent) over `args.seconds`; makes `args.output`."""
    args.output.mkdir(parents=True, exist_ok=True)
    return (preset_motion("turn", args.seconds),
            _driver_motion(SHARED / "driving" / f"{args.driver}.mp4", args.seconds))


def main() -> None:
    args = plate_parser(__doc__, "bench-out/plate-halo", "sr_4,lp_s12").parse_args()
    turn, motion = plate_motions(args)
    print(f"| portrait | turn: halo mean / max / texture, before | now | {args.driver} {args.seconds:g} s:"
          " before | now | plate build s, before / now |")
    print("|---|---|---|---|---|---|")
    for name, image in portraits():
        if args.portraits is not None and name not in args.portraits.split(","):
            continue
        lm = track_image(image).landmarks[0]
        options = RetargetOptions(smoothing=None, translate=True)
        turn_targets = retarget(lm, turn, options)
        drive_targets = retarget(lm, motion, RetargetOptions()) if motion is not None else None
        cells, rows, times = [], [], []
        for ring in (False, True):
            animator, built = _animator(image, lm, ring)
            times.append(built)
            figures, crops = _run(animator, turn_targets)
            cells.append((_cells(figures), figures))
            plate = np.clip(animator.layer.filled, 0, 255).astype(np.uint8)
            rows.append((plate, crops))
            if drive_targets is not None:
                drive, _ = _run(_animator(image, lm, ring)[0], drive_targets)
                cells[-1] = (cells[-1][0], figures, _cells(drive))
        shown = [k * len(turn_targets) // 100 for k in SHOWN]
        sheet = [np.concatenate([_tile(plate)] + [_tile(crops[k]) for k in shown], 1)
                 for plate, crops in rows]
        iio.imwrite(args.output / f"{name}.png", np.concatenate(sheet, 0))
        drives = [c[2] if len(c) > 2 else "-" for c in cells]
        print(f"| {name} | {cells[0][0]} | {cells[1][0]} | {drives[0]} | {drives[1]} | "
              f"{times[0]:.2f} / {times[1]:.2f} |", flush=True)


if __name__ == "__main__":
    main()
