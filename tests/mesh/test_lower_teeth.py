"""The driver's lower teeth kept (`--mouth driver`, issue #9 item 3): lp_d18's wide-open frames show their lower teeth
as a grey band on the lower lip; the driver's inner-lip contour shrunk about its centre to leave its lips' band out
(`mouth_driver.lip_band_cut`, the pale rim round the opening) cut them away with it, a dark cavity down to the lower
lip. Along the lower lip the cut now falls where the band it leaves out is not lip-coloured
(`mouth_driver.band_cuts`); `figures/teeth_band.lower_light` reads the lower row's light."""

from __future__ import annotations

import numpy as np
import pytest
from test_mouth_teeth import WIDE, _driven

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.teeth_band import lower_light
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_driver import band_cuts


@pytest.fixture(scope="module", params=["lp_s12", "lp_s1"])
def wide(request):
    """(portrait name, `test_mouth_teeth._driven`) for lp_s12 / lp_s1 at 512 px x lp_d18's wide-open frame `WIDE`."""
    return request.param, _driven("lp_d18", WIDE, request.param)


def test_lower_lip_keeps_the_drivers_lower_teeth(wide):
    """lp_d18's frame `WIDE`: the contour's cut along the lower lip's middle (its points 15-16, over the grey teeth
    band) under half the full cut; its lower lip's corners (lip-coloured band) keep the full cut."""
    _, (_, _, frames, driver_lm, _) = wide
    contour = driver_lm[1][INNER_LIP_CONTOUR, :2].astype(np.float32)
    cuts = band_cuts(DriverFrame(frames[1], driver_lm[1]), contour, 0.15)
    assert cuts[15:17].max() < 0.075
    assert cuts[11] == pytest.approx(0.15)


def test_lower_row_as_light_as_the_drivers(wide):
    """The carried lower row's light (`lower_light`) at least 0.75 of the driver's own (0.877), 0.84 on lp_s12. Cut
    with the lips' band (main): lp_s12 / lp_s1 0.79 / 0.68 of it; now 0.87 / 0.77 (source repeated: a closed mouth,
    none read). Looked at 4x over lp_d18 frames 64-100 (lp_s1, lp_s5, lp_s12): the grey band on the lower lip where
    the driver shows it, no pale lip rim (the rim comes back with no cut at all)."""
    name, (image, lm, frames, driver_lm, targets) = wide
    out = MeshAnimator(image, lm, MeshOptions(eyes=False)).render(
        targets[1], driver=DriverFrame(frames[1], driver_lm[1]))
    share = lower_light(out, targets[1]) / lower_light(frames[1], driver_lm[1])
    assert share >= (0.84 if name == "lp_s12" else 0.75)
    assert lower_light(image, lm) is None
