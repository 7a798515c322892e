"""No staircase of blocks in the neck's tone under sr_8's moved jaw (`figures.tone_sides`, `shadow_band.dark_rim`'s
`RIM_FADE`; issue #9, fresh sweep h27-fresh (3))."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.tone_sides import side_steps, tone_shown
from facereel.engines.mesh.neck_layer import shadow_band
from facereel.engines.mesh.neck_layer.shadow_band import RIM_FADE, dark_rim

BOX = (700, 410, 930, 585)
"""x0, y0, x1, y1 px of sr_8 at its own size (1280 x 720): between the moved jaw and the neck."""


@pytest.fixture(scope="module")
def sr_8_sr_1(shared_data: Path) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """sr_8 at its own size (image, landmarks (478, 3) px) and its targets driven by sr_1 cut to frames 30-58 (the
    fresh sweep's clip, 30-80, up to its output frame 28)."""
    return streamed_targets(shared_data, "sr_8.png", "sr_1", 59, size=None, first=30)


def test_the_rim_goes_on_along_the_jaw_while_its_shadow_lasts():
    """Face size 100 px, the run from row 20 to 60 lit (200), the `BAND_REACH` rows above it: a rim 30 dark over 20
    columns (`dark_rim`'s stretch), then lightening to `RIM_FADE` of the run over 10 columns (sr_8's shadow beside its
    rim), then lighter: the rim goes on over the lightening columns and stops where the shadow ends; a shadow as deep
    past the lighter columns, too short to be a rim of its own, is not joined."""
    grey = np.full((70, 80), 200.0, np.float32)
    grey[14:20, 0:20] = 30.0
    grey[14:20, 20:30] = np.linspace(100.0, RIM_FADE * 200.0, 10)
    grey[14:20, 30:40] = 190.0
    grey[14:20, 40:45] = 100.0
    rim = dark_rim(grey, np.full((1, 80), 20), np.full(80, 60), 100.0)
    assert rim[:30].all() and not rim[30:].any(), np.flatnonzero(rim)


def _steps(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], frames: tuple[int, ...]
           ) -> tuple[list[int], list[int]]:
    """`side_steps` in `BOX` where each of `frames` shows the tone: on the source repeated (the same pixels) and as
    the engine draws it with `facereel animate`'s options."""
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = animator.box
    source, drawn = [], []
    for k in frames:
        frame = animator.render(targets[k])
        shown = np.zeros(image.shape[:2], bool)
        shown[y0:y1, x0:x1] = tone_shown(animator.drawn_tone(), animator.drawn_alpha())
        source.append(side_steps(image, shown, BOX))
        drawn.append(side_steps(frame, shown, BOX))
    return source, drawn


@pytest.mark.slow
def test_the_jaws_shadow_fades_along_the_jaw_without_blocks_under_the_moved_jaw(sr_8_sr_1, monkeypatch):
    """sr_8 (own size) x sr_1 30-80, output frames 22 / 25 / 28 (the head moved ~0.3 face sizes left and down): the
    photo's jaw shadow right of the chin lightens along the jaw (0.17 of the neck below it at x 800, 0.45 at x 744,
    0.85 at x 720); `dark_rim` took it up to x 744 only, and the mirror laid the lit neck up in the columns beside it,
    so the tone showed a light strip with a hard side against the rim's dark colour, sheared by the neck's warp into
    a staircase of blocks (`side_steps` 44 / 22 / 26 = 92 pairs of >= 6 grey levels; the source repeated 0). With the
    rim going on while the shadow lasts (`RIM_FADE`) 28 are left (the thin light strip of the photo kept behind the
    chin's soft edge, `HeadMask.photo`, x 716-729). Looked at 3-4x: the light strip and the blocks beside it gone."""
    image, lm, targets = sr_8_sr_1
    frames = (22, 25, 28)
    source, now = _steps(image, lm, targets, frames)
    assert sum(source) <= 2, source
    assert sum(now) <= 40, now
    monkeypatch.setattr(shadow_band, "RIM_FADE", 0.0)  # the engine before: the rim's stretch alone
    _, before = _steps(image, lm, targets, frames)
    assert sum(before) >= 2 * sum(now), (now, before)
