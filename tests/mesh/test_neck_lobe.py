"""No light lobe beside the moved chin: the neck's mirror stops at the jaw's shadow band (`shadow_band`,
`figures.neck_lobe`; issue #9)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from mesh_faces import streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.neck_lobe import NeckLobe
from facereel.engines.mesh.neck_layer.shadow_band import BAND_REACH, band_end

LOBE = range(9, 13)
"""lp_d12's frames where the driver leans in, up and left: right of lp_s3's moved chin the lobe showed."""


def test_the_run_ends_past_a_deep_shadow_band_on_a_lit_neck_only():
    """One column per case, face size 100 px, the run from row 2 to 40, the jaw skin's lightness 150 and saturation
    0.2: a band 25 dark on rows 2-7 over a lit neck (220) half as saturated ends the run where the lightness is back
    half way up (row 8); a band only half as dark as the lit neck (sr_18's under its chin), a lit neck no lighter than
    the jaw skin or as saturated as it (grace_hopper's under her chin), a band below `BAND_REACH`, or an even neck
    leave the run whole."""
    grey = np.full((50, 6), 220.0, np.float32)
    grey[2:8, 0] = 25.0  # the jaw's shadow on a lit neck
    grey[2:8, 1] = 120.0  # a shallow shadow (0.55 of the neck)
    grey[:, 2] = 150.0
    grey[2:8, 2] = 25.0  # a deep one on a neck as light as the jaw skin
    deep_below = 2 + round(BAND_REACH * 100) + 2
    grey[deep_below:deep_below + 6, 3] = 25.0  # a dark stripe lower down (a ribbon on the neck)
    grey[2:8, 5] = 25.0  # a deep one on a neck as saturated as the jaw skin
    saturation = np.full_like(grey, 0.1)
    saturation[:, 5] = 0.2
    start, stop = np.full((1, 6), 2), np.full(6, 40)
    ends = band_end(grey, saturation, start, stop, (150.0, 0.2), 100.0)
    assert ends.tolist() == [8, 40, 40, 40, 40, 40]


def _lp_s3_leaning(shared_data: Path) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """lp_s3 at 512 px (image, landmarks (478, 3) px) and its targets for lp_d12's frames up to the last of `LOBE`, as
    `facereel animate` drives them (streamed)."""
    return streamed_targets(shared_data, "lp_s3.jpg", "lp_d12", LOBE[-1] + 1)


def test_lp_s3s_moved_chin_shows_no_light_lobe_beside_it(shared_data):
    """lp_s3 x lp_d12 frames 9-12 (leaning in, up and left): right of the moved chin the neck it uncovers above the
    photo's jaw line is no lighter than the photo there and its neck just under the jaw, which lies in the jaw's
    shadow (`NeckLobe.lobe_light`: the engine before read 0.60-0.77 a frame, a pale lobe with a light outline; now
    0.00, the shadowed neck under the moved jaw, looked at); the source repeated reads 0."""
    image, lm, targets = _lp_s3_leaning(shared_data)
    lobe = NeckLobe(image, lm)
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    light = [lobe.lobe_light(animator.render(targets[k]), targets[k]) for k in LOBE]
    assert all(lobe.lobe_light(image, targets[k]) == 0 for k in LOBE)
    assert max(light) < 0.05, light
