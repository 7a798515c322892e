"""The synthetic enamel's light and warmth beside the skin (`figures/teeth_band.enamel`: teeth L* / cheeks' L*,
teeth (a*, b*) along the skin's hue / its chroma) on preset:laugh, beside real teeth in the drivers' open mouths.

Usage: python bench/enamel.py [--portraits lp_s3,lp_s5,grace_hopper,sr_4] [--driver lp_d19,lp_d12,...] [--frames 240]
First each driver's own frames (every `STEP`th of its first `--frames`, those whose teeth read from `TALKING` mouth
widths): mean light / warm. Then each portrait at 512 px x preset:laugh frames `LAUGH` (`--mouth synthetic`, its
mouth wide open): the source repeated (the photo read at the targets) and the engine. To measure an older checkout,
run with PYTHONPATH=that/src:bench.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from driven_mouth import arguments, frame_span, print_head, read_driver
from warp_health import portraits, tracked

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.teeth_band import TALKING, enamel
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SIZE = 512  # px: the portraits' longer side, as `facereel animate --size 512`
LAUGH = range(20, 30)  # preset:laugh's frames read: its mouth wide open
STEP = 3  # every this many driver frames read


def _cell(frames: list[np.ndarray], targets: list[np.ndarray]) -> str:
    """'light / warm' means of `enamel` over (H, W, 3) frames read at their (478, 3) px targets ('-' if none)."""
    reads = [r for r in (enamel(f, t, TALKING) for f, t in zip(frames, targets)) if r is not None]
    return "{:.3f} / {:.3f}".format(*np.mean(reads, 0)) if reads else "-"


def driver_samples(name: str, frames: str) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Every `STEP`th of driver `name`'s first `frames` (the `--frames` text) and their (478, 3) px landmarks."""
    driver = read_driver(name, frame_span(frames).stop)
    picked = range(0, len(driver.frames), STEP)
    return [driver.frames[k] for k in picked], [driver.landmarks[k] for k in picked]


def synthetic_laughs(names: str) -> Iterator[tuple[str, np.ndarray, np.ndarray, list[np.ndarray], list[np.ndarray]]]:
    """Per portrait of the comma-separated `names` at `SIZE` x preset:laugh (`--mouth synthetic`): its name, (H, W,
    3) image, (478, 3) px landmarks, the engine's frames `LAUGH` and their (478, 3) px targets."""
    found = dict(portraits())
    for name in names.split(","):
        image, lm = tracked(found[name], SIZE)
        laugh = retarget(lm, preset_motion("laugh"), RetargetOptions().for_engine("mesh"))
        animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
        frames = [animator.render(laugh[k]) for k in range(LAUGH.stop)]
        yield name, image, lm, [frames[k] for k in LAUGH], [laugh[k] for k in LAUGH]


def main() -> None:
    args = arguments(__doc__, "lp_s3,lp_s5,grace_hopper,sr_4", "lp_d19,lp_d12,lp_d11,lp_d18,sr_1", "240")
    print_head("enamel.py", args, ["driver / portrait", "real teeth", "source repeated", "engine"])
    for name in args.driver.split(","):
        print(f"| {name} | " + _cell(*driver_samples(name, args.frames)) + " | | |")
    for name, image, _, frames, shown in synthetic_laughs(args.portraits):
        print(f"| {name} | | {_cell([image] * len(shown), shown)} | {_cell(frames, shown)} |")


if __name__ == "__main__":
    main()
