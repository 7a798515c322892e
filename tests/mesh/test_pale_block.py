"""No pale block of the neck's tone on the dark wall beside sr_4's moved ear (issue #9; docs/status.md, h33-edges' (2)):
the background carried straight through the hole (`plate.column_runs`, the dark strip between the ear and a lit
pillar) counts as background beside the head in `under_ear.wall_inside`, so the neck's tone is not laid behind the
ear up to it; read by `figures.pale_block` on sr_4 (whole, own size) driven by lp_d11 from frame 180 as `facereel
animate` drives it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import driven_targets

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import layers
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.pale_block import pale_block
from facereel.engines.mesh.neck_layer import under_ear

FIRST, FRAMES = 180, (22, 23, 24)  # lp_d11's frame 180 the reference; the head is ~35 px off the wall strip at 22-25
BOX = (900, 240, 946, 296)  # sr_4 px: behind the ear at rest, left of the wall strip, above the neck band
WALL = (940, 180, 952, 230)  # sr_4 px: the dark wall strip above the ear, whose grey the plate should keep


def _blocks(source, targets: list[np.ndarray], wall: float) -> tuple[float, list[float]]:
    """`pale_block` in `BOX` of the source repeated (the photo's head alpha) and of `FRAMES` of `targets` (all mapped
    in order) drawn by the animate path's engine."""
    animator = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = animator.box
    alpha = np.zeros(source.image.shape[:2], np.float32)
    alpha[y0:y1, x0:x1] = animator.layer.alpha
    repeated = pale_block(source.image, alpha, BOX, wall)
    out = []
    for k, target in enumerate(targets):
        frame = animator.map_frame(target)
        if k in FRAMES:
            pixels = animator.draw(frame)
            alpha[y0:y1, x0:x1] = animator.drawn_alpha()
            out.append(pale_block(pixels, alpha, BOX, wall))
    return repeated, out


def test_no_pale_block_on_the_wall_behind_the_moved_ear(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pale_block` (share of BOX's bare px 30+ grey levels over the wall), frames 22-24: the source repeated 0; before
    (the carried strip not counted as background beside: the tone laid behind the ear up to it) 0.175 / 0.250 / 0.288
    (as on the base tree); now 0.023 / 0.028 / 0.037 (the top of the pale fill under the lobe, the neck band's)."""
    source = load_source(shared_data / "portraits" / "sr_4.png")
    x0, y0, x1, y1 = WALL
    wall = float(np.median(source.image[y0:y1, x0:x1].mean(axis=2)))
    targets = driven_targets(source, shared_data / "driving" / "lp_d11.mp4", FIRST, max(FRAMES) + 1)
    repeated, now = _blocks(source, targets, wall)
    monkeypatch.setattr(layers, "wall_inside", lambda *args: under_ear.wall_inside(*args[:7]))
    before = _blocks(source, targets, wall)[1]
    assert repeated == 0.0 and max(now) < 0.06 and min(before) > 0.1, (repeated, now, before)
