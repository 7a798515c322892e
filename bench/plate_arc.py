"""The arc of the plate's hole beside a moving head: the photo behind the hole's margin (before) vs the
margin's shadow moving with the head (`plate.margin_shadow`, now).

For each portrait of ../shared/data (and the public-domain astronaut), the mesh engine renders preset:turn
(--seconds, retargeted as `facereel animate` does, no smoothing) and the first --seconds of a real driver
(--driver, default lp_d12), every --every-th frame, once with the plate behind the hole's margin the photo
(the engine before: `layers.margin_shadow` switched off) and once as now. Per run: the plate arc (grey
levels between the local mean of the hole's margin that the head left and the background beside the
head; mean over the frames where the head left some margin, and max) and the plate halo (the same over
the head's own uncovered pixels, mean), from `artefact_scores.ArtefactScores`; the do-nothing baseline
(the source repeated) beside them; and the plate's build time per source (CPU s: `layers.background_plate`
plus `plate.margin_shadow`, and the latter alone). Writes a sheet per portrait (`<name>.png`: above the hair, rows before / now
for the turn then the driver; the source, then 4 frames).

Run: PYTHONPATH=src .venv/bin/python bench/plate_arc.py [--seconds 4] [--every 2] [--driver lp_d12]
     [--portraits lp_s0,lp_s5] [-o bench-out/plate-arc]
"""

from __future__ import annotations

import time

import cv2
import imageio.v3 as iio
import numpy as np
from plate_halo import plate_motions, plate_parser
from turn_sheets import portraits

from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.face.tracking import track_image
from facereel.motion.retarget import RetargetOptions, retarget

SHOWN = (0.25, 0.37, 0.62, 0.75)  # of the run: the frames on the sheet
TILE = 320  # px, width of one sheet tile


def _timed(function, spent: dict[str, float], key: str):
    """`function`, adding its CPU time (s) to spent[key]."""
    def run(*args):
        start = time.process_time()
        out = function(*args)
        spent[key] += time.process_time() - start
        return out
    return run


def _animator(image: np.ndarray, lm: np.ndarray, shadow: bool) -> tuple[MeshAnimator, dict[str, float]]:
    """The animator with the margin's shadow moving with the head, or the photo behind the margin (`shadow`
    False, the engine before), and the CPU s of the plate's build ("plate": `layers.background_plate`) and
    of the margin's shadow ("shadow")."""
    saved = layers.margin_shadow, layers.background_plate
    spent = {"plate": 0.0, "shadow": 0.0}
    layers.background_plate = _timed(saved[1], spent, "plate")
    layers.margin_shadow = _timed(saved[0] if shadow else lambda image, *_: np.zeros(image.shape, np.float32),
                                  spent, "shadow")
    try:
        animator = MeshAnimator(image, lm)
    finally:
        layers.margin_shadow, layers.background_plate = saved
    return animator, spent


def _above_hair(animator: MeshAnimator) -> tuple[slice, slice]:
    """The crop's rows and columns above and beside the top of the head (the head's upper 45 %)."""
    ys, xs = np.nonzero(animator.layer.alpha > 0.02)
    pad = int(0.25 * (xs.max() - xs.min()))
    return (np.s_[max(0, ys.min() - pad):ys.min() + int(0.45 * (ys.max() - ys.min()))],
            np.s_[max(0, xs.min() - pad):xs.max() + pad])


def _run(animator: MeshAnimator, targets: np.ndarray, every: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """(T, 2) arc and halo per rendered frame, and the crops of the `SHOWN` frames above the hair."""
    scores = ArtefactScores(animator)
    x0, y0, x1, y1 = animator.box
    rows, cols = _above_hair(animator)
    shown = {int(f * len(targets)) for f in SHOWN}
    figures, crops = [], []
    for k, target in enumerate(targets):
        if k % every and k not in shown:
            continue
        frame = animator.render(target)
        figures.append((scores.plate_arc(frame), scores.plate_halo(frame)))
        if k in shown:
            crops.append(frame[y0:y1, x0:x1][rows, cols])
    return np.array(figures), crops


def _cell(figures: np.ndarray) -> str:
    """Arc mean / max over the frames where the head left some margin, halo mean over those uncovering some."""
    arc, halo = figures[figures[:, 0] > 0, 0], figures[figures[:, 1] > 0, 1]
    arc_text = f"{arc.mean():.1f} / {arc.max():.1f}" if len(arc) else "0 / 0"
    return f"{arc_text} / {halo.mean():.1f}" if len(halo) else f"{arc_text} / 0"


def _tile(image: np.ndarray) -> np.ndarray:
    """`image` scaled to `TILE` px wide."""
    return cv2.resize(image, (TILE, round(TILE * image.shape[0] / image.shape[1])), interpolation=cv2.INTER_AREA)


def main() -> None:
    parser = plate_parser(__doc__, "bench-out/plate-arc", "lp_s0,lp_s5")
    parser.add_argument("--every", type=int, default=2, help="score every n-th frame")
    args = parser.parse_args()
    turn, motion = plate_motions(args)
    print(f"| portrait | baseline (source repeated): arc | turn {args.seconds:g} s: arc mean / max / halo, before"
          f" | now | {args.driver} {args.seconds:g} s: before | now | plate build CPU s, before / now (margin shadow) |")
    print("|---|---|---|---|---|---|---|")
    for name, image in portraits():
        if args.portraits is not None and name not in args.portraits.split(","):
            continue
        lm = track_image(image).landmarks[0]
        drivers = [retarget(lm, turn, RetargetOptions(smoothing=None, translate=True))]
        if motion is not None:
            drivers.append(retarget(lm, motion, RetargetOptions()))
        cells, times, sheet = [], [], []
        for shadow in (False, True):
            animator, built = _animator(image, lm, shadow)
            times.append(built)
            if not shadow:
                baseline = ArtefactScores(animator).plate_arc(animator.render(lm))
            for d, targets in enumerate(drivers):
                figures, crops = _run(animator, targets, args.every)
                cells.append((d, shadow, _cell(figures)))
                x0, y0, x1, y1 = animator.box
                rows, cols = _above_hair(animator)
                sheet.append((d, shadow, np.concatenate([_tile(t) for t in [image[y0:y1, x0:x1][rows, cols]] + crops], 1)))
        sheet.sort(key=lambda item: (item[0], item[1]))
        iio.imwrite(args.output / f"{name}.png", np.concatenate([row for *_, row in sheet], 0))
        by = {(d, shadow): text for d, shadow, text in cells}
        drive = f"{by[1, False]} | {by[1, True]}" if motion is not None else "- | -"
        print(f"| {name} | {baseline:.1f} | {by[0, False]} | {by[0, True]} | {drive} | {times[0]['plate']:.2f} / "
              f"{times[1]['plate'] + times[1]['shadow']:.2f} ({times[1]['shadow']:.3f}) |",
              flush=True)


if __name__ == "__main__":
    main()
