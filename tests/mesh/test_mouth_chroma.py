"""A carried mouth interior no more colourful than the face round it (`figures/mouth_chroma.py`): sr_8 (a face lit
cyan by a screen) driven by lp_d12's smile (`--mouth driver`), whose mauve lower lip band under its teeth the
light's tint turned into a saturated blue band; lp_s12 (a colourised old photograph, his skin half as colourful as
lp_d18's) driven by lp_d18's wide-open mouth, a saturated pink-red ball under his moustache; real open mouths
(lp_d12's smile, lp_d18's wide-open cavity)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver
from test_mouth_teeth import SR8_TEETH, WIDE, _driven, _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import polygon_mask
from facereel.engines.mesh.figures.mouth_chroma import interior_chroma
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame, MouthRenderer
from facereel.engines.mesh.open_mouth.mouth_driver import coloured_light, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour


@pytest.fixture(scope="module")
def sr_8_smile():
    """sr_8 at 512 px driven by lp_d12's frame `SR8_TEETH` (its upper teeth and lower lip band showing)."""
    return _driven("lp_d12", SR8_TEETH, "sr_8")


def test_real_open_mouths_are_less_colourful_than_their_lips(sr_8_smile):
    """lp_d12's smile and lp_d18's wide-open cavity: the opening's 90th percentile chroma under 0.97 of the lips'
    (0.93, 0.91)."""
    _, _, frames, driver_lm, _ = sr_8_smile
    wide, wide_lm = _driver("lp_d18", (WIDE,))
    for frame, lm in ((frames[1], driver_lm[1]), (wide[0], wide_lm[0])):
        assert interior_chroma(frame, lm)[0] < 0.97


def test_figure_catches_a_saturated_opening(sr_8_smile):
    """lp_d12's smile with its opening's a* b* doubled reads over 1.5 of its lips' chroma (0.94 as filmed) and
    over 1.8x the share of the skin's it had."""
    _, _, frames, driver_lm, _ = sr_8_smile
    frame, lm = frames[1], driver_lm[1]
    inside = polygon_mask([lm[INNER_LIP_CONTOUR, :2]], frame.shape[:2], (0, 0)) > 0.5
    lab = to_lab(frame)
    lab[inside, 1:] *= 2
    rgb = np.clip(cv2.cvtColor(lab, cv2.COLOR_LAB2RGB), 0, 1)
    saturated = np.round(255 * rgb).astype(np.uint8)
    lip, skin = lip_colour(frame, lm), skin_colour(frame, lm)
    plain, vivid = interior_chroma(frame, lm, lip, skin), interior_chroma(saturated, lm, lip, skin)
    assert vivid[0] > 1.5 > plain[0]
    assert vivid[1] > 1.8 * plain[1]


def test_sr_8s_carried_interior_keeps_its_share_of_colour(sr_8_smile):
    """lp_d12's smile in sr_8's cyan light: the opening's 90th percentile chroma over the photo's lips' no more than
    its own teeth's (1.67; h26: under 0.9, 0.75, before 1.66: the driver's lower lip band a saturated blue band under
    its teeth, b* -25 against the lips' -18), its mean under the share of the skin's chroma those teeth carry (1.68).
    Since h28-cyanteeth the carried teeth take the photo's own teeth's a* b* under a coloured light (`own_hue`): the
    90th percentile is those teeth (1.66), looked at 6x (frame 40): cyan teeth like the photo's own under its upper
    lip, the band under them mauve-cyan at a mean share 1.25 (the rest still held; was 0.69, the driver's own 0.67),
    not a blue band. On the neutral-lit lp_s1 the hold is off (`coloured_light` 0: its interior as before, bit for
    bit)."""
    image, lm, frames, driver_lm, targets = sr_8_smile
    out = MeshAnimator(image, lm, MeshOptions(eyes=False)).render(
        targets[1], driver=DriverFrame(frames[1], driver_lm[1]))
    lip, skin = lip_colour(image, lm), skin_colour(image, lm)
    lips, share = interior_chroma(out, targets[1], lip, skin)
    own = float(np.linalg.norm(MouthRenderer(image, lm).colours.own_teeth[1:]))
    assert lips <= 1.01 * own / float(np.linalg.norm(to_lab(lip)[1:]))
    assert share < own / float(np.linalg.norm(to_lab(skin)[1:]))
    driver_skin = skin_colour(frames[1], driver_lm[1])
    assert coloured_light(driver_skin, skin_colour(image, lm)) == 1
    assert coloured_light(driver_skin, skin_colour(*_shrunk(*portrait("lp_s1")))) == 0


@pytest.fixture(scope="module")
def lp_s12_wide():
    """lp_s12 at 512 px driven by lp_d18's wide-open frame `WIDE`."""
    return _driven("lp_d18", WIDE)


def test_lp_s12s_carried_interior_keeps_the_drivers_share_of_colour(lp_s12_wide):
    """lp_s12 at 512 px (skin chroma 10.4, lips 14.9) x lp_d18's wide-open frame `WIDE` (skin chroma 23.4): the
    opening's 90th percentile chroma over the photo's lips within 1.1x the driver's own over its lips (0.91), its mean
    over the skin within 1.25x the driver's (0.98). The driver's a* b* kept, they read 1.51 / 1.72 (h28-fresh2's
    find (3): a saturated pink-red ball under the moustache); held to the skins' chroma ratio (`mouth_driver._PALE`)
    0.83 / 0.98, a grey-mauve cavity. Every other neutral-lit portrait of ../shared/data is at least 0.6 as
    colourful as any driver there: not held (lp_s0, sr_4, lp_s1 x lp_d18 frames 60-100 drawn bit for bit)."""
    image, lm, frames, driver_lm, targets = lp_s12_wide
    out = MeshAnimator(image, lm, MeshOptions(eyes=False)).render(
        targets[1], driver=DriverFrame(frames[1], driver_lm[1]))
    lips, share = interior_chroma(out, targets[1], lip_colour(image, lm), skin_colour(image, lm))
    own_lips, own_share = interior_chroma(frames[1], driver_lm[1])
    assert lips < 1.1 * own_lips
    assert share < 1.25 * own_share
