"""No skin-tinted patch of the plate on the light wall where lp_s5's moved ear stood (issue #9; docs/status.md,
h48-fresh, mended by h49-s5tint): lp_s5 at 512 px driven by lp_d12 from frame 140 as `facereel animate --size 512`
drives it; read by `figures.wall_tint` (/tmp/h48-fresh/s5_d12_crop_150_140_21_22_23.png, frames 24-25)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import driven_targets, drawn_on_image

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.wall_tint import wall_colour, wall_tint

FIRST, FRAMES = 140, (24, 25)  # lp_d12's frame 140 the reference; the head moves right off the ear's place at 24-25
BOX = (198, 182, 224, 214)  # lp_s5 px at 512: the photo's ear and the hair lock beside it, over the wall's light grey
WALL = (150, 182, 176, 214)  # lp_s5 px at 512: the wall left of BOX on the same rows


def _tints(shared_data: Path) -> tuple[float, list[float]]:
    """`wall_tint` in `BOX` of the source repeated (the photo's head alpha) and of `FRAMES` drawn by the animate
    path's engine (`drawn_on_image`)."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s5.jpg"), 512)
    wall = wall_colour(source.image, WALL)
    targets = driven_targets(source, shared_data / "driving" / "lp_d12.mp4", FIRST, max(FRAMES) + 1)
    photo_alpha, drawn = drawn_on_image(source, targets, FRAMES)
    repeated = wall_tint(source.image, photo_alpha, BOX, wall)
    tints = [wall_tint(pixels, alpha, BOX, wall) for pixels, alpha in drawn]
    return repeated, tints


def test_a_bare_box_of_the_wall_reads_none_and_a_skin_patch_reads_its_share() -> None:
    """A 40 x 40 light grey wall (200, 197, 190), nothing drawn: 0; a 10 x 20 patch of lp_s5's fill colour (183, 166,
    140) in a 20 x 20 box: 0.5; the same under the head (alpha 1): 0."""
    frame = np.empty((40, 40, 3), np.uint8)
    frame[:] = (200, 197, 190)
    wall = wall_colour(frame, (0, 0, 10, 40))
    bare, box = np.zeros((40, 40), np.float32), (10, 10, 30, 30)
    assert wall_tint(frame, bare, box, wall) == 0.0
    frame[10:30, 10:20] = (183, 166, 140)
    assert wall_tint(frame, bare, box, wall) == pytest.approx(0.5)
    assert wall_tint(frame, np.ones_like(bare), box, wall) == 0.0


def test_no_skin_patch_on_the_wall_beside_the_moved_ear(shared_data: Path) -> None:
    """`wall_tint` in BOX, frames 24 / 25: the source repeated 0 (its ear covers the box); before h49-s5tint 0.46 / 0.24
    (the neck's tone and the person's fill laid under the ear and hair lock, outward of her thin neck, left on the wall
    by the shift), now 0.069 / 0.014 (`shifted_wall.past_neck`: outward of the neck seen and `RISE` above the hole's
    end). Bar 0.1: the wall shown, with the head's soft edge."""
    repeated, tints = _tints(shared_data)
    assert repeated == 0.0 and max(tints) < 0.1, (repeated, tints)
