"""A driven mouth opens for its width as the driver's does (`figures/mouth_aspect.py`, `motion.retarget`'s
`MOUTH_SCALE_RANGE`): sr_4 at 512 px (its mouth 0.82 of lp_d18's width, canonical) driven by lp_d18's wide opening
(frames 66-94), the driver's mouth as its interior. The driver's lip offsets added as lengths opened
it to a narrow O (gap over width 1.00 aimed, the driver's 0.79) with the lower lip's thin corners on its sides."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.mouth_aspect import opening_per_width, retracked_opening_per_width
from facereel.engines.mesh.open_mouth.mouth import DriverFrame

WIDE_OPEN = tuple(range(66, 95))


@pytest.fixture(scope="module")
def sr_4_wide():
    """sr_4's landmarks, lp_d18's landmarks on `WIDE_OPEN`, the targets and the engine's frames there."""
    image, lm = _shrunk(*portrait("sr_4"))
    frames, driver_lm = _driver("lp_d18", (0,) + WIDE_OPEN)
    targets = _targets(lm, driver_lm)[1:]
    animator = MeshAnimator(image, lm)
    out = [animator.render(t, driver=DriverFrame(f, d)) for t, f, d in zip(targets, frames[1:], driver_lm[1:])]
    return lm, driver_lm[1:], targets, out


def test_sr_4s_mouth_opens_for_its_width_as_lp_d18s(sr_4_wide):
    """The targets' gap over width within 5 % of the driver's (0.79 both; before, 1.00); re-tracked, the output's
    between 0.75 and 1.1 of the driver's (0.84 in bench/mouth_aspect.py; before, 0.98: the tracker reads sr_4's
    drawn opening at 0.77-0.85 of its targets', so this bound guards the drawn opening, not the proportion). The
    photo's own: shut (0.00)."""
    lm, driver_lm, targets, out = sr_4_wide
    own = float(opening_per_width(driver_lm).mean())
    assert own > 0.6
    assert abs(float(opening_per_width(lm[None])[0])) < 0.05
    assert float(opening_per_width(targets).mean()) == pytest.approx(own, rel=0.05)
    got = float(np.nanmean(retracked_opening_per_width(out, 25.0)))
    assert 0.75 * own < got < 1.1 * own, f"re-tracked gap over width {got:.3f}, the driver's {own:.3f}"
