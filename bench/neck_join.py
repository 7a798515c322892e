"""The neck a turned head uncovers, at the far end of preset:turn (issue #9): figures and 3x crops.

Each portrait (--portraits, by name: ../shared/data's or the public-domain astronaut and grace_hopper), at
its own size and with its longer side --size px (as `facereel animate --size` makes it), is driven by
preset:turn (or --preset, e.g. nod; 2 s, retargeted as `animate` does) and frames --frames are rendered. Two steps, so that any
version of the engine can be rendered and all are read the same way:

- `render`: with the engine first on PYTHONPATH (any version), saves per portrait and size the frames, the
  targets and the source to `<out>/<label>/<portrait>_<size>.npz`.
- `score`: with this version first on PYTHONPATH, prints a Markdown table per figure (mean / max over the
  frames per label, the source repeated first): `figures.neck_join.NeckJoin.flat_tone` (the flat tone),
  `.patch_edge` (its hard outline), `.grey_tone` (its greyness), `.foreign_colour` (a colour
  neither the skin's nor the photo's: the background's fill under the chin) and `.foreign_beside` (its part
  under the ears), `.skin_haze` (a translucent skin tone over the background beside the neck), `.light_line` (the light line along the neck's cut), `.dark_band` (the jaw's shadow shown
  twice under the chin),
  `neck_health.NeckFigures.revealed_fill` and `.straight_edges` (the tone's straight side, lp_s1's),
  `figures.neck_wedge.NeckWedge.jaw_wedge` (the wall uncovered under a turned jaw) and `.tone_step` (the tone
  darker than the photo's neck), `figures.tone_patch.TonePatch.straight_step` (the tone's straight top and
  sides); and writes per portrait and size a sheet (`<out>/sheets/`) of 3x crops of the chin and neck,
  one row per label: the source, then the frames.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/neck_join.py render --label before
     PYTHONPATH=src .venv/bin/python bench/neck_join.py score --labels before,after [-o bench-out/neck-join]
To read the same renders with two versions of the figures, run `score` once with each version's src first.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np
from neck_sheets import portrait_image, region

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.neck_join import BESIDE_CHIN
from facereel.engines.mesh.figures.neck_wedge import NeckWedge
from facereel.engines.mesh.figures.tone_patch import TonePatch
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = ("sr_18", "sr_4", "lp_s1", "lp_s5", "lp_s0", "astronaut", "grace_hopper")
SECONDS = 2.0  # preset:turn's length
ZOOM = 3.0  # the sheets' crops are enlarged this much (at most `SHEET_WIDTH` px per row)
SHEET_WIDTH = 3000


def render(args: argparse.Namespace) -> None:
    folder = args.output / args.label
    folder.mkdir(parents=True, exist_ok=True)
    frames = [int(f) for f in args.frames.split(",")]
    for name in args.portraits.split(","):
        full = Source(image=portrait_image(name), landmarks=track_image(portrait_image(name)).landmarks[0])
        for size in ("full", str(args.size)) if args.full else (str(args.size),):
            source = full if size == "full" else resize_source(full, args.size)  # as `animate --size` does
            image, lm = source.image, source.landmarks
            targets = retarget(lm, preset_motion(args.preset, SECONDS), RetargetOptions().for_engine("mesh"))
            animator = MeshAnimator(image, lm)
            shown = np.stack([animator.render(targets[f]) for f in frames])
            np.savez_compressed(folder / f"{name}_{size}.npz", frames=shown, index=np.array(frames),
                                targets=targets[frames], source=image, landmarks=lm)
            print(f"{args.label} {name} {size} {args.preset}: {image.shape[1]}x{image.shape[0]}", flush=True)


def score(args: argparse.Namespace) -> None:
    labels = args.labels.split(",")
    (args.output / "sheets").mkdir(parents=True, exist_ok=True)
    names = ("flat tone (share of the neck zone)", "patch edge (grey levels x face sizes)",
             "light line (face sizes)", "revealed fill (share of the neck zone)",
             "grey tone (grey levels of chroma below the face skin's)",
             "foreign colour (share of the neck zone)",
             f"foreign colour beside the chin, past {BESIDE_CHIN:g} face sizes (share of the neck zone)",
             f"skin haze beside the chin, past {BESIDE_CHIN:g} face sizes (share of the neck zone)",
             "dark band (face sizes)", "straight edges (face sizes)",
             "jaw wedge (share of the band under the jaw)", "tone step (grey levels below the photo's neck)",
             "straight step (grey levels x face sizes)")
    rows: list[list[str]] = [[] for _ in names]
    for path in sorted((args.output / labels[0]).glob("*.npz")):
        runs = {label: np.load(args.output / label / path.name) for label in labels}
        first = runs[labels[0]]
        figures = NeckWedge(first["source"], first["landmarks"])
        patch = TonePatch(first["source"], first["landmarks"])
        read = (figures.flat_tone, figures.patch_edge, figures.light_line, figures.revealed_fill, figures.grey_tone,
                figures.foreign_colour, figures.foreign_beside, figures.skin_haze, figures.dark_band, figures.straight_edges,
                figures.jaw_wedge, figures.tone_step, patch.straight_step)
        for k, figure in enumerate(read):
            cells = [f"{figure(first['source'], first['landmarks']):.3f}"]
            for run in runs.values():
                values = [figure(frame, target) for frame, target in zip(run["frames"], run["targets"])]
                cells.append(f"{np.mean(values):.3f} / {np.max(values):.3f}")
            rows[k].append(f"| {path.stem} | " + " | ".join(cells) + " |")
        x0, y0, x1, y1 = region(first["landmarks"], first["source"].shape)
        strips = []
        for run in runs.values():
            tiles = [run["source"][y0:y1, x0:x1]] + [frame[y0:y1, x0:x1] for frame in run["frames"]]
            strips.append(np.concatenate([np.pad(t, ((0, 4), (0, 4), (0, 0)), constant_values=255) for t in tiles], 1))
        sheet = np.concatenate(strips, 0)
        zoom = min(ZOOM, SHEET_WIDTH / sheet.shape[1])
        iio.imwrite(args.output / "sheets" / f"{path.stem}.png",
                    cv2.resize(sheet, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC))
    for name, lines in zip(names, rows):
        print(f"\n{name}, frames {','.join(map(str, first['index']))} of preset:{args.preset} {SECONDS:g} s, mean / max:\n")
        print("| portrait | source repeated | " + " | ".join(labels) + " |")
        print("|---" * (len(labels) + 2) + "|")
        print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("render", "score"))
    parser.add_argument("--label", default="now")
    parser.add_argument("--labels", default="now")
    parser.add_argument("--portraits", default=",".join(PORTRAITS))
    parser.add_argument("--frames", default="24,30,36,42,48")
    parser.add_argument("--preset", default="turn", help="the preset driving the head (turn, nod)")
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--no-full", dest="full", action="store_false", help="at --size only, not the portrait's own size")
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/neck-join"))
    args = parser.parse_args()
    render(args) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
