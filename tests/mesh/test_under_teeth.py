"""A photo's own teeth carried into a wider opening (`figures/under_teeth.py`): no second row of procedural teeth
under them and no lip-coloured line of its lower lip across the opening. lp_d3's frame 18 (a grin, clenched teeth
showing) and sr_18 (a smile, upper teeth showing) at 512 px opened by preset:laugh, synthetic interior (as with a
closed driver mouth)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.under_teeth import under_teeth
from facereel.engines.mesh.open_mouth import mouth
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, mouth_gap
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

WIDEST = 4
"""preset:laugh's widest-open frames read."""


def _laughs(image: np.ndarray, lm: np.ndarray, most: float = np.inf) -> tuple[list[np.ndarray], np.ndarray]:
    """preset:laugh's `WIDEST` widest-open targets of the photo (`image`, `lm`), of those whose gap is at most `most`
    times the photo's, and their frames, synthetic interior."""
    targets = retarget(lm, preset_motion("laugh", 4.0), RetargetOptions().for_engine("mesh"))
    targets = [t for t in targets if mouth_gap(t)[0] <= most * mouth_gap(lm)[0]]
    widest = sorted(targets, key=lambda t: mouth_gap(t)[0] / mouth_gap(t)[1])[-WIDEST:]
    animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic", eyes=False))
    return [animator.render(t) for t in widest], np.stack(widest)


def _figures(image: np.ndarray, lm: np.ndarray, most: float = np.inf) -> np.ndarray:
    """(WIDEST, 2) `under_teeth` (line, second row) of the photo's laughs (`_laughs`' `most`)."""
    frames, targets = _laughs(image, lm, most)
    lip = lip_colour(image, lm)
    return np.array([under_teeth(f, t, lm, lip) for f, t in zip(frames, targets)])


@pytest.fixture(scope="module")
def grin():
    """lp_d3's frame 18 (her grin: 0.20 mouth widths open, clenched teeth) and its landmarks."""
    frames, lm = _driver("lp_d3", (18,))
    return frames[0], lm[0]


def test_the_lower_lips_edge_stays_with_the_lower_lip():
    """A flat lower lip at row 10 of a 20 x 8 box: the carried share is whole on row 9 and above, none from row 10
    down (`_LOWER_EDGE` 0.5 px, ramped over 1 px)."""
    lower = np.stack([np.linspace(0.0, 7.0, 11), np.full(11, 10.0)], 1)
    share = mouth.above_lower_lip(lower, (20, 8))
    assert np.all(share[:9] == 1) and np.all(share[10:] == 0)


def test_no_second_row_of_teeth_under_the_photos_own(grin):
    """lp_d3's grin laughing: no procedural teeth below her own (`second_row` 0 px per mouth width; before, 1.76-1.80:
    a grey-blue row under her clenched teeth). The source repeated reads 0 (no opening wider than its own)."""
    image, lm = grin
    assert np.all(_figures(image, lm)[:, 1] == 0)
    assert under_teeth(image, lm, lm, lip_colour(image, lm)) == (0.0, 0.0)


def test_sr_18s_teeth_carry_no_lip_line_and_no_second_row():
    """sr_18's smile opened up to 2.4 times its gap (his 3.1 px slit at 512 px still fills the synthetic upper row, so
    it is carried whole: `mouth._CARRIED_FILLS`; wider, h22-teeth fades it out for the synthetic rows): the lower
    lip's inner edge no longer crosses the opening under his teeth (`line` mean under 0.25 px per mouth width:
    0.11-0.14; with the whole interior carried 0.28-0.48, a pink line) nor procedural lower teeth show (`second_row`
    0)."""
    figures = _figures(*_shrunk(*portrait("sr_18")), most=2.4)
    assert figures[:, 0].mean() < 0.25, figures
    assert np.all(figures[:, 1] == 0), figures


def test_figure_reads_the_engine_before(grin, monkeypatch):
    """The engine before (the whole interior carried, procedural teeth under it): lp_d3's second row over 0.5 px per
    mouth width on every widest frame."""
    from facereel.engines.mesh.open_mouth import mouth_synthetic

    monkeypatch.setattr(mouth, "above_lower_lip", lambda lower, shape: np.ones(shape, np.float32))
    monkeypatch.setattr(mouth, "synthetic_interior",
                        lambda *args, teeth_rows: mouth_synthetic.synthetic_interior(*args))
    assert np.all(_figures(*grin)[:, 1] > 0.5)
