"""The synthetic teeth in the light of the photo's own teeth (issue #9, "A believable mouth": teeth lit like the
face): sr_8, lit cyan by a screen, smiles with its own cyan teeth showing; preset:laugh (2 s, as `facereel animate`
runs it) opens the mouth far past them, and the synthetic rows fill the rest of the opening. Lit from the skin's
light, mostly desaturated and warmed, its lower teeth were grey pegs (L* 40, chroma 5) that read warm-yellow under
the carried cyan upper teeth (`figures/teeth_band.rows_apart` ~18 on frames 20-30; the engine at 91aba5cd)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait, set_up_copy

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.figures.teeth_band import rows_apart, rows_lab
from facereel.engines.mesh.open_mouth.mouth import MouthRenderer
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

pytestmark = pytest.mark.slow  # out of the README's suite by its measured time: .ci/run's third step

LAUGH = (24, 28)  # preset:laugh (2 s) frames, the mouth wide open past sr_8's own smile
APART = 10.0
"""(a*, b*) distance of the lower teeth from the upper ones, at most: the engine before read 17.5-18.0 on frames
20-30, now 6.2-6.8 (the lower row in the upper teeth's shadow, its band's lightest fifth partly the tongue's front)."""


@pytest.fixture(scope="module")
def sr_8_laughing() -> list[tuple[np.ndarray, np.ndarray]]:
    """sr_8 at its own size (1280 x 720): (frame, target landmarks (478, 3) px) of preset:laugh's `LAUGH` frames."""
    image, lm = portrait("sr_8")
    targets = retarget(lm, preset_motion("laugh", 2.0), RetargetOptions().for_engine("mesh"))
    animator = set_up_copy(image, lm, MeshOptions(mouth_interior="synthetic"))
    return [(animator.render(targets[k]), targets[k]) for k in LAUGH]


def test_lower_teeth_carry_the_upper_teeths_light(sr_8_laughing):
    """The lower row's lightest pixels take the cyan light of the photo's own upper teeth carried above them."""
    for frame, target in sr_8_laughing:
        apart = rows_apart(frame, target)
        assert apart is not None and apart < APART, apart


def test_lower_teeth_are_cyan_like_the_face(sr_8_laughing):
    """Teeth lit like the face: the lower row's (a*, b*) lies on the photo's cyan side (a* < 0, b* < 0), as its skin
    and own teeth do, and as saturated as the skin at least half-way."""
    image, lm = portrait("sr_8")
    skin = to_lab(MouthRenderer(image, lm, "synthetic").colours.skin)
    for frame, target in sr_8_laughing:
        lower = rows_lab(frame, target)[1]
        assert lower[1] < 0 and lower[2] < 0, lower
        assert np.linalg.norm(lower[1:]) > 0.5 * np.linalg.norm(skin[1:]), (lower, skin)
