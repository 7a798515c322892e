"""lp_s3's painted side shade drawn ~2x across the cheek a big turn unfolds, read by `figures.shade_spread` on lp_s3
scaled to 512 px high x preset:turn as `facereel animate` drives it (docs/status.md, h40-sweep's find; h42-s3far traced
it: docs/mesh-engine.md "The unfolded cheek's painted shade at the turn's end"; issue #9)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from facereel.animate.inputs import drive, load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.shade_spread import drawn_area
from facereel.engines.mesh.open_mouth.hidden_corners import mesh_retarget
from facereel.media.image import read_image, write_image
from facereel.motion.presets import preset_motion

HEIGHT = 512  # px: lp_s3 (564 x 729) scaled to this height, as the sweep and `animate --size 512`
FRAMES = range(10, 15)  # preset:turn's frames at yaw 43-45 deg towards her image-right cheek
# photo px: the mid-brown band between the lit cheek and the dark rim by the ear, inside the tracker's face oval (its
# right end at x 233-235 on rows 120-145, 229 on row 150) and below the eye corners (row 118): `rim_shadow`'s face
# triangles. h42-s3far's box (226, 115, 237, 155) also took the dark rim past the oval, drawn by the first ring's
# triangles (1.7-1.9x in both trees, as the ear beside it), and the jaw below row 150.
SHADE = (226, 118, 233, 150)
LIT = (205, 125, 225, 150)  # photo px: the lit cheek beside it, below the eye


@pytest.fixture(scope="module")
def spreads(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[float, float]]:
    """(shade, lit) `drawn_area` of the frames in FRAMES: how large each frame's backward map draws the two boxes."""
    photo = read_image(shared_data / "portraits" / "lp_s3.jpg")
    width = round(photo.shape[1] * HEIGHT / photo.shape[0])
    path = tmp_path_factory.mktemp("shade_spread") / "lp_s3_512.png"
    write_image(path, cv2.resize(photo, (width, HEIGHT), interpolation=cv2.INTER_AREA))
    source = load_source(path)
    options = AnimateOptions()
    targets = drive(source, preset_motion("turn"), mesh_retarget(options.retarget, source.image, source.landmarks))
    animator = mesh_animator(source.image, source.landmarks, mesh_options(options))
    x0, y0, x1, y1 = animator.box
    columns, rows = np.meshgrid(np.arange(x0, x1, dtype=np.float32), np.arange(y0, y1, dtype=np.float32))
    out = []
    for k in FRAMES:
        frame = animator.map_frame(targets[k])
        reads = animator.warp.full_size(frame.coarse, frame.seam)
        read_x, read_y = reads[..., 0] + columns, reads[..., 1] + rows
        out.append((drawn_area(read_x, read_y, SHADE), drawn_area(read_x, read_y, LIT)))
    return out


def test_the_turn_opens_the_cheek(spreads) -> None:
    """The turn unfolds the cheek's side: the lit cheek is drawn larger than in the photo (the source repeated draws
    each box 1.0; frames 10-14 1.15-1.24)."""
    assert min(lit for _, lit in spreads) > 1.05, spreads


def test_the_painted_shade_is_drawn_no_larger_than_the_lit_cheek(spreads) -> None:
    """`drawn_area` of SHADE against LIT's, frames 10-14: the source repeated 1.0 / 1.0, the engine before h43-s3shade
    1.91-2.16 / 1.15-1.24 (the band drawn ~2x, a flat brown band across the cheek with a vertical step at its inner
    edge: `rim_shadow` marked only px darker than the skin's mean lightness by 2 of its 51-level spread, L < 72),
    after 1.15-1.27 / 1.37-1.57 (`rim_shadow.row_shaded`: a rim px darker than the lit skin beside it on its row).
    `rim_shadow`'s rule (a shade keeps its size, the lit skin beside it takes the turn's stretch) asks the shade no
    larger than the lit cheek."""
    assert all(shade <= lit for shade, lit in spreads), [(round(s, 2), round(lit, 2)) for s, lit in spreads]
