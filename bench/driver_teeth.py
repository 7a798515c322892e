"""The driver's teeth carried into a portrait (`--mouth driver`): `engines/mesh/figures/teeth_band.py`'s dull and
grey, beside the source repeated and the driver's own mouth.

Usage: python bench/driver_teeth.py [--portraits lp_s12,lp_s1,grace_hopper] [--driver lp_d12] [--frames 30:56]
Portraits at 512 px (as `animate --size 512`; `far_tear.at_size`), driven by the driver from its first frame
(default retargeting, `--mouth driver`); the figure read on the `--frames` range (lp_d12 30-55: its smile showing
its upper teeth). Per portrait the mean dull and grey (and grey's max) over the frames the figure reads at the
target, the source repeated (the photo read inside the target's opening) and the driver's own mouth on the same
frames; and the teeth's L* (`teeth_lightness`, mean over the frames) of each beside the photo's own teeth's
(`mouth_driver.own_teeth_light`, "-" where its mouth shows none). To measure an older checkout, run with
PYTHONPATH=that/src:bench.
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, frame_span, named_portraits, print_head, read_driver, render_driven
from far_tear import at_size

from facereel.engines.mesh.figures.teeth_band import teeth_band, teeth_band_reads, teeth_lightness
from facereel.engines.mesh.open_mouth.mouth import MouthRenderer


def _figures(frames: list[np.ndarray], landmarks: list[np.ndarray]) -> str:
    """'dull / grey (max grey)' means of `teeth_band` over (H, W, 3) frames read at their (478, 3) landmarks."""
    read = np.array([teeth_band(f, lm) for f, lm in zip(frames, landmarks) if teeth_band_reads(lm)])
    light = [v for f, lm in zip(frames, landmarks) if (v := teeth_lightness(f, lm)) is not None]
    band = f"{read[:, 0].mean():.3f} / {read[:, 1].mean():.3f} ({read[:, 1].max():.3f})" if len(read) else "-"
    return f"{band}, L* {np.mean(light):.1f}" if light else band


def main() -> None:
    args = arguments(__doc__, "lp_s12,lp_s1,grace_hopper", "lp_d12", "30:56")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    read = "dull / grey (max), teeth L*"
    print_head("driver_teeth.py", args, ["portrait", "frames read", f"source repeated {read}", f"engine {read}",
                                         f"driver's own {read}", "photo's own teeth L*"])
    own = _figures([driver.frames[i] for i in span], [driver.landmarks[i] for i in span])
    for name, photo in named_portraits(args.portraits):
        image, lm = at_size(photo)
        targets, out = render_driven(image, lm, driver, span)
        shown = [targets[i] for i in span]
        own_l = MouthRenderer(image, lm).colours.own_teeth_l
        print(f"| {name} | {sum(teeth_band_reads(t) for t in shown)} of {len(shown)} |"
              f" {_figures([image] * len(shown), shown)} | {_figures(out, shown)} | {own} |"
              f" {'-' if own_l is None else f'{own_l:.1f}'} |")


if __name__ == "__main__":
    main()
