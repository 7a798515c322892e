"""The dark band round a turned jaw (issue #9): sr_4 turned towards its hidden side and up (preset:turn
frames 30-42) carried the dark background beside its far cheek, held in the head mask by the grown
segmentation, round its jaw as a dark outline over the plate's lighter fill. `jaw_edge.background_fringe`
leaves that fringe in the photo; `jaw_outline.dark_band` reads the band along the drawn outline (at this
size, frames 30 / 33 / 36: 6.7 / 10.5 / 21.3 grey levels without it, 4.5 / 7.0 / 15.0 with it)."""

from __future__ import annotations

import numpy as np
from test_layered import turn_targets
from test_turned_portraits import _small

from facereel.engines.mesh import MeshAnimator, head_proxy
from facereel.engines.mesh.figures.jaw_outline import dark_band, jaw_corners_added

FRAMES = (30, 33, 36)  # preset:turn (2 s): turned towards sr_4's hidden side and up


def _bands(image: np.ndarray, lm: np.ndarray) -> list[float]:
    animator = MeshAnimator(image, lm)
    assert dark_band(animator, image) == 0.0 and jaw_corners_added(animator) == 0  # nothing moved yet
    targets = turn_targets(lm)[0]
    return [dark_band(animator, animator.render(targets[k])) for k in FRAMES]


def test_the_turned_jaw_has_no_dark_band(monkeypatch):
    image, lm = _small("sr_4")
    now = _bands(image, lm)
    with monkeypatch.context() as patch:
        patch.setattr(head_proxy, "background_fringe", lambda colours, *args: np.ones(colours.lab.shape[:2], np.float32))
        before = _bands(image, lm)
    assert np.mean(now) < 0.8 * np.mean(before), (now, before)
