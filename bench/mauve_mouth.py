"""A carried mouth interior bluer than its lips, a purple opening (`engines/mesh/figures/mauve_mouth.py`), beside the
driver's own mouth.

Usage: python bench/mauve_mouth.py [--portraits sr_4] [--driver lp_d12] [--frames 140:171] [--size 256]
Portraits at `--size` px (`far_tear.at_size`), driven by the driver cut at `--frames` (its first frame the reference;
default retargeting, `--mouth driver`); the figures (`bluer_share`, `dim_colour`) averaged over the cut's frames
where both the engine's opening and the driver's read (open at least `teeth_band.TALKING` widths). The source repeated
has no opening to read (its closed mouth). To measure an older checkout, run with PYTHONPATH=that/src:bench
(figures/mauve_mouth.py copied in).
"""

from __future__ import annotations

import argparse

import numpy as np
from driven_mouth import named_portraits, read_driver, render_driven
from far_tear import at_size

from facereel.engines.mesh.figures.mauve_mouth import bluer_share, dim_colour


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="sr_4")
    parser.add_argument("--driver", default="lp_d12")
    parser.add_argument("--frames", default="140:171")
    parser.add_argument("--size", type=int, default=256)
    args = parser.parse_args()
    first, end = (int(k) for k in args.frames.split(":"))
    driver = read_driver(args.driver, end, first)
    span = range(len(driver.frames))
    own = np.array([(bluer_share(f, lm), dim_colour(f, lm)) for f, lm in zip(driver.frames, driver.landmarks)])
    print(f"bench/mauve_mouth.py --driver {args.driver} --frames {args.frames} --size {args.size}")
    print("| portrait | frames read | engine bluer share, dim colour | driver's own bluer share, dim colour |")
    print("|---|---|---|---|")
    for name, photo in named_portraits(args.portraits):
        image, lm = at_size(photo, args.size)
        targets, out = render_driven(image, lm, driver, span)
        drawn = np.array([(bluer_share(o, targets[k]), dim_colour(o, targets[k])) for o, k in zip(out, span)])
        read = np.isfinite(drawn).all(1) & np.isfinite(own).all(1)
        engine, driven = drawn[read].mean(0), own[read].mean(0)
        print(f"| {name} | {read.sum()} | {engine[0]:.3f}, {engine[1]:.2f} | {driven[0]:.3f}, {driven[1]:.2f} |")


if __name__ == "__main__":
    main()
