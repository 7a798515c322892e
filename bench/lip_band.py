"""The lips' inner band round a wide-open driven mouth and at its opened corners (`engines/mesh/figures/lip_band.py`:
`lip_band`, `corner_band`, `lower_band`), beside the source repeated and the driver's own lips.

Usage: python bench/lip_band.py [--portraits lp_s1,lp_s0,sr_18,grace_hopper] [--driver lp_d12] [--frames 118:130]
Portraits at 512 px (as `animate --size 512`; grace_hopper from matplotlib), landmarks tracked there, driven by the
driver's first frames up to `--frames`' end (default retargeting, `--mouth driver`); the figure (lips' band within
2 px of the inner-lip contour less their body, / skin grey level; below 0: the lips darken towards the opening) is
averaged over `--frames`; the corners' figure reads the same at the opened corners alone, the lower one on the lower
lip alone. To measure an older checkout, run with PYTHONPATH=that/src (figures/lip_band.py copied in).
"""

from __future__ import annotations

import cv2
import numpy as np
from driven_mouth import arguments, frame_span, named_portraits, print_head, read_driver, render_driven

from facereel.engines.mesh.figures.lip_band import corner_band, lip_band, lower_band
from facereel.face.tracking import track_image

FIGURES = (lip_band, corner_band, lower_band)


def _at_most_512(photo: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: `photo` shrunk (area) to at most 512 px on its longer side (a smaller one kept)."""
    scale = 512 / max(photo.shape[:2])
    if scale < 1:
        photo = cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(photo)


def main() -> None:
    args = arguments(__doc__, "lp_s1,lp_s0,sr_18,grace_hopper", "lp_d12", "118:130")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    own = [np.nanmean([f(driver.frames[k], driver.landmarks[k]) for k in span]) for f in FIGURES]
    print_head("lip_band.py", args, ["portrait", "source repeated (band / corners / lower)", "engine", "driver's own"])
    for name, photo in named_portraits(args.portraits):
        image = _at_most_512(photo)
        lm = track_image(image).landmarks[0]
        targets, out = render_driven(image, lm, driver, span)
        engine = [np.nanmean([f(o, targets[k]) for o, k in zip(out, span)]) for f in FIGURES]
        still = [np.nanmean([f(image, targets[k]) for k in span]) for f in FIGURES]
        cells = (" / ".join(f"{v:+.3f}" for v in pair) for pair in (still, engine, own))
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
