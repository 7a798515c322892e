"""The moved head's hard lower ends (issue #9): the `hard_ends` and `short_hair` figures per portrait and driver,
the engine with `MeshOptions.soft_ends` (or `--option`, e.g. carried_ends) off (before) and on (after), beside the
do-nothing baseline (the source repeated: 0).

Each portrait is scaled to a longer side of 512 px (as `facereel animate --size 512`), tracked, driven
(retargeted as `facereel animate` does, two-pass: the same targets as the streamed run) and rendered in memory
at every `--every`th frame. Prints one Markdown row per portrait and driver: frames read, frames where the two
engines differ at all, the mean `hard_ends` (grey levels per px) off and on, the frame they differ most in, and
the mean `short_hair` (share of the photo's hanging hair left out) off and on.

Run: PYTHONPATH=src .venv/bin/python bench/hard_ends.py lp_s1 ../shared/data/driving/lp_d12.mp4 --every 3
[--option carried_ends]
"""

from __future__ import annotations

import argparse
import dataclasses

import numpy as np

from facereel.animate.inputs import drive, load_motion, load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.hard_ends import hard_ends
from facereel.engines.mesh.figures.short_hair import short_hair

SHARED = "../shared/data/portraits/"


def portrait_path(name: str) -> str:
    """The file of a portrait named as in docs/benchmarks.md (grace_hopper: matplotlib's sample)."""
    if name == "grace_hopper":
        from matplotlib import cbook

        return str(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    return SHARED + name + (".png" if name.startswith("sr_") else ".jpg")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("portrait")
    parser.add_argument("driving", help="preset:turn or a driving video")
    parser.add_argument("--every", type=int, default=2)
    parser.add_argument("--option", default="soft_ends", help="the MeshOptions flag turned off and on")
    args = parser.parse_args()
    source = resize_source(load_source(portrait_path(args.portrait)), 512)
    options = AnimateOptions()
    motion = load_motion(args.driving)
    targets = drive(source, motion, options.retarget.for_engine("mesh"))[::args.every]
    engines = [MeshAnimator(source.image, source.landmarks,
                            dataclasses.replace(mesh_options(options), **{args.option: on})) for on in (False, True)]
    alpha = np.zeros(source.image.shape[:2], np.float32)

    def drawn(animator: MeshAnimator) -> np.ndarray:
        x0, y0, x1, y1 = animator.box
        alpha[y0:y1, x0:x1] = animator.drawn_alpha()
        return alpha

    figures: list[list[float]] = [[], []]
    shorts: list[list[float]] = [[], []]
    photo = np.zeros_like(alpha)
    box = engines[0].layer.alpha.shape
    x, y = int(engines[0].origin[0]), int(engines[0].origin[1])
    photo[y:y + box[0], x:x + box[1]] = engines[0].layer.alpha
    changed, most = 0, (0, -1)
    for k, target in enumerate(targets):
        frames = [engine.render(target) for engine in engines]
        for figure, short, engine, frame in zip(figures, shorts, engines, frames):
            figure.append(hard_ends(frame, source.image, drawn(engine), source.landmarks, target))
            short.append(short_hair(alpha, photo, source.landmarks, target))
        diff = np.abs(frames[0].astype(np.int16) - frames[1]).max(2)
        changed += bool(diff.any())
        most = max(most, (int((diff > 10).sum()), k * args.every))
    print(f"| {args.portrait} | {args.driving.split('/')[-1]} | {len(targets)} | {changed} | 0 | "
          f"{np.mean(figures[0]):.2f} | {np.mean(figures[1]):.2f} | {most[1]} ({most[0]} px) | "
          f"{np.mean(shorts[0]):.3f} | {np.mean(shorts[1]):.3f} |")


if __name__ == "__main__":
    main()
