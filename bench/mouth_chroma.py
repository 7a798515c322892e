"""A carried mouth interior more colourful than the face round it (`engines/mesh/figures/mouth_chroma.py`), beside the
source repeated and the driver's own mouth.

Usage: python bench/mouth_chroma.py [--portraits sr_8] [--driver lp_d12] [--frames 33:53]
Portraits at 512 px (as `animate --size 512`; `far_tear.at_size`), driven by the driver from its first frame (default
retargeting, `--mouth driver`); the figure (the opening's chroma: its 90th percentile over the lips' chroma, its mean
over the skin's; the engine and the source repeated read against the photo's lips and skin, the driver against its
own) averaged over the `--frames` it reads. To measure an older checkout, run with PYTHONPATH=that/src:bench
(figures/mouth_chroma.py copied in).
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, frame_span, named_portraits, print_head, read_driver, render_driven
from far_tear import at_size

from facereel.engines.mesh.figures.mouth_chroma import interior_chroma
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour


def _mean(reads: list[tuple[float, float]]) -> str:
    """'p90 / lips, mean / skin' averaged over the frames read (NaN pairs left out)."""
    read = np.array(reads)
    read = read[~np.isnan(read).any(1)]
    return f"{read[:, 0].mean():.2f}, {read[:, 1].mean():.2f}" if len(read) else "-"


def main() -> None:
    args = arguments(__doc__, "sr_8", "lp_d12", "33:53")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    own = _mean([interior_chroma(driver.frames[k], driver.landmarks[k]) for k in span])
    read = "p90 chroma / lips, mean / skin"
    print_head("mouth_chroma.py", args, ["portrait", f"source repeated {read}", f"engine {read}",
                                         f"driver's own {read}"])
    for name, photo in named_portraits(args.portraits):
        image, lm = at_size(photo)
        lip, skin = lip_colour(image, lm), skin_colour(image, lm)
        targets, out = render_driven(image, lm, driver, span)
        still = _mean([interior_chroma(image, targets[k], lip, skin) for k in span])
        engine = _mean([interior_chroma(o, targets[k], lip, skin) for o, k in zip(out, span)])
        print(f"| {name} | {still} | {engine} | {own} |")


if __name__ == "__main__":
    main()
