"""The near side of a big turn (issue #9): lines along the inside of the cheek, per portrait, and 4x crops.

Each portrait (--portraits, by name: ../shared/data's or the public-domain astronaut and grace_hopper), its
longer side --size px (as `facereel animate --size` makes it), is driven by preset:turn (2 s, retargeted as
`animate` does) and frames --frames are rendered. Two steps, so that any version of the engine can be
rendered and all are read the same way:

- `render`: with the engine first on PYTHONPATH (any version), saves per portrait the frames, the targets
  and the source to `<out>/<label>/<portrait>.npz`.
- `score`: with this version first on PYTHONPATH, prints a Markdown table (mean / max over the frames per
  label, the source repeated first) of `figures.cheek_lines.cheek_lines` (thin lines along the inside of the
  cheeks' outline: lp_s1's slash and dotted line in front of the near ear), and writes per portrait a sheet
  (`<out>/sheets/`) of 4x crops round the face's lower half, one row per label: the source, then the frames.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/near_side.py render --label before
     PYTHONPATH=src .venv/bin/python bench/near_side.py score --labels before,after [-o bench-out/near-side]
"""

from __future__ import annotations

import argparse

import cv2
import imageio.v3 as iio
import numpy as np
from neck_sheets import arguments, portrait_image, print_tables

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = ("lp_s1", "astronaut", "grace_hopper", "sr_4", "sr_8", "sr_18", "lp_s0", "lp_s5")
SECONDS = 2.0  # preset:turn's length
ZOOM = 4  # the sheets' crops are enlarged this much
SHEET_FRAMES = 6  # frames per sheet row, evenly spread over --frames


def render(args: argparse.Namespace) -> None:
    folder = args.output / args.label
    folder.mkdir(parents=True, exist_ok=True)
    frames = [int(f) for f in args.frames.split(",")]
    for name in args.portraits.split(","):
        image = portrait_image(name)
        source = resize_source(Source(image=image, landmarks=track_image(image).landmarks[0]), args.size)
        targets = retarget(source.landmarks, preset_motion("turn", SECONDS), RetargetOptions().for_engine("mesh"))
        animator = MeshAnimator(source.image, source.landmarks)
        shown = np.stack([animator.render(targets[f]) for f in frames])
        np.savez_compressed(folder / f"{name}.npz", frames=shown, index=np.array(frames), targets=targets[frames],
                            source=source.image, landmarks=source.landmarks)
        print(f"{args.label} {name}: {source.image.shape[1]}x{source.image.shape[0]}", flush=True)


def _lower_face(landmarks: np.ndarray, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) px: the face's lower half with the ears and the neck below the jaw."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    size = face_size(landmarks)
    (cx, cy), bottom = oval.mean(0), oval[:, 1].max()
    x0, x1 = int(max(0, cx - 0.8 * size)), int(min(shape[1], cx + 0.8 * size))
    return x0, int(max(0, cy - 0.1 * size)), x1, int(min(shape[0], bottom + 0.3 * size))


def score(args: argparse.Namespace) -> None:
    from facereel.engines.mesh.figures.cheek_lines import cheek_lines

    labels = args.labels.split(",")
    (args.output / "sheets").mkdir(parents=True, exist_ok=True)
    lines = []
    for path in sorted((args.output / labels[0]).glob("*.npz")):
        runs = {label: np.load(args.output / label / path.name) for label in labels}
        first = runs[labels[0]]
        source, lm = first["source"], first["landmarks"]
        cells = [f"{cheek_lines(source, source, lm, lm):.4f}"]
        for run in runs.values():
            values = [cheek_lines(frame, source, lm, target) for frame, target in zip(run["frames"], run["targets"])]
            cells.append(f"{np.mean(values):.4f} / {np.max(values):.4f}")
        lines.append(f"| {path.stem} | " + " | ".join(cells) + " |")
        x0, y0, x1, y1 = _lower_face(lm, source.shape)
        shown = np.linspace(0, len(first["index"]) - 1, min(SHEET_FRAMES, len(first["index"]))).round().astype(int)
        strips = []
        for run in runs.values():
            tiles = [source[y0:y1, x0:x1]] + [run["frames"][k][y0:y1, x0:x1] for k in shown]
            strips.append(np.concatenate([np.pad(t, ((0, 2), (0, 2), (0, 0)), constant_values=255) for t in tiles], 1))
        sheet = cv2.resize(np.concatenate(strips, 0), None, fx=ZOOM, fy=ZOOM, interpolation=cv2.INTER_NEAREST)
        iio.imwrite(args.output / "sheets" / f"{path.stem}.png", sheet)
    print_tables({f"cheek lines (share of the near cheek's inner band), frames {','.join(map(str, first['index']))}"
                  f" of preset:turn {SECONDS:g} s, mean / max": lines}, "the source repeated", labels)


def main() -> None:
    parser = arguments(__doc__, "bench-out/near-side")
    parser.set_defaults(portraits=",".join(PORTRAITS))
    parser.add_argument("--frames", default=",".join(str(f) for f in range(6, 49, 3)))
    parser.add_argument("--size", type=int, default=512)
    args = parser.parse_args()
    render(args) if args.step == "render" else score(args)


if __name__ == "__main__":
    main()
