"""The moved chin's lower edge over the neck (issue #9): blurred by 1 px it was a cut-out line over lp_s1's
necklace, where the photo's chin meets its neck in a soft shadow. `chin_outline.soften_chin` softens it
along the chin's middle inside the person, the photo behind its neck side; `figures/chin_edge.chin_edge`
reads how much steeper than the photo's own chin edge the drawn one is."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator, head_proxy
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.chin_edge import chin_edge
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LAUGH_FRAMES = (12, 25, 37)  # preset:laugh (2 s), the mouth open


def _edges(image: np.ndarray, lm: np.ndarray) -> list[float]:
    """`chin_edge` on the source repeated, then on preset:laugh's open mouths."""
    animator = MeshAnimator(image, lm)
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape
    source = (image[y0:y0 + h, x0:x0 + w], animator.layer.alpha, lm[152, :2] - animator.origin)
    out = [chin_edge(*source, *source, face_size(lm))]
    targets = retarget(lm, preset_motion("laugh", 2.0), RetargetOptions().for_engine("mesh"))
    for k in LAUGH_FRAMES:
        frame = animator.render(targets[k])[y0:y0 + h, x0:x0 + w]
        out.append(chin_edge(frame, animator.drawn_alpha(), targets[k][152, :2] - animator.origin, *source,
                             face_size(lm)))
    return out


@pytest.mark.parametrize("name", ["lp_s5"])  # lp_s1: the necklace's own edge lies in the window
def test_the_moved_chin_edge_is_as_soft_as_the_photos(name, monkeypatch):
    image, lm = portrait(name)
    now = _edges(image, lm)
    with monkeypatch.context() as patch:  # the engine before: the 1 px edge, the fill behind it
        patch.setattr(head_proxy, "soften_chin", lambda region, sharp, *_: (sharp, np.zeros_like(sharp)))
        hard = _edges(image, lm)
    assert now[0] == 0.0 and hard[0] == 0.0  # the source repeated
    assert np.mean(now[1:]) < 0.8 * np.mean(hard[1:]), (now, hard)
