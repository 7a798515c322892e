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
"""`forehead_kept` asked of lp_s3 at pitch -25 (the engine before 0.14, now 0.50; a forehead turned up 25 deg is
foreshortened, so under the photo's 1)."""


def _rays(first: float, second: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three points on each of 36 rays from (0, 0): the oval at 100 px, the first ring `first` px beyond it and the
    second `second` px beyond that."""
    angle = np.linspace(0, 2 * np.pi, 36, endpoint=False)
    ray = np.stack([np.cos(angle), np.sin(angle)], 1)
    return 100 * ray, (100 + first) * ray, (100 + first + second) * ray


def test_a_squeezed_first_band_keeps_its_share_and_others_stay():
    """A first band squeezed under `KEEP` of its drawn share is moved out to it; one that is not, one turned over, or
    a ring of weight 0 is left as it is."""
    drawn = drawn_share(*_rays(30.0, 30.0))
    oval, first, second = _rays(6.0, 54.0)  # share 0.1, past `FOLDED`
    moved = spread_squeeze(oval, first, second, drawn, np.ones(36))
    assert drawn_share(oval, moved, second) == pytest.approx(KEEP * drawn, rel=1e-6)
    assert spread_squeeze(oval, first, second, drawn, np.zeros(36)) is first
    for squeeze in ((40.0, 20.0), (-5.0, 65.0)):  # wider than drawn; turned over (`temple_tuck`'s)
        rays = _rays(*squeeze)
        assert spread_squeeze(*rays, drawn, np.ones(36)) is rays[1]


def test_a_raised_chin_keeps_the_forehead_up_to_its_hairline():
    """lp_s3 (own size) `--pitch -25`: the skin above the drawn outline at least `KEPT_LEAST` of the photo's."""
    image, landmarks = portrait("lp_s3")
    editor = StillEditor(Source(image=image, landmarks=landmarks))
    frame = editor.render(Sliders(pitch=-25))
    drawn = editor.animator.vertices[:len(landmarks)] + editor.animator.origin
    kept = forehead_kept(frame, image, landmarks, drawn)
    assert kept >= KEPT_LEAST, f"--pitch -25: the forehead's skin above the outline {kept:.3f} of the photo's"
