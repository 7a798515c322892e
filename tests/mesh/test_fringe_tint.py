"""Tinted lines along the jaw (issue #9): the figure (`fringe_tint`) sees a thin saturated line beside the lower
face oval that the photo does not have and reads 0 on the source repeated; on grace_hopper (matplotlib's sample)
turned by preset:turn the head's soft edge below the ear, unmixed against the neck plate it is laid over
(`fringe_unmix`), no longer draws an orange line along the moved cheek and jaw (frames 8-16), nor along the moved
ear lobe (frames 8-11), nor orange dashes along the moved cheek's lower edge under the far ear (frames 10-14,
`over_saturated`)."""

from __future__ import annotations

import cv2
import imageio.v3 as iio
import numpy as np
import pytest
from matplotlib import cbook
from mesh_faces import beside_lower_oval, landmarks

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.fringe_tint import fringe_tint, over_saturated
from facereel.engines.mesh.head_edge import fringe_unmix
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

TURN_FRAMES = (8, 12, 16)
"""preset:turn's (2 s) frames near its first extreme, where grace_hopper's moved cheek showed the orange line."""


@pytest.fixture(scope="module")
def grace_hopper() -> tuple[np.ndarray, np.ndarray]:
    """grace_hopper (512 px high, as `animate --size 512` leaves it) and its landmarks."""
    image = np.ascontiguousarray(iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))[..., :3])
    lm = landmarks(image)
    assert lm is not None
    return image, lm


def test_the_figure_sees_a_thin_orange_line_beside_the_jaw_and_not_the_photo(grace_hopper):
    """In place or moved the photo reads 0; an orange line 1 px wide drawn 0.02 face sizes outside the lower oval
    reads > 0.005, and the line drawn into the photo too reads 0."""
    image, lm = grace_hopper
    moved = lm.copy()
    moved[:, :2] += (4.0, -2.0)
    assert fringe_tint(image, image, lm, lm) == 0.0
    assert fringe_tint(image, image, lm, moved) == 0.0
    line = beside_lower_oval(lm, 0.02)[4:14]
    orange = image.copy()
    cv2.polylines(orange, [line], False, (255, 120, 0), 1)
    assert fringe_tint(orange, image, lm, lm) > 0.005
    assert fringe_tint(orange, orange, lm, lm) == 0.0


def _turn_tints(grace_hopper: tuple[np.ndarray, np.ndarray], frames: tuple[int, ...]) -> list[float]:
    """`fringe_tint` of grace_hopper's preset:turn `frames` drawn by the engine (each frame rendered alone); the
    source repeated reads 0 on each (asserted)."""
    image, lm = grace_hopper
    options = RetargetOptions().for_engine("mesh")
    targets = np.asarray(retarget(lm, preset_motion("turn"), options))
    animator = MeshAnimator(image, lm, MeshOptions().with_limits(options))
    assert all(fringe_tint(image, image, lm, targets[k]) == 0.0 for k in frames)
    return [fringe_tint(animator.render(targets[k]), image, lm, targets[k]) for k in frames]


def test_grace_hoppers_turned_cheek_shows_no_orange_line(grace_hopper):
    """The mean fringe_tint over preset:turn frames 8, 12, 16 stays under 0.018 (measured 0.011, 0.0077 now; the engine
    whose head edge was unmixed against the fill without the neck's tone: 0.026; the source repeated: 0)."""
    figures = _turn_tints(grace_hopper, TURN_FRAMES)
    assert np.mean(figures) < 0.018, np.round(figures, 4)


MOVED_EAR_FRAMES = (8, 9, 10, 11)
"""preset:turn's (2 s) frames where grace_hopper's moved ear lobe showed the orange line along its lower edge."""


def test_grace_hoppers_moved_ear_lobe_shows_no_orange_line(grace_hopper):
    """The mean fringe_tint over preset:turn frames 8-11 stays under 0.0100 (measured 0.0087 when the lobe's skin
    edge, unmixed against the sky's fill, had its alpha raised to keep its colour in range, `fringe_unmix`; 0.0084
    now, raised to the opaque skin's `skin_alpha` under the ears; the engine before both: 0.0111; the source repeated: 0)."""
    figures = _turn_tints(grace_hopper, MOVED_EAR_FRAMES)
    assert np.mean(figures) < 0.0100, np.round(figures, 4)


@pytest.mark.slow
def test_grace_hoppers_cheek_edge_over_the_raised_tone_carries_her_skin(grace_hopper, monkeypatch):
    """preset:turn frames 8-16: the shadowed neck tone reaches up under her moved far ear lobe (`neck._held_columns`
    up to the neck box's top row), so the head's soft edge below the ear, unmixed against the sky's fill, is laid
    over skin: with its alpha raised only to the least keeping its colour in range it drew a thin orange line along
    the moved cheek. Raised to the alpha at which its colour is the box's opaque skin (`fringe_unmix.skin_alpha`),
    the mean fringe_tint over frames 8, 10, 12, 14, 16 falls by over 0.0005 (measured 0.0081 -> 0.0073; the
    source repeated reads 0)."""
    now = _turn_tints(grace_hopper, (8, 10, 12, 14, 16))
    with monkeypatch.context() as patch:
        patch.setattr(fringe_unmix, "skin_alpha", lambda source, plate, skin: np.zeros(source.shape[:2], np.float32))
        before = _turn_tints(grace_hopper, (8, 10, 12, 14, 16))
    assert np.mean(now) < np.mean(before) - 0.0005, (np.round(now, 4), np.round(before, 4))


def test_grace_hoppers_moved_cheek_under_the_far_ear_is_not_over_saturated(grace_hopper):
    """preset:turn frames 10, 12, 14: her moved far cheek's and lobe's soft edge is skin under a segmentation alpha of
    ~0.5 over the light sky's fill, darker than it, so the skin edge's alpha was not raised (`fringe_unmix`'s luma
    test) and its colour, past the range, drew orange dashes over the neck's tone. Under the ears the raise now takes
    darker skin too: `over_saturated` (pixels beside the lower oval more saturated than her face skin ever is) stays
    under 0.01 face sizes on the mean (measured 0; the engine before 0.041; the source repeated reads 0)."""
    image, lm = grace_hopper
    options = RetargetOptions().for_engine("mesh")
    targets = np.asarray(retarget(lm, preset_motion("turn"), options))
    animator = MeshAnimator(image, lm, MeshOptions().with_limits(options))
    frames = (10, 12, 14)
    assert all(over_saturated(image, image, lm, targets[k]) == 0.0 for k in frames)
    figures = [over_saturated(animator.render(targets[k]), image, lm, targets[k]) for k in frames]
    assert np.mean(figures) < 0.01, np.round(figures, 4)



TURNED_BACK_FRAMES = (21, 22, 23)
"""preset:turn's (2 s) frames turning back with the chin lowered (h45-fresh: `fringe_tint` 0.0453 on 22)."""


@pytest.mark.xfail(strict=True, reason="h46-ghturn: 0.043 / 0.045 / 0.041 on 21-23 (main 0.045 on 22; the source "
                   "repeated 0): the band reads thin coloured pieces along the far cheek's outline, where the flag's "
                   "gold pole stands beside the moved cheek, and an orange-pink line along the far jaw's lower edge "
                   "over the flag's gold fringe; not traced to a stage")
def test_grace_hoppers_jaw_turned_back_shows_no_orange_line(grace_hopper):
    """The mean fringe_tint over preset:turn frames 21-23 stays under the 8-16 bound, 0.018."""
    figures = _turn_tints(grace_hopper, TURNED_BACK_FRAMES)
    assert np.mean(figures) < 0.018, np.round(figures, 4)
