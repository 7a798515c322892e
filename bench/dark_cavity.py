"""The driver's mouth cavity on an underexposed portrait (`eval.mouth_teeth.mouth_look`'s cavity: the darkest quarter
of the opening's L* over the skin's), beside the source repeated and the driver's own.

Usage: python bench/dark_cavity.py [--portraits sr_8,lp_s0,lp_s12] [--driver lp_d18] [--frames 80:90]
Portraits at 512 px (as `animate --size 512`; `far_tear.at_size`), each darkened in linear light to each of
`EXPOSURES` (`mouth_driver.tinted`: an underexposed photo, landmarks as tracked on the photo), driven by the driver
from its first frame (default retargeting, `--mouth driver`); the figure averaged over the `--frames` it reads (the
engine and the source repeated read at the targets against the darkened photo's skin, the driver at its own). Above
the driver's own: the opening lighter than the driver's, relative to each skin (a pale oval on a dark face). To
measure an older checkout, run with PYTHONPATH=that/src:bench.
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, frame_span, named_portraits, print_head, read_driver, render_driven
from far_tear import at_size

from facereel.engines.mesh.open_mouth.mouth_driver import tinted, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour
from facereel.eval.mouth_teeth import mouth_look

EXPOSURES = (1.0, 0.25, 0.1, 0.05)  # shares of the photo's linear light read


def underexposed(image: np.ndarray, exposure: float) -> np.ndarray:
    """(H, W, 3) uint8 RGB `image` with its linear light times `exposure` (0-1)."""
    return np.round(tinted(image, np.full(3, exposure, np.float32))).astype(np.uint8)


def _cavity(frames: list[np.ndarray], landmarks: list[np.ndarray]) -> str:
    """The mean cavity figure over frames (H, W, 3) read at their (478, 3) px landmarks (NaN reads left out)."""
    reads = np.array([mouth_look(f, lm).cavity for f, lm in zip(frames, landmarks)])
    reads = reads[np.isfinite(reads)]
    return f"{reads.mean():.3f}" if len(reads) else "-"


def main() -> None:
    args = arguments(__doc__, "sr_8,lp_s0,lp_s12", "lp_d18", "80:90")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    own = _cavity([driver.frames[k] for k in span], [driver.landmarks[k] for k in span])
    print_head("dark_cavity.py", args, ["portrait", "exposure", "skin L*", "source repeated", "engine", "driver's own"])
    for name, photo in named_portraits(args.portraits):
        image, lm = at_size(photo)
        for exposure in EXPOSURES:
            dark = underexposed(image, exposure)
            targets, out = render_driven(dark, lm, driver, span)
            still = _cavity([dark] * len(span), [targets[k] for k in span])
            engine = _cavity(out, [targets[k] for k in span])
            skin = float(to_lab(skin_colour(dark, lm))[0])
            print(f"| {name} | {exposure:g} | {skin:.1f} | {still} | {engine} | {own} |")


if __name__ == "__main__":
    main()
