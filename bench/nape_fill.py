"""The plate behind the nape: hard edges in the uncovered fill and light lines beside the moved head.

For each portrait (--portraits; of ../shared/data, and the public-domain astronaut), the mesh engine
renders preset:turn (--seconds) and the first --seconds of --driver (lp_d12), every --every-th frame,
retargeted as `facereel animate` does, once as before (the fill under the head not matched to the plate
beside its outline: `layers.edge_match` switched off) and once now (`plate.edge_match`). Per run and
motion, mean / max over the frames of `artefact_scores.ArtefactScores`' fill edges (mean gradient, grey
levels per px, of the plate the head uncovers, off its moved outline), light seams (white top-hat in
excess of the source's, grey levels, beside the moved head on the person below the jaw), plate halo and
plate texture (uncovered plate's fine texture over the background's, 1 = as textured), beside the
do-nothing baseline (the source repeated: nothing uncovered, no new line: 0), and the animator's build
CPU time (`MeshAnimator`, which makes the plate; s, process time, all threads). Writes `<name>.png` per
portrait: the source and the turn's frames --frames (crop round the nape, --box as fractions of the
image, 3x nearest), rows before / now.

Run: PYTHONPATH=src .venv/bin/python bench/nape_fill.py [--portraits sr_4,lp_s1] [-o bench-out/nape-fill]
"""

from __future__ import annotations

import time

import cv2
import numpy as np
from plate_halo import plate_motions, plate_parser
from turn_sheets import portraits

from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.face.tracking import track_image
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = "sr_4,lp_s1,lp_s5,sr_8,sr_18,astronaut"
NAPE_BOX = {"sr_4": (0.64, 0.25, 0.8, 0.64)}  # fractions of the image (x0, y0, x1, y1) for the sheet


def _animator(image: np.ndarray, lm: np.ndarray, match: bool) -> tuple[MeshAnimator, float]:
    """The animator with the edge match on or off (the engine before), and its build's CPU time (s)."""
    saved = layers.edge_match
    if not match:
        layers.edge_match = lambda plate, under, margin_px: np.zeros(plate.shape, np.float32)
    try:
        start = time.process_time()
        animator = MeshAnimator(image, lm)
        spent = time.process_time() - start
    finally:
        layers.edge_match = saved
    return animator, spent


def _figures(animator: MeshAnimator, targets: np.ndarray, keep: tuple[int, ...] = ()
             ) -> tuple[np.ndarray, list[np.ndarray]]:
    """(T, 4) fill edges, light seams, halo, texture per frame, and the frames numbered in `keep`."""
    scores = ArtefactScores(animator)
    rows, kept = [], []
    for i, target in enumerate(targets):
        frame = animator.render(target)
        rows.append((scores.fill_edges(frame), scores.light_seams(frame), scores.plate_halo(frame),
                     scores.plate_texture(frame)))
        if i in keep:
            kept.append(frame)
    return np.array(rows), kept


def _cell(values: np.ndarray) -> str:
    return f"{np.nanmean(values):.2f} / {np.nanmax(values):.2f}" if np.isfinite(values).any() else "-"


def main() -> None:
    parser = plate_parser(__doc__, "bench-out/nape-fill", PORTRAITS)
    parser.add_argument("--every", type=int, default=2, help="score every n-th frame")
    parser.add_argument("--frames", default="12,24,98", help="the turn's frames on the sheet (of --seconds 4)")
    parser.add_argument("--box", default=None, help="sheet crop x0,y0,x1,y1 as fractions of the image")
    args = parser.parse_args()
    args.portraits = args.portraits or PORTRAITS
    turn, motion = plate_motions(args)
    shown = tuple(int(v) for v in args.frames.split(","))
    print("| portrait | version | turn: fill edges | turn: light seams | turn: halo | turn: texture | "
          f"{args.driver}: fill edges | {args.driver}: light seams | {args.driver}: halo | animator build CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    found = dict(portraits())
    for name in args.portraits.split(","):
        if name not in found:
            continue
        image = found[name]
        lm = track_image(image).landmarks[0]
        turn_targets = retarget(lm, turn, RetargetOptions(smoothing=None, translate=True))
        drive = retarget(lm, motion, RetargetOptions()) if motion is not None else None
        print(f"| {name} | source repeated | 0 / 0 | 0 / 0 | 0 / 0 | - | 0 / 0 | 0 / 0 | 0 / 0 | - |")
        h, w = image.shape[:2]
        fx0, fy0, fx1, fy1 = (tuple(float(v) for v in args.box.split(",")) if args.box
                              else NAPE_BOX.get(name, (0.25, 0.2, 0.75, 0.8)))
        crop = np.s_[round(fy0 * h):round(fy1 * h), round(fx0 * w):round(fx1 * w)]
        sheet = []
        for label, match in (("before", False), ("now", True)):
            animator, spent = _animator(image, lm, match)
            figures, frames = _figures(animator, turn_targets[::args.every])
            _, kept = _figures(animator, turn_targets[list(shown)], tuple(range(len(shown))))
            cells = [_cell(figures[:, k]) for k in range(4)]
            if drive is not None:
                driven, _ = _figures(_animator(image, lm, match)[0], drive[::args.every])
                cells += [_cell(driven[:, k]) for k in range(3)]
            else:
                cells += ["-"] * 3
            print(f"| {name} | {label} | " + " | ".join(cells) + f" | {spent:.2f} |", flush=True)
            sheet.append(np.concatenate([image[crop]] + [f[crop] for f in kept], 1))
        out = cv2.resize(np.concatenate(sheet, 0), None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)
        if out.shape[1] > 3000:
            out = cv2.resize(out, None, fx=3000 / out.shape[1], fy=3000 / out.shape[1], interpolation=cv2.INTER_AREA)
        cv2.imwrite(str(args.output / f"{name}.png"), out[..., ::-1])


if __name__ == "__main__":
    main()
