"""The synthetic upper teeth in a grin's thin opening (issue #9 item 3, "teeth lit like the face"): lp_s3 at 512 px x
lp_d19 150-190 (a grin showing its upper teeth), `--mouth synthetic` (as `facereel animate` runs it), frames 16-24: a ~3.4 px gap under a 26 px
mouth. The engine at 480379aa drew a 2 px upper row (0.6 of the gap) whose softening took in the cavity wall's dark
above it and the throat's below, each 3 px tooth shaded round as a wide one's: a flat grey band between the lips
where `--mouth driver` shows white teeth (`figures/dub_teeth`'s teeth L* / cheeks' L* 0.84 mean; the driver's 1.14,
the source repeated, its closed lips, 0.87; lp_s3's synthetic laugh, a wide opening, 0.85)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import set_up_copy, streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.figures.dub_teeth import dub_teeth
from facereel.eval.mouth_teeth import TEETH_LIGHT

FIRST, GRIN = 150, range(16, 25)  # lp_d19's cut, and its frames whose thin opening shows the upper teeth


@pytest.fixture(scope="module")
def lp_s3_grinning(shared_data: Path) -> list[tuple[np.ndarray, np.ndarray]]:
    """(frame, target landmarks (478, 3) px) of lp_s3 at 512 px x lp_d19 from frame `FIRST`, synthetic mouth,
    `GRIN` frames."""
    image, lm, targets = streamed_targets(shared_data, "lp_s3.jpg", "lp_d19", FIRST + GRIN.stop, first=FIRST)
    animator = set_up_copy(image, lm, mesh_options(AnimateOptions(mouth="synthetic")))
    return [(animator.render(targets[k]), targets[k]) for k in GRIN]


def test_grin_shows_upper_teeth_lit(lp_s3_grinning):
    """The thin opening's teeth (its lightest fifth) are at least `TEETH_LIGHT` x the cheeks' L* on average, as real
    open mouths' teeth are (0.84 at 480379aa, now 0.945; 0.96 with h29-grin's rows 2 px under the lips, left out
    in h30-grin; every frame reads teeth)."""
    ratios = [dub_teeth(frame, target) for frame, target in lp_s3_grinning]
    assert all(r is not None for r in ratios), ratios
    mean = float(np.mean([r[0] for r in ratios]))
    assert mean >= TEETH_LIGHT, mean
