"""The nostril's sill is not squeezed flat by the lip ring (`lip_ring.LipRing.unsqueezed`), read by
`figures.nose_sill.sill_share` on sr_8 (its own size) driven by lp_d11 from frame 132 as `facereel animate` drives it
(docs/status.md, h29-noseslit; issue #9, h28-fresh find (4))."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import set_up_copy, streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.nose_sill import sill_share
from facereel.engines.mesh.geometry import lip_ring
from facereel.engines.mesh.geometry.lip_ring import lip_folds
from facereel.engines.mesh.geometry.mesh_topology import face_triangles

FIRST, FRAMES = 132, (19, 20, 21)  # lp_d11's frame 132 the reference; its nose comes down to its lips at 151-153


def _figures(animator: MeshAnimator, lm: np.ndarray, targets: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(len(FRAMES), 2) `sill_share` and (len(FRAMES),) `lip_folds` of `FRAMES` of `targets`, all mapped in order."""
    sill, folds = [], []
    for k, target in enumerate(targets):
        drawn = animator.map_frame(target).target
        if k in FRAMES:
            sill.append(sill_share(lm, drawn))
            folds.append(lip_folds(lm[:, :2], drawn[:, :2], face_triangles()))
    return np.array(sill), np.array(folds)


@pytest.mark.slow
def test_the_nostril_sill_is_not_pushed_flat(shared_data: Path, monkeypatch: pytest.MonkeyPatch):
    """lp_d11 brings the nose down to the lips (sr_8's nose-to-lip gap 42 -> 14 px at frame 20): the lip ring pushed
    the subnasale and the philtrum's top up onto the nostril's rim, folding the sill between them flat, the nostril
    cut by a straight edge into a thin dark slit (x 573-600, y 419-425; with the mouth synthetic too). `sill_share` on
    the slit's side (the image's right): source repeated 1; before -0.005-0.10 at frames 19-21, now 0.31-0.41 (the
    ring's push held at `SQUEEZE`, 0.3, of each triangle's photo area). The other nostril's (turned over by the
    target itself) -0.99 to -0.69 -> -0.70 to -0.51; the folds between lips and skin (`lip_folds`) 0.05-0.06, as
    before."""
    image, lm, targets = streamed_targets(shared_data, "sr_8.png", "lp_d11", FIRST + max(FRAMES) + 1, None,
                                          first=FIRST)
    assert (sill_share(lm, lm) == 1.0).all()  # the source repeated
    options = mesh_options(AnimateOptions(mouth="synthetic"))
    now, folds = _figures(set_up_copy(image, lm, options), lm, targets)
    assert now[:, 0].min() > 0.25, now
    monkeypatch.setattr(lip_ring, "SQUEEZE", -np.inf)  # every push taken whole, as before
    before, folds_before = _figures(set_up_copy(image, lm, options), lm, targets)
    assert before[:, 0].max() < 0.15, before
    assert (now[:, 1] >= before[:, 1] - 1e-6).all() and (folds <= folds_before).all(), (now, before, folds,
                                                                                         folds_before)
