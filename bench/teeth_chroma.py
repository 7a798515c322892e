"""How coloured the synthetic teeth are (`figures/teeth_chroma`: the chroma of the mean a* b* of the opening's lightest
5 %) on preset:laugh, beside real teeth in the drivers' open mouths.

Usage: python bench/teeth_chroma.py [--portraits lp_s1,grace_hopper,lp_s5,sr_4] [--driver lp_d12,lp_d18,...]
[--frames 240]
First each driver's own frames (every `enamel.STEP`th of its first `--frames`, those open from `TALKING` mouth
widths): the mean teeth chroma and its skin's (the cheeks' median's). Then each portrait at 512 px x preset:laugh
frames `enamel.LAUGH` (`--mouth synthetic`): the source repeated (the photo read at the targets) and the engine. To
measure an older checkout, run with PYTHONPATH=that/src:bench.
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, print_head
from enamel import driver_samples, synthetic_laughs

from facereel.engines.mesh.figures.teeth_chroma import teeth_chroma
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour


def _mean(frames: list[np.ndarray], targets: list[np.ndarray]) -> str:
    """The mean `teeth_chroma` over (H, W, 3) frames read at their (478, 3) px targets, as text ('-' if none)."""
    reads = [r for r in (teeth_chroma(f, t) for f, t in zip(frames, targets)) if r is not None]
    return f"{np.mean(reads):.1f}" if reads else "-"


def _skin_chroma(image: np.ndarray, landmarks: np.ndarray) -> str:
    """CIELAB chroma of the cheeks' median colour of (H, W, 3) `image` at its (478, 3) px landmarks, as text."""
    skin = skin_colour(image, landmarks)
    return "-" if skin is None else f"{float(np.hypot(*to_lab(skin)[1:])):.1f}"


def main() -> None:
    args = arguments(__doc__, "lp_s1,grace_hopper,lp_s5,sr_4", "lp_d12,lp_d18,sr_1,lp_d11,lp_d19", "240")
    print_head("teeth_chroma.py", args, ["driver / portrait", "skin chroma", "real teeth", "source repeated", "engine"])
    for name in args.driver.split(","):
        frames, marks = driver_samples(name, args.frames)
        print(f"| {name} | {_skin_chroma(frames[0], marks[0])} | {_mean(frames, marks)} | | |")
    for name, image, lm, frames, shown in synthetic_laughs(args.portraits):
        source = _mean([image] * len(shown), shown)
        print(f"| {name} | {_skin_chroma(image, lm)} | | {source} | {_mean(frames, shown)} |")



if __name__ == "__main__":
    main()
