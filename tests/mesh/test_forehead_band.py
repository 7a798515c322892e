"""A raised chin keeps the forehead's skin up to its hairline (`geometry/forehead_band`; issues #9 / #12).

lp_s3 at its own size, `facereel edit --pitch -25`: the face's outline moved up while the rings above it held, and the
forehead's skin above the outline was squeezed to a sliver, the hairline cut along the oval's top
(`figures.hairline.forehead_kept`: the source repeated 1, the engine before 0.14)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.engines.mesh.figures.hairline import forehead_kept
from facereel.engines.mesh.geometry.forehead_band import KEEP, drawn_share, spread_squeeze
from facereel.motion.sliders import Sliders

KEPT_LEAST = 0.35
"""`forehead_kept` asked of lp_s3 at pitch -25 (the engine before 0.14, now 0.43; a forehead turned up 25 deg is
foreshortened, so under the photo's 1)."""


def _rays(first: float, second: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three points on each of two rays straight up from y 100 px: the oval, the first ring `first` px above it and
    the second `second` px above that."""
    oval = np.array([[0.0, 100.0], [50.0, 100.0]])
    return oval, oval - [0.0, first], oval - [0.0, first + second]


def test_a_squeezed_first_band_keeps_its_share_and_others_stay():
    """A first band squeezed under `KEEP` of its drawn share is moved out to it; one that is not, or a ray of weight
    0, is left bit for bit."""
    drawn = drawn_share(*_rays(30.0, 30.0))
    oval, first, second = _rays(3.0, 57.0)
    moved = spread_squeeze(oval, first, second, drawn, np.array([1.0, 0.0]))
    assert drawn_share(oval, moved, second)[0] == pytest.approx(KEEP * drawn[0], rel=1e-5)
    assert np.array_equal(moved[1], first[1].astype(np.float32))
    oval, first, second = _rays(40.0, 20.0)
    assert np.array_equal(spread_squeeze(oval, first, second, drawn, np.ones(2)), first.astype(np.float32))


def test_a_raised_chin_keeps_the_forehead_up_to_its_hairline():
    """lp_s3 (own size) `--pitch -25`: the skin above the drawn outline at least `KEPT_LEAST` of the photo's."""
    image, landmarks = portrait("lp_s3")
    editor = StillEditor(Source(image=image, landmarks=landmarks))
    frame = editor.render(Sliders(pitch=-25))
    drawn = editor.animator.vertices[:len(landmarks)] + editor.animator.origin
    kept = forehead_kept(frame, image, landmarks, drawn)
    assert kept >= KEPT_LEAST, f"--pitch -25: the forehead's skin above the outline {kept:.3f} of the photo's"
