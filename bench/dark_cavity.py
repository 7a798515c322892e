"""The driver's mouth interior on an underexposed portrait, beside the source repeated and the driver's own: `cavity`
(`eval.mouth_teeth.mouth_look`'s: the darkest quarter of the opening's L* over the skin's) and `chroma`
(`figures/mouth_chroma.interior_chroma`'s mean of the opening's chroma over the skin's).

Usage: python bench/dark_cavity.py [--portraits sr_8,lp_s0,lp_s12] [--driver lp_d18] [--frames 80:90]
Portraits at 512 px (as `animate --size 512`; `far_tear.at_size`), each darkened in linear light to each of
`EXPOSURES` (`figures/dark_mouth.underexposed`: an underexposed photo, landmarks as tracked on the photo), driven
by the driver from its first frame (default retargeting, `--mouth driver`); the figures averaged over the `--frames`
they read (the engine and the source repeated read at the targets against the darkened photo's lips and skin, the
driver at its own). Above the driver's own: the opening lighter / more colourful than the driver's, relative to
each skin (a pale oval, a vivid red one, on a dark face). To measure an older checkout, run with
PYTHONPATH=that/src:bench (figures/dark_mouth.py copied in).
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, finite_means, frame_span, named_portraits, print_head, read_driver, render_driven
from far_tear import at_size

from facereel.engines.mesh.figures.dark_mouth import underexposed
from facereel.engines.mesh.figures.mouth_chroma import interior_chroma
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour
from facereel.eval.mouth_teeth import mouth_look

EXPOSURES = (1.0, 0.25, 0.1, 0.05)  # shares of the photo's linear light read


def _reads(frames: list[np.ndarray], landmarks: list[np.ndarray], photo: np.ndarray | None = None,
           lm: np.ndarray | None = None) -> str:
    """'cavity, chroma' averaged over frames (H, W, 3) read at their (478, 3) px landmarks (NaN reads left out);
    the chroma against the lips and skin of `photo` at `lm` where given, else each frame's own."""
    lip, skin = (lip_colour(photo, lm), skin_colour(photo, lm)) if photo is not None else (None, None)
    reads = np.array([(mouth_look(f, p).cavity, interior_chroma(f, p, lip, skin)[1])
                      for f, p in zip(frames, landmarks)])
    return finite_means(reads, 3)


def main() -> None:
    args = arguments(__doc__, "sr_8,lp_s0,lp_s12", "lp_d18", "80:90")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    own = _reads([driver.frames[k] for k in span], [driver.landmarks[k] for k in span])
    print_head("dark_cavity.py", args, ["portrait", "exposure", "skin L*", "source repeated cavity, chroma",
                                        "engine cavity, chroma", "driver's own cavity, chroma"])
    for name, photo in named_portraits(args.portraits):
        image, lm = at_size(photo)
        for exposure in EXPOSURES:
            dark = underexposed(image, exposure)
            targets, out = render_driven(dark, lm, driver, span)
            still = _reads([dark] * len(span), [targets[k] for k in span], dark, lm)
            engine = _reads(out, [targets[k] for k in span], dark, lm)
            skin = float(to_lab(skin_colour(dark, lm))[0])
            print(f"| {name} | {exposure:g} | {skin:.1f} | {still} | {engine} | {own} |")


if __name__ == "__main__":
    main()
