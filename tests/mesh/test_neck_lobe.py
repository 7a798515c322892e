"""No light lobe beside the moved chin: the neck's mirror stops at the jaw's shadow band (`shadow_band`,
`figures.neck_lobe`; issue #9); the band it lays up under a raised chin is a shadow, not a beard (`soft_band`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from mesh_faces import portrait, streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.neck_lobe import NeckLobe
from facereel.engines.mesh.neck_layer.shadow_band import BAND_REACH, RIM_WIDTH, band_end, dark_rim
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LOBE = range(9, 13)
"""lp_d12's frames where the driver leans in, up and left: right of lp_s3's moved chin the lobe showed."""
WEDGE = range(8, 14)
"""lp_d12's frames where sr_8's head, moved ~0.3 face sizes left and down, uncovered a lit wedge right of its jaw."""


def test_the_run_ends_past_a_soft_deep_shadow_band_on_a_lit_neck_only():
    """One column per case, face size 100 px, the run from row 2 to 40, the jaw skin's lightness 150 and saturation
    0.2: a band 25 dark on rows 2-5 rising softly (over 5 rows) to a lit neck (220) half as saturated ends the run
    where the lightness is back half way up (row 8); a band only 0.7 as dark as the lit neck, a lit neck no lighter
    than the jaw skin or as saturated as it (grace_hopper's under her chin), a band below `BAND_REACH`, an even neck,
    or a band as deep whose far edge is a one-row step (a crease: sr_18's lines under its turned jaw, `SOFT`) leave
    the run whole."""
    grey = np.full((50, 7), 220.0, np.float32)

    def soft_band(column: int, dark: float, neck: float, first: int = 2) -> None:
        grey[first:first + 4, column] = dark
        grey[first + 4:first + 9, column] = dark + (neck - dark) * np.arange(1, 6) / 5  # the penumbra

    soft_band(0, 25.0, 220.0)  # the jaw's shadow on a lit neck
    soft_band(1, 154.0, 220.0)  # a shallow shadow (0.7 of the neck)
    grey[:, 2] = 150.0
    soft_band(2, 25.0, 150.0)  # a deep one on a neck as light as the jaw skin
    soft_band(3, 25.0, 220.0, 2 + round(BAND_REACH * 100) + 2)  # a dark stripe lower down (a ribbon on the neck)
    soft_band(5, 25.0, 220.0)  # a deep one on a neck as saturated as the jaw skin
    grey[2:6, 6] = 25.0  # a deep one ending in a step
    saturation = np.full_like(grey, 0.1)
    saturation[:, 5] = 0.2
    start, stop = np.full((1, 7), 2), np.full(7, 40)
    ends = band_end(grey, saturation, start, stop, (150.0, 0.2), 100.0)
    assert ends.tolist() == [8, 40, 40, 40, 40, 40, 40]


def _lobe_lights(shared_data: Path, photo: str, frames: range) -> list[float]:
    """`NeckLobe.lobe_light` of the shared portrait `photo` (its file name) at 512 px x lp_d12 over `frames`, rendered
    as `facereel animate` drives it (streamed); the source repeated reads 0 on each."""
    image, lm, targets = streamed_targets(shared_data, photo, "lp_d12", frames[-1] + 1)
    lobe = NeckLobe(image, lm)
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    assert all(lobe.lobe_light(image, targets[k]) == 0 for k in frames)
    return [lobe.lobe_light(animator.render(targets[k]), targets[k]) for k in frames]


def test_lp_s3s_moved_chin_shows_no_light_lobe_beside_it(shared_data):
    """lp_s3 x lp_d12 frames 9-12 (leaning in, up and left): right of the moved chin the neck it uncovers above the
    photo's jaw line is no lighter than the photo there and its neck just under the jaw, which lies in the jaw's
    shadow (`NeckLobe.lobe_light`: the engine before read 0.60-0.77 a frame, a pale lobe with a light outline; now
    0.00, the shadowed neck under the moved jaw, looked at); the source repeated reads 0."""
    light = _lobe_lights(shared_data, "lp_s3.jpg", LOBE)
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
    light = _lobe_lights(shared_data, "sr_8.png", WEDGE)
    assert np.mean(light) < 0.035 and max(light) < 0.06, light


def test_lp_s0s_moved_chin_shows_no_light_lobe_beside_it(shared_data):
    """lp_s0 x lp_d12 frames 9-12: her jaw's shadow right of the chin is shallower (0.53-0.62 of her lit neck) and her
    neck more saturated (0.63-0.71 of her face's) than lp_s3's, but its far edge is as soft (`shadow_band.SOFT`), so
    the mirror stops at it too (`NeckLobe.lobe_light`: the engine before read 0.10 / 0.32 / 0.26 / 0.23, a pale
    lobe with a light outline; now 0.000-0.002, a shaded tan neck under the moved jaw, looked at)."""
    light = _lobe_lights(shared_data, "lp_s0.jpg", LOBE)
    assert max(light) < 0.05, light


def test_lp_s0s_shadow_under_the_raised_chin_is_not_mottled():
    """lp_s0 (704 px high) x preset:turn (2 s) frames 42, 44, 46: the jaw's shadow band that the neck's mirror lays up
    under her raised, turned chin (its run ends past the band, h21-s0lobe) was mirrored to and fro and stretched up
    by the neck's warp: its brush strokes read as a brown beard. Blurred (`shadow_band.soft_band`),
    `NeckLobe.shadow_mottle` reads 3.12 / 3.53 / 4.45 (mean 3.70; unblurred 3.80 / 4.22 / 5.75, mean 4.59; before
    the band ended the mirror, a pale lobe with a dark outline, 3.93 / 4.39 / 6.58); the source repeated reads 0."""
    image, lm = portrait("lp_s0")
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    lobe, animator = NeckLobe(image, lm), MeshAnimator(image, lm)
    frames = (42, 44, 46)
    assert all(lobe.shadow_mottle(image, targets[k]) == 0 for k in frames)
    mottle = [lobe.shadow_mottle(animator.render(targets[k]), targets[k]) for k in frames]
    assert np.mean(mottle) < 4.1, np.round(mottle, 2)
