"""The driver's teeth in the photo's coloured light beside its own teeth (`engines/mesh/figures/teeth_band.py`'s
`own_apart`: the teeth's CIELAB (a*, b*) distance from the photo's own teeth's).

Usage: python bench/own_teeth_hue.py [--portraits sr_8] [--driver lp_d11] [--frames 14:24]
Portraits (own size) driven by the driver cut to its frames `CUT` (as `facereel animate` runs the cut clip, `--mouth
driver`), the cut's frames `--frames` read (those whose teeth read, from `teeth_band.TALKING` mouth widths). Columns,
mean (max) over them: the source repeated (the photo read at the targets), the engine before (the driver's teeth in
the skin's hue, `mouth_driver.own_hue` off) and now. A portrait that shows no teeth of its own is left out.
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, frame_span, named_portraits, print_head, read_driver, render_driven

from facereel.engines.mesh.figures.teeth_band import own_apart
from facereel.engines.mesh.open_mouth import mouth_driver
from facereel.engines.mesh.open_mouth.mouth import MouthRenderer
from facereel.face.tracking import track_image

CUT = "132:168"  # the driver's frames cut (first:end): lp_d11's, h28-fresh's find (4)


def _cell(frames: list[np.ndarray], targets: np.ndarray, own: np.ndarray) -> str:
    """"mean (max)" of `own_apart` over frames (H, W, 3) at their targets (478, 3) px, frames without teeth left out."""
    reads = [r for r in (own_apart(f, t, own) for f, t in zip(frames, targets)) if r is not None]
    return f"{np.mean(reads):.1f} ({np.max(reads):.1f})" if reads else "-"


def main() -> None:
    args = arguments(__doc__, "sr_8", "lp_d11", "14:24")
    cut = frame_span(CUT)
    span = frame_span(args.frames)
    driver = read_driver(args.driver, cut.stop, cut.start)
    print_head("own_teeth_hue.py", args, ["portrait", "source repeated", "before", "now"])
    for name, image in named_portraits(args.portraits):
        lm = track_image(image).landmarks[0]
        own = MouthRenderer(image, lm).colours.own_teeth
        if own is None:
            continue
        targets, now = render_driven(image, lm, driver, span)
        hue = mouth_driver.own_hue
        mouth_driver.own_hue = lambda *_: None  # the engine before: the teeth in the skin's hue
        try:
            before = render_driven(image, lm, driver, span)[1]
        finally:
            mouth_driver.own_hue = hue
        shown = targets[list(span)]
        print(f"| {name} | {_cell([image] * len(span), shown, own)} | {_cell(before, shown, own)} | "
              f"{_cell(now, shown, own)} |")


if __name__ == "__main__":
    main()
