"""The plate beside a thin neck (issue #9): behind lp_s6's jaw angle the hole is filled from the person beside the
neck band (`plate.neck_body_side`), not from the wall, which the neck layer stretched into a white notch with
stepped stripes between the ear and the collar (lp_s6 x lp_d3 frames 10-30); read by `figures.wall_notch`."""

from __future__ import annotations

import numpy as np
from mesh_faces import scaled_portrait

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.figures.wall_notch import wall_notch
from facereel.engines.mesh.geometry.head_proxy import person_grow_px
from facereel.engines.mesh.plate_fill.plate import neck_body_side


def test_neck_body_side_raises_the_side_in_the_neck_rows_only():
    """Beside the band's rows the side is the eroded body's; in them it is raised to the person's, never lowered."""
    side = np.zeros((6, 8), np.float32)
    to_background = np.full((6, 8), 10.0, np.float32)
    to_person = np.full((6, 8), 2.0, np.float32)
    neck = np.zeros((6, 8), np.float32)
    neck[3:, 3:5] = 1.0
    out = neck_body_side(side, to_background, to_person, neck, margin_px=4.0)
    assert np.all(out[:3] == 0.0)
    assert np.all(out[3:] == 1.0)  # the whole row, beside the band too
    assert np.all(neck_body_side(np.ones_like(side), to_background, to_background + 20, neck, 4.0) == 1.0)


def _notch(image: np.ndarray, lm: np.ndarray) -> tuple[int, int]:
    """`wall_notch` of the source's crop and of the plate, with the CLI's options."""
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = animator.box
    mask, fringe = animator.mask, person_grow_px(lm)
    return (wall_notch(image[y0:y1, x0:x1], mask.person, mask.neck, fringe),
            wall_notch(animator.layer.plate, mask.person, mask.neck, fringe))


def test_lp_s6_plate_behind_the_jaw_angle_is_not_the_wall(monkeypatch):
    """lp_s6 at 512 px: the wall-coloured pixels inside the person in the neck band's rows, the photo's own 180, the
    plate before (the side from the eroded body only) 648, now 309 (bench/wall_notch.py)."""
    image, lm = scaled_portrait("lp_s6", 512 / 725)
    source, now = _notch(image, lm)
    with monkeypatch.context() as patch:
        patch.setattr(layers, "neck_body_side", lambda side, *rest: side)
        _, before = _notch(image, lm)
    assert now < 0.6 * before, (source, before, now)
    assert now < 2 * source, (source, before, now)
