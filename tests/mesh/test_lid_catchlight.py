"""A catchlight under a lowered lid (issue #9, h38-eyes): sr_8 at 448 x lp_d3 5-40's squinted image-right eye showed
its catchlight as a cyan dot in the lid's dark band; it now fades out over the lid's shadow under its edge
(`eyes.EyeRenderer._lit`), scored by `figures.lid_catchlight.lid_light`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from mesh_faces import set_up_copy, streamed_targets

from facereel.engines.mesh.figures.lid_catchlight import lid_light

EYE = "image-right"
SQUINT = range(4, 16)
"""The clip's frames (its cut's frame 0 first) on which the image-right eye is squinted to a ~5 px slit."""


def test_a_lowered_lid_hides_its_catchlight(shared_data: Path) -> None:
    """`lid_light` over frames 4-15: source repeated 14 (the open eye's band holds no catchlight); before h38-eyes
    median 41, highest 77 (the dot at full step 1-2 px under the margin); after 21 and 39 (a grey speck left at
    frames 4, 14, 15 in the lash line's blur under the margin: 39, 33, 31); since h39-eyes the catchlight fades out
    from where that blur ends (`eyes.LASH_REACH`): 18.5 and 25."""
    image, lm, targets = streamed_targets(shared_data, "sr_8.png", "lp_d3", 5 + max(SQUINT) + 1, 448, 5)
    animator = set_up_copy(image, lm)
    reads = []
    for k, target in enumerate(targets):
        frame = animator.render(target)
        if k in SQUINT:
            reads.append(lid_light(frame, target, EYE))
    assert lid_light(image, lm, EYE) < 25  # the source's own band: no catchlight under its open lid
    assert float(np.nanmedian(reads)) < 30, np.round(reads)
    assert float(np.nanmax(reads)) < 30, np.round(reads)
