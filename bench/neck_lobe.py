"""A light lobe beside the moved chin (issue #9): `figures.neck_lobe.lobe_light` of frames rendered in this process.

Renders each portrait (../shared/data/portraits, 512 px as `facereel animate --size 512`) driven by `--driver`'s first
`--count` frames (a video, tracked and retargeted as `facereel animate` does, streamed; or a preset) with the engine on
PYTHONPATH, and prints one Markdown row per portrait: `lobe_light` (grey levels x face sizes^2: the crescent between
the frame's and the photo's jaw lighter than the photo there and its neck just under the jaw) as the mean and the
largest over `--window` (first,last frame, inclusive; the largest's frame in brackets) and the mean over all frames,
for the do-nothing baseline (the source repeated: 0) and the engine (`--label`). Render the engine before and after a
change by running this with each tree's src first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/neck_lobe.py lp_s3 lp_s0 --driver ../shared/data/driving/lp_d12.mp4
     --count 20 --window 8,12 --label after
`--figure dark_blob` prints `NeckLobe.dark_blob` instead (the crescent darker than the photo and its jaw shadow);
a portrait given as a path is read from there, `--size` its longer side:
     PYTHONPATH=src .venv/bin/python bench/neck_lobe.py /tmp/look/grace_hopper.jpg --driver preset:turn --count 24
     --window 10,22 --size 600 --figure dark_blob
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
from facereel.engines.mesh.figures.neck_lobe import NeckLobe
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import retarget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hair_pops import SHARED, driven_targets  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("portraits", nargs="+", help="portraits of ../shared/data/portraits, without their suffix")
    parser.add_argument("--driver", required=True, help="a driving video, or preset:NAME")
    parser.add_argument("--count", type=int, default=20, help="the driver's first frames rendered")
    parser.add_argument("--window", default="8,12", help="first,last frame (inclusive)")
    parser.add_argument("--label", default="engine", help="the engine's row name")
    parser.add_argument("--figure", default="lobe_light", choices=("lobe_light", "dark_blob"), help="NeckLobe's figure")
    parser.add_argument("--size", type=int, default=512, help="the portrait's longer side, px")
    args = parser.parse_args()
    first, last = (int(v) for v in args.window.split(","))
    options = AnimateOptions()
    print(f"| portrait | frames | row | {first}-{last} mean | {first}-{last} max (frame) | all mean |")
    print("|---|---|---|---|---|---|")
    for name in args.portraits:
        suffix = ".png" if name.startswith("sr_") else ".jpg"
        source = resize_source(load_source(name if "/" in name else SHARED + name + suffix), args.size)
        image, lm = source.image, source.landmarks
        if args.driver.startswith("preset:"):
            motion = preset_motion(args.driver.split(":", 1)[1])  # as `facereel animate` reads it
            targets = list(retarget(lm, motion, options.retarget.for_engine("mesh")))[:args.count]
        else:
            targets = driven_targets(image, lm, args.driver, args.count)
        animator = MeshAnimator(image, lm, mesh_options(options))
        lobe = NeckLobe(image, lm)
        for row, frames in (("source repeated", [image] * len(targets)), (args.label, map(animator.render, targets))):
            figure = getattr(lobe, args.figure)
            values = np.array([figure(frame, target) for frame, target in zip(frames, targets)])
            window = values[first:last + 1]
            peak = first + int(np.argmax(window))
            print(f"| {name} | {len(values)} | {row} | {window.mean():.3f} | {window.max():.3f} ({peak}) | "
                  f"{values.mean():.3f} |")


if __name__ == "__main__":
    main()
