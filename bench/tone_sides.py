"""Hard sides in the neck's shown tone (issue #9): `figures.tone_sides.side_steps` of frames rendered in this process.

Renders each portrait (../shared/data/portraits, at its own size unless `--size`) driven by `--driver` (a video cut to
its frames `--first` to `--count` - 1, tracked and retargeted as `facereel animate` does, streamed; or a preset) with
the engine on PYTHONPATH, and prints one Markdown row per portrait and row: `side_steps` (pixel pairs side by side,
>= `tone_sides.STEP` grey levels apart, where the frame shows the neck's tone, inside `--box`) per frame of `--window`
(first,last output frame, inclusive) and their sum, for the do-nothing baseline (the source repeated, read on the
same pixels) and the engine (`--label`). Render the engine before and after a change by running this with each
tree's src first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/tone_sides.py sr_8 --driver ../shared/data/driving/sr_1.mp4 --first 30
     --count 59 --window 22,28 --box 700,410,930,585 --label after
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.tone_sides import side_steps, tone_shown
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import retarget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hair_pops import SHARED, driven_targets


def _row(animator: MeshAnimator, image: np.ndarray, targets: list[np.ndarray], frames: range,
         box: tuple[int, int, int, int]) -> tuple[list[int], list[int]]:
    """`side_steps` per frame of `frames`: on the source repeated and as `animator` draws it (each on the pixels that
    frame shows the tone on)."""
    x0, y0, x1, y1 = animator.box
    repeated, drawn = [], []
    for k in frames:
        frame = animator.render(targets[k])
        shown = np.zeros(image.shape[:2], bool)
        tone = animator.drawn_tone()
        if tone is not None:
            shown[y0:y1, x0:x1] = tone_shown(tone, animator.drawn_alpha())
        repeated.append(side_steps(image, shown, box))
        drawn.append(side_steps(frame, shown, box))
    return repeated, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("portraits", nargs="+", help="portraits of ../shared/data/portraits, without their suffix")
    parser.add_argument("--driver", required=True, help="a driving video, or preset:NAME")
    parser.add_argument("--first", type=int, default=0, help="the video's first frame (the clip cut there)")
    parser.add_argument("--count", type=int, default=None, help="the video's frames read (from its first)")
    parser.add_argument("--window", default="22,28", help="first,last output frame (inclusive)")
    parser.add_argument("--box", default=None, help="x0,y0,x1,y1 px (default: the whole frame)")
    parser.add_argument("--label", default="engine", help="the engine's row name")
    parser.add_argument("--size", type=int, default=None, help="the portrait's longer side, px (default: its own)")
    args = parser.parse_args()
    first, last = (int(v) for v in args.window.split(","))
    options = AnimateOptions()
    print(f"| portrait | row | side_steps per frame {first}-{last} | sum |")
    print("|---|---|---|---|")
    for name in args.portraits:
        suffix = ".png" if name.startswith("sr_") else ".jpg"
        source = resize_source(load_source(SHARED + name + suffix), args.size)
        image, lm = source.image, source.landmarks
        if args.driver.startswith("preset:"):
            motion = preset_motion(args.driver.split(":", 1)[1])  # as `facereel animate` reads it
            targets = list(retarget(lm, motion, options.retarget.for_engine("mesh")))
        else:
            targets = driven_targets(image, lm, args.driver, args.count, args.first)
        h, w = image.shape[:2]
        box = tuple(int(v) for v in args.box.split(",")) if args.box else (0, 0, w, h)
        animator = MeshAnimator(image, lm, mesh_options(options))
        repeated, drawn = _row(animator, image, targets, range(first, last + 1), box)
        for row, values in (("source repeated", repeated), (args.label, drawn)):
            print(f"| {name} | {row} | {' / '.join(map(str, values))} | {sum(values)} |")


if __name__ == "__main__":
    main()
