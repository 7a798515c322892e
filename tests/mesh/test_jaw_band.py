"""The dark band round a turned jaw (issue #9): sr_4 turned towards its hidden side and up (preset:turn
frames 33-42) carried the dark background beside its far cheek, held in the head mask by the grown
segmentation, round its jaw as a dark outline over the plate's lighter fill. `jaw_edge.background_fringe`
leaves that fringe in the photo; `jaw_band.dark_band` reads the band from the frames."""

from __future__ import annotations

import numpy as np
from test_layered import turn_targets
from test_turned_portraits import _small

from facereel.engines.mesh import MeshAnimator, head_proxy
from facereel.engines.mesh.jaw_band import dark_band

FRAMES = (33, 36, 39)  # preset:turn (2 s): turned towards sr_4's hidden side and up


def _bands(image: np.ndarray, lm: np.ndarray) -> list[float]:
    animator = MeshAnimator(image, lm)
    targets = turn_targets(lm)[0]
    return [dark_band(animator.render(targets[k]), image, lm, targets[k]) for k in FRAMES]


def test_the_turned_jaw_has_no_dark_band(monkeypatch):
    image, lm = _small("sr_4")
    assert dark_band(image, image, lm, lm) == 0.0  # the source repeated
    now = _bands(image, lm)
    with monkeypatch.context() as patch:
        patch.setattr(head_proxy, "background_fringe", lambda crop, *args: np.ones(crop.shape[:2], np.float32))
        before = _bands(image, lm)
    assert np.mean(now) < 0.7 * np.mean(before), (now, before)
