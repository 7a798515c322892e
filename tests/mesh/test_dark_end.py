"""One end of a small opening drawn dark while the rest is teeth (`figures/dark_end.py`): lp_s1 (../shared/data;
skipped when absent) at 280 px (face ~93 px, drawn at its own size) driven by sr_1 0-59 as `facereel animate --size
280` streams it, frames 10-19 (h48-fresh's find: a white slab of teeth with a dark triangular wedge at its right end)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import driven_frames

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.dark_end import one_dark_end
from facereel.engines.mesh.figures.teeth_streaks import at_width
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap

SIZE = 280  # px, lp_s1's longer side: its face ~93 px
WEDGE = range(10, 20)  # the clip's frames showing the wedge


@pytest.fixture(scope="module")
def lp_s1_small(shared_data: Path):
    """(lp_s1 at `SIZE` as a `Source`, its streamed frames for sr_1's frames 0 to `WEDGE`'s last)."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s1.jpg"), SIZE)
    return source, driven_frames(source, shared_data / "driving" / "sr_1.mp4", 0, WEDGE.stop)


def _drivers_own(frames) -> list[float]:
    """`one_dark_end` of sr_1's own frames over `WEDGE`, each at its target mouth's width."""
    return [one_dark_end(*at_width(frames[k].driver.image, frames[k].driver.landmarks, mouth_gap(frames[k].target)[1]))
            for k in WEDGE]


def test_sr_1s_own_mouth_reads_both_ends_alike(lp_s1_small):
    """sr_1 shrunk to the rendered mouths' width shows its upper teeth from corner to corner with a little shade at
    both ends: `one_dark_end` 0.03-0.24 (mean 0.17), every frame under 0.3; lp_s1's own closed lips (the source
    repeated) a slit, not read."""
    source, frames = lp_s1_small
    own = _drivers_own(frames)
    assert max(own) < 0.3
    assert np.isnan(one_dark_end(source.image, source.landmarks))


def test_a_small_openings_ends_read_as_the_drivers(lp_s1_small):
    """Frames 10-19: the drawn opening's two ends part in darkness (`one_dark_end`, mean) by at most 0.2 more than
    sr_1's own at that width (0.17): 0.32 (0.03-0.74 a frame) since the gain the teeth's cap withholds is given back
    to the shade (`mouth_driver.given_back`); before it 0.81 (0.72-0.93), sr_1's dark corner past its teeth drawn at
    0.3-0.45 of lp_s1's cheeks' grey (issue #9, h49-small; mended by h50-s1dark)."""
    source, frames = lp_s1_small
    animator = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    drawn = []
    for k, frame in enumerate(frames):
        mapped = animator.map_frame(frame.target)
        if k in WEDGE:
            drawn.append(one_dark_end(animator.draw(mapped, driver=frame.driver), frame.target))
    assert np.mean(drawn) <= np.mean(_drivers_own(frames)) + 0.2
