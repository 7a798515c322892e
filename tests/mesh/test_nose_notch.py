"""The nose's underside stays above lips pressed flat (`lip_ring.pressed_flat`, `lip_ring.own_lip`), read by
`figures.nose_notch.skin_under_lip` on shared portraits at 512 px driven by lp_d12 90-150 as `facereel animate --size
512` drives them (docs/status.md, h28-s5notch; issue #9, h27-fresh find (11))."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import set_up_copy, streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.nose_notch import above_lip, skin_under_lip
from facereel.engines.mesh.geometry import lip_ring
from facereel.engines.mesh.geometry.lip_ring import lip_folds
from facereel.engines.mesh.geometry.mesh_topology import face_triangles
from facereel.motion import retarget

FIRST = 90  # lp_d12's frame 90, its mouth open, is the reference: the driver closes its mouth from ~95 on


def _figures(animator: MeshAnimator, lm: np.ndarray, targets: list[np.ndarray], frames: tuple[int, ...]
             ) -> tuple[np.ndarray, np.ndarray]:
    """(len(frames),) `skin_under_lip` and `lip_ring.lip_folds` of `frames` of `targets`, all mapped in order."""
    notch, folds = [], []
    for k, target in enumerate(targets):
        drawn = animator.map_frame(target).target
        if k in frames:
            notch.append(skin_under_lip(lm, drawn))
            folds.append(lip_folds(lm[:, :2], drawn[:, :2], face_triangles()))
    return np.array(notch), np.array(folds)


@pytest.mark.parametrize("name, frames", [("lp_s5.jpg", (9, 10, 54, 55, 56)), ("lp_s3.jpg", (10, 11, 12))])
def test_the_nose_underside_stays_above_lips_pressed_flat(shared_data: Path, name: str, frames: tuple[int, ...],
                                                          monkeypatch: pytest.MonkeyPatch):
    """lp_d12 closes the mouth its reference frame opens: on a closed-mouthed portrait the target's lips are pressed
    flat, the lower one's outer edge over the upper one's. Read against the whole contour, winding the other way
    round, the lip ring pushed the nose's underside and the philtrum 12-15 px down through both lips: a brown
    triangle over the upper lip (lp_s5 frames 54-56, lp_d12 144-146; 9-10; lp_s3 10-12, lighter). `skin_under_lip`
    (face sizes): source repeated 0; before 0.048-0.058 on lp_s5's frames, 0.045-0.049 on lp_s3's; now 0 on each.
    The share of folds between lips and skin (`lip_folds`) is no higher on any: lp_s5 0.27 -> 0.11 at 54-55, lp_s3
    0.04-0.06 -> 0-0.02. The retargeting no longer presses these lips (`retarget._close_no_further`, h28-pressed:
    the lips keep 0.93 of their thickness, `skin_under_lip` 0 with or without the ring's mend), so the targets are
    made with the closing unlimited, as before it: the ring still meets lips pressed flat wherever a driver's own
    lips press (absolute mode, a tracker's lips crossed)."""
    monkeypatch.setattr(retarget, "_close_no_further", lambda c, c_src: None)
    image, lm, targets = streamed_targets(shared_data, name, "lp_d12", FIRST + max(frames) + 1, 512, first=FIRST)
    assert len(above_lip(lm)) > 10 and skin_under_lip(lm, lm) == 0.0  # the source repeated
    options = mesh_options(AnimateOptions())
    now, folds = _figures(set_up_copy(image, lm, options), lm, targets, frames)
    assert now.max() < 0.005, now
    monkeypatch.setattr(lip_ring, "pressed_flat", lambda lips: False)
    before, folds_before = _figures(set_up_copy(image, lm, options), lm, targets, frames)
    assert before.min() > 0.01 and (folds <= folds_before).all(), (before, folds, folds_before)
