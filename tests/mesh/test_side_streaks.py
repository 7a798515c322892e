"""No thin vertical streaks beside a turned face moved sideways (`figures.side_streaks`, `carried_ends.steep_runs`;
issue #9)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import driven_targets

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.side_streaks import side_streaks
from facereel.engines.mesh.head_edge import carried_ends, soft_ends

FRAMES = (52, 53, 56, 58, 60)
"""sr_1's frames where sr_8's head has turned further to its hidden side (yaw 34 -> 44-46 deg) and moved ~0.3 face
sizes sideways: its far cheek's side is cut by the still rings it moved into."""


@pytest.fixture(scope="module")
def sr_8_sr_1(shared_data: Path) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """sr_8 at 512 px (image, landmarks (478, 3) px) and its targets driven by sr_1's frames up to the last of
    `FRAMES` as `facereel animate` drives them (streamed)."""
    source = resize_source(load_source(shared_data / "portraits" / "sr_8.png"), 512)
    return source.image, source.landmarks, driven_targets(source, shared_data / "driving" / "sr_1.mp4", 0,
                                                          max(FRAMES) + 1)


def _streaks(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray]) -> list[int]:
    """`side_streaks` of `FRAMES` drawn by the engine with `facereel animate`'s options (each frame on its own)."""
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    return [side_streaks(animator.render(targets[k]), targets[k]) for k in FRAMES]


def test_a_turned_cheek_cut_sideways_is_not_carried_down_into_streaks(sr_8_sr_1, monkeypatch):
    """sr_8 x sr_1 frames 52-60 at 512: the far cheek's side, cut where the head moved into its still rings, is a steep
    run of cuts (1.2-3.1 rows a column); carried down column by column as a hanging hair end (`carried_ends` before
    `steep_runs`), it drew 1-4 px dark and light lines 0.2-0.4 face sizes tall over the wall beside the cheek (the
    frames' `side_streaks` 448 px, drawn each on its own; the source repeated 0). Faded instead of carried (the cuts
    not carried are), well under half of that is left (135: the cheek's stepped hard outline, a light piece beside
    the nose tip). The bound was a third (116 of 334) until h26-rollhair turned the rings about
    `head_proxy.ROLL_PIVOT`: the head sits 1-2 px off its old place on these rolled frames and frame 56's stepped
    outline reads 33 -> 55 px; crops of 56 at 4x (mouth, chin, cheek side) look alike, no streak added. Since
    h45-shard the far cheek's side past the oval is the face mesh's cover (`soft_ends.mesh_cover`), no hair: those
    cuts are not carried even with every long run carried (33 px), so the engine before is that too, with the hair
    outside the oval alone."""
    image, lm, targets = sr_8_sr_1
    assert side_streaks(image, lm) == 0
    now = _streaks(image, lm, targets)
    monkeypatch.setattr(carried_ends, "_STEEP", np.inf)  # every long run carried: the cover alone keeps the side off
    cover_alone = _streaks(image, lm, targets)
    monkeypatch.setattr(soft_ends, "mesh_cover", lambda landmarks, origin, shape: np.zeros(shape, bool))
    before = _streaks(image, lm, targets)  # the engine before both: the hair outside the oval, every run carried
    assert sum(before) >= 300, before
    assert sum(now) <= 0.45 * sum(before), (now, before)
    assert sum(cover_alone) <= 0.45 * sum(before), (cover_alone, before)
