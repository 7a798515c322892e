"""The shadowed neck tone under sr_8's moved chin keeps her neck's hue (issue #9): `neck._chin_texture` lays the
chin's shading and folds on it, none of its colour (`neck._grey`); with the colour kept, the blurred lower lip under
her cyan light was a lilac streak in the lit patch under the chin (preset:turn 12-16, 512 px; sr_8 from
../shared/data, skipped when absent). Read by `figures.tone_hue` on the tone's own pixels in the frame."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.figures.tone_hue import ToneHue
from facereel.engines.mesh.geometry import head_proxy
from facereel.engines.mesh.neck_layer import neck, shadow_band
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (12, 14, 16)
"""preset:turn frames where the engine before showed the lilac streak under sr_8's moved chin."""


@pytest.fixture(scope="module")
def sr_8_turning(shared_data: Path) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """sr_8 at 512 px (image, landmarks (478, 3) px) and its preset:turn targets, as `facereel animate` drives them."""
    path = shared_data / "portraits" / "sr_8.png"
    if not path.exists():
        pytest.skip(f"{path} not present")
    source = resize_source(load_source(path), 512)
    targets = retarget(source.landmarks, preset_motion("turn"), RetargetOptions().for_engine("mesh"))
    return source.image, source.landmarks, targets


def _hues(sr_8_turning) -> tuple[np.ndarray, np.ndarray]:
    """`ToneHue.tone_hue` of sr_8's `FRAMES` rendered and of the source repeated: (len(FRAMES),) each."""
    image, lm, targets = sr_8_turning
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    figure = ToneHue(animator)
    rendered, repeated = [], []
    for k in FRAMES:
        rendered.append(figure.tone_hue(animator.render(targets[k]), animator))
        repeated.append(figure.tone_hue(image, animator))
    return np.array(rendered), np.array(repeated)


def test_sr_8s_tone_under_the_moved_chin_has_no_lilac_streak(sr_8_turning, monkeypatch):
    """With the chin's texture in colour (the engine before) the tone's hue off her neck's reads 0.037-0.044 a frame
    (the lilac streak, looked at); grey, under 0.025 (0.017-0.018: the lit patch's own bluer cyan, left; 0.006-0.007
    since h25-sr8chin took her lit chin tip along with the head, `head_proxy.outside_face`); the source repeated reads
    0 either way. The engine before has that tip on the plate too: with the colour kept and the tip moved the streak
    is fainter and narrower (0.022-0.024, frame 14 at 4x). Nor does it fade the tone into her hoodie at its end
    (h25-sr8step, `hole_end.into_clothes`): with that fade the coloured engine's frame 12 read 0.026 (the tone's pixels
    by the hoodie took its colour; not looked at), so the engine before is rebuilt without it, and without the jaw
    shadow's rim going on along the jaw (h27-staircase, `shadow_band.RIM_FADE`: with it frame 12 read 0.030, its tone
    beside the chin the rim's shadow, not the lit neck mirrored up), nor with the jaw band colouring the tone averaged
    along it (h30-s12neck, `neck_tone.along_band`: with it the coloured engine read 0.023-0.029, its streak spread along
    the band), nor with the hood under the far jaw out of the head (h37-chin, `head_proxy.FAR_DARK`: with it
    0.024-0.027, the plate there the hood, not its hole's fill)."""
    mended, repeated = _hues(sr_8_turning)
    with monkeypatch.context() as patch:
        patch.setattr(neck, "_grey", lambda texture: texture)
        patch.setattr(head_proxy, "outside_face", lambda region, *_: region)
        patch.setattr(layers, "into_clothes", lambda plate, *_: plate)
        patch.setattr(shadow_band, "RIM_FADE", 0.0)
        patch.setattr(neck, "along_band", lambda colour, band, face_px: colour)
        patch.setattr(head_proxy, "FAR_DARK", 0.0)
        coloured, repeated_before = _hues(sr_8_turning)
    assert (repeated == 0).all() and (repeated_before == 0).all()
    assert coloured.min() > 0.03, coloured
    assert mended.max() < 0.025, mended


def test_the_tone_share_is_kept_on_the_necks_box_only(sr_8_turning):
    """`HeadLayer` keeps the tone's share of the neck plate on the neck's box ((n, m)); the crop-sized array
    (the engine before kept one per source) is made only when the `tone_hue` figure asks (`laid_tone`)."""
    image, lm, _ = sr_8_turning
    layer = MeshAnimator(image, lm, mesh_options(AnimateOptions())).layer
    rows, cols = layer._neck_box
    assert layer._tone_share.shape == (rows.stop - rows.start, cols.stop - cols.start)
    share = layer.laid_tone(None)
    assert share.shape == layer.alpha.shape
    assert np.array_equal(share[rows, cols], layer._tone_share)
    share[rows, cols] = 0
    assert not share.any()  # none outside the neck's box
