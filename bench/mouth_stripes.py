"""Thin light and dark lines across a driven open mouth (`engines/mesh/figures/mouth_stripes.py`), beside the source
repeated and the driver's own mouth.

Usage: python bench/mouth_stripes.py [--portraits sr_4,lp_s12,lp_s1,grace_hopper] [--driver sr_1] [--frames 78]
Portraits at 512 px (as `animate --size 512`: tracked on the photo, the landmarks scaled; `far_tear.at_size`), driven
by the driver's first `--frames` frames (default retargeting, `--mouth driver`); per portrait the figure's mean and
max over the frames (mouth widths of 1-px lines inside the opening), how many frames read over 0.1, the source
repeated (the photo read at the target's opening) and the driver's own mouth over the same frames. To measure an
older checkout, run with PYTHONPATH=that/src:bench (figures/mouth_stripes.py copied in).
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, frame_span, named_portraits, print_head, read_driver, render_driven
from far_tear import at_size

from facereel.engines.mesh.figures.mouth_stripes import mouth_stripes

STRIPED = 0.1
"""Mouth widths of 1-px lines from which a frame is counted as striped."""


def main() -> None:
    args = arguments(__doc__, "sr_4,lp_s12,lp_s1,grace_hopper", "sr_1", "78")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    own = [mouth_stripes(driver.frames[k], driver.landmarks[k]) for k in span]
    print_head("mouth_stripes.py", args, ["portrait", "source repeated mean", "engine mean / max",
                                          "frames over 0.1", "driver's own mean / max"])
    for name, photo in named_portraits(args.portraits):
        image, lm = at_size(photo)
        targets, out = render_driven(image, lm, driver, span)
        engine = np.array([mouth_stripes(frame, targets[k]) for frame, k in zip(out, span)])
        still = np.mean([mouth_stripes(image, targets[k]) for k in span])
        striped = f"{int((engine > STRIPED).sum())} of {len(engine)}"
        print(f"| {name} | {still:.3f} | {engine.mean():.3f} / {engine.max():.3f} | {striped} |"
              f" {np.mean(own):.3f} / {np.max(own):.3f} |")


if __name__ == "__main__":
    main()
