"""A shut lid's lines in the lid's hue, not the iris's (`eye.eyes._lash_colour`), scored by `figures.lid_hue`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from mesh_faces import set_up_copy, streamed_targets

from facereel.engines.mesh.eye.eyes import _lash_colour
from facereel.engines.mesh.figures.lid_hue import lid_hues

SHUT = {1: range(8, 13), 0: range(28, 35)}
"""The clip's frames (its cut's frame 0 first) on which each eye (0 image-left, 1 image-right) is winked or squinted."""


def test_a_shut_lid_is_not_a_bruise(shared_data: Path) -> None:
    """lp_s5 (a warm painting, eyes 16 px wide) at 384 x lp_d3 5-40: the winked and squinted lids, frames 8-12
    image-right and 28-34 image-left, were a blue-grey-violet patch: the lash line, crease and edge shadow were drawn
    in the lash colour, the darkest tenth right above the upper lid, which on so small an eye is the painting's
    blue-black iris showing above the tracked lid (violet, RGB ~(26, 12, 26)). `cool` (the shut lid's darkest quarter's
    hue less the lid skin's, degrees), medians over those frames, image-right / image-left: before -34.9 / -30.4; the
    lash colour in the hue of the band's darkest outside the iris disc (its luminance kept): -14.8 / -7.2. The source
    repeated has no shut lid (NaN)."""
    image, lm, targets = streamed_targets(shared_data, "lp_s5.jpg", "lp_d3", 41, 384, 5)
    animator = set_up_copy(image, lm)
    figs = lid_hues(image, lm)
    assert all(np.isnan(fig.cool(image, lm)) for fig in figs)
    reads: dict[int, list[float]] = {0: [], 1: []}
    for k, target in enumerate(targets[:max(SHUT[0]) + 1]):
        frame = animator.render(target)
        for eye, frames in SHUT.items():
            if k in frames:
                reads[eye].append(figs[eye].cool(frame, target))
    medians = [float(np.nanmedian(reads[eye])) for eye in (1, 0)]
    assert min(medians) > -22, medians


def test_the_iris_colour_is_not_the_lashes() -> None:
    """Made-up eye: a warm brown lash line with a violet iris above the lid's middle: the lash colour keeps the
    band's darkest luminance in the lashes' hue; with no iris in the band it is the darkest tenth as it is."""
    image = np.full((40, 60, 3), (180, 120, 80), np.uint8)
    image[18:21, 10:50] = (60, 30, 15)  # the lashes
    image[16:21, 26:34] = (20, 10, 24)  # the iris's top, darker still
    lid = np.array([[10, 20], [30, 20], [50, 20]], np.float32)
    colour = _lash_colour(image, lid, 40.0, np.array([30.0, 20.0]), 7.0)
    luma = np.float32([0.299, 0.587, 0.114])
    assert colour[0] > colour[2] * 2  # warm, not violet
    darkest = _lash_colour(image, lid, 40.0, np.array([30.0, 90.0]), 7.0)  # the iris disc off the band
    assert abs(float(colour @ luma) - float(darkest @ luma)) < 1.0
    assert darkest[2] > darkest[1]  # ... there the darkest tenth is the iris's violet
