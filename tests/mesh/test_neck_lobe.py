"""No light lobe beside the moved chin: the neck's mirror stops at the jaw's shadow band (`shadow_band`,
`figures.neck_lobe`; issue #9)."""

from __future__ import annotations


import numpy as np
from mesh_faces import streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.neck_lobe import NeckLobe
from facereel.engines.mesh.neck_layer.shadow_band import BAND_REACH, RIM_WIDTH, band_end, dark_rim

LOBE = range(9, 13)
"""lp_d12's frames where the driver leans in, up and left: right of lp_s3's moved chin the lobe showed."""
WEDGE = range(8, 14)
"""lp_d12's frames where sr_8's head, moved ~0.3 face sizes left and down, uncovered a lit wedge right of its jaw."""


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


def test_lp_s3s_moved_chin_shows_no_light_lobe_beside_it(shared_data):
    """lp_s3 x lp_d12 frames 9-12 (leaning in, up and left): right of the moved chin the neck it uncovers above the
    photo's jaw line is no lighter than the photo there and its neck just under the jaw, which lies in the jaw's
    shadow (`NeckLobe.lobe_light`: the engine before read 0.60-0.77 a frame, a pale lobe with a light outline; now
    0.00, the shadowed neck under the moved jaw, looked at); the source repeated reads 0."""
    image, lm, targets = streamed_targets(shared_data, "lp_s3.jpg", "lp_d12", LOBE[-1] + 1)
    lobe = NeckLobe(image, lm)
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    light = [lobe.lobe_light(animator.render(targets[k]), targets[k]) for k in LOBE]
    assert all(lobe.lobe_light(image, targets[k]) == 0 for k in LOBE)
    assert max(light) < 0.05, light


def test_a_wide_dark_rim_above_a_lit_run_is_the_jaws_shadow():
    """Face size 100 px, the run from row 20 to 60 lit (200), the `BAND_REACH` rows above it: over 20 columns a rim 30
    dark (sr_8's jaw shadow in the head's soft edge) holds, one lit column in it included; the same rim over fewer
    columns than `RIM_WIDTH` (grace_hopper's few under her chin), a rim only a little darker (150) or a column with
    no run below does not."""
    grey = np.full((70, 80), 200.0, np.float32)
    grey[14:20, 0:20] = 30.0  # a wide dark rim, one column lit
    grey[14:20, 9] = 200.0
    narrow = round(RIM_WIDTH * 100) - 3
    grey[14:20, 30:30 + narrow] = 30.0  # a narrow one
    grey[14:20, 45:65] = 150.0  # a shallow one
    start, stop = np.full((1, 80), 20), np.full(80, 60)
    stop[70:] = 20  # no run
    grey[14:20, 70:] = 30.0
    rim = dark_rim(grey, start, stop, 100.0)
    assert rim[:20].all() and not rim[20:].any(), np.flatnonzero(rim)


def test_sr8s_head_moved_aside_uncovers_no_lit_wedge_beside_its_jaw(shared_data):
    """sr_8 x lp_d12 frames 8-13 (the head moved ~0.3 face sizes left and down, grown 1.13x): between the moved jaw and
    the moved hood the neck above the photo's jaw line is in the jaw's shadow (`shadow_band.dark_rim`), not its lit
    front mirrored up (`NeckLobe.lobe_light`: the engine before read 0.070 a frame on average, 0.121 at frame 10, a lit
    wedge with light edges; now 0.021 / 0.040, a dim wedge, looked at); the source repeated reads 0."""
    image, lm, targets = streamed_targets(shared_data, "sr_8.png", "lp_d12", WEDGE[-1] + 1)
    lobe = NeckLobe(image, lm)
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    light = [lobe.lobe_light(animator.render(targets[k]), targets[k]) for k in WEDGE]
    assert all(lobe.lobe_light(image, targets[k]) == 0 for k in WEDGE)
    assert np.mean(light) < 0.035 and max(light) < 0.06, light
