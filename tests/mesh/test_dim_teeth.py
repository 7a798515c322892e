"""The driver's dim lower teeth carried as teeth (`--mouth driver`, issue #9 item 3): lp_d18's lower teeth at 512 px are
dim and reddish (frames 85 / 92: L* 0.5-0.65 of its skin's), no teeth by the colour match's light ramp, and took the
cavity's tint and shade, a mauve band in lp_s12's and lp_s5's openings. They are now teeth where greyer than the
driver's lips (`mouth_driver._GREY_CHROMA`, `_GREY_LIGHT`): the skin's hue, lit. `figures/dim_teeth.lower_teeth_area`
reads the lower band's pixels in the face's light."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.dim_teeth import lower_teeth_area
from facereel.engines.mesh.open_mouth.mouth import DriverFrame

FRAMES = (0, 85, 92, 68)  # lp_d18: the reference (closed) and three wide frames showing its dim lower teeth


@pytest.fixture(scope="module")
def driver():
    """lp_d18's `FRAMES` and their tracked landmarks."""
    return _driver("lp_d18", FRAMES)


@pytest.mark.parametrize("name, frames", [("lp_s12", (1, 2)), ("lp_s5", (1,))])
def test_dim_lower_teeth_in_the_faces_light(driver, name, frames):
    """`lower_teeth_area` (thousandths of the squared mouth width) at least 4 on lp_s12 at 512 x frames 85 and 92 and
    lp_s5 x 85: before 2.3 / 0.0 and 0.0 (the band in the cavity's mauve), now 6.9 / 5.9 and 9.4; the driver's own 23.5
    / 0.0 (at 92 its teeth lie 11 degrees off its skin's hue); the source repeated (closed) 0. Looked at 5x (driver |
    before | after): the band under the tongue's dark line lighter and in the skin's hue."""
    frames_d, lm_d = driver
    image, lm = _shrunk(*portrait(name))
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    for k in frames:
        target = _targets(lm, np.stack([lm_d[0], lm_d[k]]))[1]
        out = animator.render(target, driver=DriverFrame(frames_d[k], lm_d[k]))
        assert lower_teeth_area(out, target) >= 4.0
    assert lower_teeth_area(image, lm) < 1.0


@pytest.mark.parametrize("name, frame, least", [("lp_s5", 2, 2.0), ("lp_s12", 2, 8.0), ("lp_s5", 3, 3.0)])
def test_yellower_dim_teeth_are_teeth(driver, name, frame, least):
    """lp_d18's frames 92 and 68 (`FRAMES[frame]`): its lower teeth, dim (L* 0.45-0.6 of its skin's) and 0.62-0.7 of
    its lips' chroma, over `_GREY_CHROMA`, lie 3-10 degrees yellower than its lips; they are teeth as far as yellower
    (`mouth_driver._GREY_HUE`, `_GREY_WIDEN`). `lower_teeth_area` at 512, source repeated / before / now: lp_s5 x 92
    0 / 0.0 / 9.7, lp_s12 x 92 0 / 5.9 / 12.9, lp_s5 x 68 0 / 0.0 / 5.2 (the driver's own 0.0 at 92, its teeth 11
    degrees off its skin's hue; 12.4 at 68). Looked at 5x (driver | before | after | change): a few px of the band
    under the tongue's dark line lighter, beige where they were mauve; the upper teeth's edge px lighter. Since the
    tongue turns with the lips (`mouth_driver.lip_turned`, h40-tongue) lp_s5 x 92 reads 2.4 (bar 4 -> 2): the band's
    pixels the kernel does not weigh as teeth took lp_s5's lips' chroma (1.4x the driver's), over its skin's; looked
    at 8x, the strip under the tongue still a lighter band, warmer (/tmp/h40-tongue/lp_s5_92_band.png)."""
    frames_d, lm_d = driver
    image, lm = _shrunk(*portrait(name))
    target = _targets(lm, np.stack([lm_d[0], lm_d[frame]]))[1]
    out = MeshAnimator(image, lm, MeshOptions(eyes=False)).render(
        target, driver=DriverFrame(frames_d[frame], lm_d[frame]))
    assert lower_teeth_area(out, target) >= least
    assert lower_teeth_area(image, lm) < 1.0
