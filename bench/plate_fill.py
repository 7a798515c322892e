"""The plate's fill beside a moving head: which side's colour it takes, and the halo, arc and margin left
behind that it shows.

For each portrait (--portraits, of ../shared/data or the public-domain astronaut and grace_hopper), the
mesh engine renders preset:turn and the first --seconds of --driver (lp_d12), every --every-th frame,
retargeted as `facereel animate` does. Two steps, so that any version of the engine is rendered and all
are read the same way:

- `render`: with the engine first on PYTHONPATH (any version), saves per portrait the crop, its filled
  plate, the hole, the person mask and the hole's margin, and per driver the plate halo, plate arc and
  margin left behind of each rendered frame (`artefact_scores.ArtefactScores`), to
  `<out>/<label>/<portrait>.npz`.
- `score`: with this version first on PYTHONPATH, prints a Markdown table: per label and portrait the
  foreign fill (`artefact_scores.foreign_fill`, share of the fill near the photo that took the other
  side's colour), and per driver the halo, arc, margin left behind and smear (mean / max over frames), beside
  the do-nothing baseline (the source repeated: no plate shows, 0 by definition), and the plate's build CPU time
  (`layers.background_plate`, least of 3, s; CPU time of the process, all threads).

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/plate_fill.py render --label before [--portraits lp_s1,sr_4]
     PYTHONPATH=src .venv/bin/python bench/plate_fill.py render --label shifts --plate-shifts
     PYTHONPATH=src .venv/bin/python bench/plate_fill.py score --labels before,now
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from plate_halo import plate_motions, plate_parser
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.engines.mesh.layers import background_plate, plate_hole
from facereel.face.tracking import track_image
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = "lp_s1,sr_4,lp_s12,lp_s0,sr_8"


def render(args: argparse.Namespace) -> None:
    """The `render` step (module doc)."""
    turn, motion = plate_motions(args)
    folder = args.output / args.label
    folder.mkdir(parents=True, exist_ok=True)
    chosen = args.portraits.split(",")
    for name, image in portraits():
        if name not in chosen:
            continue
        lm = track_image(image).landmarks[0]
        animator = MeshAnimator(image, lm, MeshOptions(plate_shifts=True) if args.plate_shifts else None)
        scores = ArtefactScores(animator)
        grow = max(1, round(animator.options.plate_grow * face_size(lm)))
        x0, y0, x1, y1 = animator.box
        build = []
        for _ in range(3):
            start = time.process_time()
            background_plate(image[y0:y1, x0:x1], animator.mask, plate_hole(animator.mask, grow), grow,
                             **({"shifted": True} if args.plate_shifts else {}))
            build.append(time.process_time() - start)
        figures = {}
        for driver, targets in (("turn", retarget(lm, turn, RetargetOptions(smoothing=None, translate=True))),
                                (args.driver, retarget(lm, motion, RetargetOptions()) if motion else None)):
            if targets is None:
                continue
            rows = []
            for target in targets[::args.every]:
                frame = animator.render(target)
                # Figures that engines before them lack are left out, read "-".
                later = [getattr(scores, k, None) for k in ("plate_left_behind", "plate_smear")]
                rows.append((scores.plate_halo(frame), scores.plate_arc(frame))
                            + tuple(f(frame) for f in later[:later.index(None) if None in later else 2]))
            figures[driver] = np.array(rows)
        np.savez_compressed(folder / f"{name}.npz", crop=image[y0:y1, x0:x1], plate=animator.layer.filled,
                            hole=plate_hole(animator.mask, grow), person=animator.mask.person,
                            grow=grow, build=min(build), **{f"fig_{k}": v for k, v in figures.items()})
        print(name, "done", flush=True)


def score(args: argparse.Namespace) -> None:
    """The `score` step (module doc): the table on stdout."""
    from facereel.engines.mesh.figures.artefact_scores import foreign_fill

    labels = args.labels.split(",")
    print(f"| portrait | version | foreign fill | turn: halo mean / max | turn: arc mean / max | "
          f"turn: left behind mean / max | turn: smear mean / max | {args.driver}: halo mean / max | "
          f"{args.driver}: arc mean / max | {args.driver}: left behind mean / max | {args.driver}: smear mean / max "
          "| plate build CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in args.portraits.split(","):
        print(f"| {name} | source repeated | 0 |" + " 0 / 0 |" * 8 + " - |")
        for label in labels:
            path = args.output / label / f"{name}.npz"
            if not path.is_file():
                continue
            d = np.load(path)
            cells = [f"{foreign_fill(d['crop'], d['plate'], d['hole'], d['person'], float(d['grow'])):.3f}"]
            for driver in ("turn", args.driver):
                f = d.get(f"fig_{driver}")
                for k in (0, 1, 2, 3):
                    cells.append("-" if f is None or f.shape[1] <= k else f"{f[:, k].mean():.2f} / {f[:, k].max():.2f}")
            cells.append(f"{float(d['build']):.2f}" if "build" in d else "-")
            print(f"| {name} | {label} | " + " | ".join(cells) + " |")


def main() -> None:
    """`render` or `score` (module doc)."""
    parser = plate_parser(__doc__, "bench-out/plate-fill", PORTRAITS)
    parser.add_argument("step", choices=("render", "score"))
    parser.add_argument("--label", default="now")
    parser.add_argument("--labels", default="before,now")
    parser.add_argument("--every", type=int, default=4, help="render every n-th frame")
    parser.add_argument("--plate-shifts", action="store_true",
                        help="render with MeshOptions.plate_shifts (the plate's background shifted in)")
    args = parser.parse_args()
    args.portraits = args.portraits or PORTRAITS
    render(args) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
