"""How far a driven mouth opens for its width (`engines/mesh/figures/mouth_aspect.py`), beside the source repeated
and the driver's own mouth.

Usage: python bench/mouth_aspect.py [--portraits sr_4,lp_s1,lp_s3,lp_s5] [--driver lp_d18] [--frames 66:95]
Portraits at 512 px (as `animate --size 512`; `far_tear.at_size`), driven by the driver from its first frame (default
retargeting, `--mouth driver`); per portrait the photo's own inner-lip gap over mouth width (the source repeated),
the targets' (the retargeting's) and the engine's frames' re-tracked, averaged over `--frames`, and the driver's own
(its tracked landmarks). To measure an older checkout, run with PYTHONPATH=that/src:bench (figures/mouth_aspect.py
copied in).
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, frame_span, named_portraits, print_head, read_driver, render_driven
from far_tear import at_size

from facereel.engines.mesh.figures.mouth_aspect import opening_per_width, retracked_opening_per_width


def main() -> None:
    args = arguments(__doc__, "sr_4,lp_s1,lp_s3,lp_s5", "lp_d18", "66:95")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    own = float(opening_per_width(driver.landmarks[span.start:span.stop]).mean())
    print_head("mouth_aspect.py", args, ["portrait", "source repeated", "targets", "engine (re-tracked)",
                                         "driver's own"])
    for name, photo in named_portraits(args.portraits):
        image, lm = at_size(photo)
        targets, out = render_driven(image, lm, driver, span)
        still = float(opening_per_width(lm[None])[0])
        aimed = float(opening_per_width(targets[span.start:span.stop]).mean())
        engine = float(np.nanmean(retracked_opening_per_width(out, driver.motion.fps)))
        print(f"| {name} | {still:.3f} | {aimed:.3f} | {engine:.3f} | {own:.3f} |", flush=True)


if __name__ == "__main__":
    main()
