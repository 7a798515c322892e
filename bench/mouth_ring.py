"""A thin pale ring just inside the lips round a driven open mouth (`engines/mesh/figures/mouth_ring.py`), beside the
source repeated and the driver's own mouth.

Usage: python bench/mouth_ring.py [--portraits sr_4] [--driver lp_d18] [--frames 66:95]
Portraits at most 512 px (as `animate --size 512`; grace_hopper from matplotlib), landmarks tracked there, driven by
the driver's first frames up to `--frames`' end (default retargeting, `--mouth driver`); the figure (the opening's
edge pixels' lightness over both neighbours across the inner-lip contour, / skin grey level; 0: no pale line) is
averaged over `--frames`. To measure an older checkout, run with PYTHONPATH=that/src (figures/mouth_ring.py copied
in).
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, frame_span, named_portraits, print_head, read_driver, render_driven
from lip_band import _at_most_512

from facereel.engines.mesh.figures.mouth_ring import mouth_ring
from facereel.face.tracking import track_image


def main() -> None:
    args = arguments(__doc__, "sr_4", "lp_d18", "66:95")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    own = np.nanmean([mouth_ring(driver.frames[k], driver.landmarks[k]) for k in span])
    print_head("mouth_ring.py", args, ["portrait", "source repeated", "engine", "driver's own"])
    for name, photo in named_portraits(args.portraits):
        image = _at_most_512(photo)
        lm = track_image(image).landmarks[0]
        targets, out = render_driven(image, lm, driver, span)
        engine = np.nanmean([mouth_ring(o, targets[k]) for o, k in zip(out, span)])
        still = np.nanmean([mouth_ring(image, targets[k]) for k in span])
        print(f"| {name} | {still:.4f} | {engine:.4f} | {own:.4f} |")


if __name__ == "__main__":
    main()
