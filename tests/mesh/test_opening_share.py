"""A carried mouth opening as colourful against its face as the driver's against its own
(`figures/opening_share.py`): lp_s1 at 512 px driven by lp_d12 150-174 (h38-fresh's find (2)), whose pale
tongue-filled opening kept its a* b* in her light and read as a flat lilac slab inside her red lips; its tongue and
cavity now turn with the lips (`mouth_driver.lip_turned`)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import polygon_mask
from facereel.engines.mesh.figures.opening_share import lip_turn, opening_share
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab

REFERENCE, TONGUE = 150, (166, 174)  # lp_d12 frames: the clip's first (the reference); its tongue-filled opening
LIP_TURN_SLACK = 6.0  # degrees of hue the carried opening may lie farther from the lips, towards blue, than the driver's


@pytest.fixture(scope="module")
def lilac():
    """(driver frames, their landmarks, lp_s1's rendered frames, their target landmarks) for `TONGUE`."""
    image, lm = _shrunk(*portrait("lp_s1"))
    frames, driver_lm = _driver("lp_d12", (REFERENCE, *TONGUE))
    targets = _targets(lm, driver_lm)
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    outs = [animator.render(targets[k], driver=DriverFrame(frames[k], driver_lm[k])) for k in range(1, len(frames))]
    return frames[1:], driver_lm[1:], outs, targets[1:]


def test_figure_reads_a_greyed_opening(lilac):
    """lp_d12's own tongue-filled openings read 0.6-0.9 of its skin's chroma (0.75, 0.71), bluer than its skin
    (-26, -24 degrees); with the opening's a* b* halved, under 0.6 of itself."""
    frames, driver_lm, _, _ = lilac
    for frame, lm in zip(frames, driver_lm):
        share, hue = opening_share(frame, lm)
        assert 0.6 < share < 0.9 and hue < 0
        inside = polygon_mask([lm[INNER_LIP_CONTOUR, :2]], frame.shape[:2], (0, 0)) > 0.5
        lab = to_lab(frame)
        lab[inside, 1:] *= 0.5
        grey = np.round(255 * np.clip(cv2.cvtColor(lab, cv2.COLOR_LAB2RGB), 0, 1)).astype(np.uint8)
        assert opening_share(grey, lm)[0] < 0.6 * share


def test_carried_opening_keeps_its_share_of_the_skins_colour(lilac):
    """lp_s1's opening carries at least 0.85 of the share of its skin's chroma that lp_d12's carries of his (before the
    lips' turn, `mouth_driver.lip_turned`: 0.51 / 0.75 = 0.68 at 166, 0.48 / 0.71 = 0.68 at 174; after 0.77, 0.75);
    the source repeated (lips parted under `TALKING`) reads NaN."""
    frames, driver_lm, outs, targets = lilac
    for frame, lm, out, target in zip(frames, driver_lm, outs, targets):
        assert opening_share(out, target)[0] >= 0.85 * opening_share(frame, lm)[0]


def test_carried_tongue_turns_with_the_lips(lilac):
    """lp_s1's opening lies within `LIP_TURN_SLACK` degrees as far from her lips' hue, towards blue, as lp_d12's from
    his (his -10.7, -13.0 at 166, 174; before the lips' turn -21.9, -17.9: his lilac tongue in her red lips; after
    -14.8, -12.8); the source repeated reads NaN."""
    frames, driver_lm, outs, targets = lilac
    for frame, lm, out, target in zip(frames, driver_lm, outs, targets):
        assert lip_turn(out, target) >= lip_turn(frame, lm) - LIP_TURN_SLACK
