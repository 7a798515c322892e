"""The wall behind a lock hanging over it shows where a turn uncovers it (`figures.lock_wall`, issue #9 item 2;
docs/status.md "## Next", h30-fresh4's find (1)): lp_s5 cut to its head's corner x lp_d12 140-183 drew a blurred
brown block and a dark shard on the wall left of the jaw, the neck's tone laid behind the curl (`under_ear.wall_inside`;
h30-curl); the shard and the brown above the lock (`figures.lock_wall.dark_beside_lock`) were the curl read as the jaw's
shadow (`shadow_band.dark_rim`, h31-curl)."""

from __future__ import annotations

import functools

import numpy as np
from mesh_faces import driven_targets, landmarks, portrait

from facereel.animate.inputs import Source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.body_on_wall import wall_fill
from facereel.engines.mesh.figures.lock_wall import dark_beside_lock, lock_wall
from facereel.engines.mesh.layers import plate_hole

SHOWN = tuple(range(24, 31))
"""lp_d12 140-183's frames after the shake's turn (yaw -11 -> -21 deg between 24 and 25), the block at 24-30."""


@functools.cache
def _corner() -> Source:
    """lp_s5 cut to x 230-720, y 110-720 (490 x 610, the head near the top-left corner) and its landmarks."""
    image = np.ascontiguousarray(portrait("lp_s5")[0][110:720, 230:720])
    return Source(image=image, landmarks=landmarks(image))


def _engine():
    """The corner's engine as `facereel animate` makes it (`cut_neck.Extended`: the hair a side cuts), its copy's
    `MeshAnimator`, the plate's hole margin px (`MeshOptions.plate_grow` of the copy's face size) and that face size
    px."""
    source = _corner()
    engine = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    inner = getattr(engine, "inner", engine)
    face_px = face_size(engine.on_copy(source.landmarks))
    return engine, inner, max(1, round(inner.options.plate_grow * face_px)), face_px


def _on_box(inner, image: np.ndarray) -> np.ndarray:
    """`image` ((H, W, ...) on the copy) on `inner`'s crop box."""
    x0, y0, x1, y1 = inner.box
    return image[y0:y1, x0:x1]


def test_the_figure_reads_a_brown_patch_on_the_uncovered_lock_and_not_the_wall():
    """The wall carried into the hole reads 0 with the whole lock uncovered; a brown patch over it reads 1; the
    photo with its head in place (nothing uncovered) 0."""
    _, inner, grow, face_px = _engine()
    crop, mask = _on_box(inner, inner.source), inner.mask
    wall = np.clip(wall_fill(crop, mask.person, plate_hole(mask, grow)), 0, 255).astype(np.uint8)
    bare = np.zeros(mask.alpha.shape, np.float32)
    assert lock_wall(wall, crop, mask, bare, grow) == 0.0
    assert lock_wall(np.full_like(wall, (98, 66, 50)), crop, mask, bare, grow) == 1.0
    assert lock_wall(crop, crop, mask, mask.alpha.astype(np.float32), grow) == 0.0
    assert dark_beside_lock(wall, crop, mask, bare, grow, face_px) == 0.0
    assert dark_beside_lock(np.full_like(wall, (98, 66, 50)), crop, mask, bare, grow, face_px) == 1.0
    assert dark_beside_lock(crop, crop, mask, mask.alpha.astype(np.float32), grow, face_px) == 0.0


def test_the_shakes_turn_shows_the_wall_behind_the_curl(shared_data):
    """Over `SHOWN`, max: `lock_wall` the source repeated 0 (the lock covered), the engine before h30-curl 0.41 (the
    neck's brown tone behind the curl), before h31-curl 0.21, now 0.10; `dark_beside_lock` the source repeated 0,
    before h31-curl 0.35 (0.15-0.35 a frame: the shard and the brown above the lock, the curl taken for the jaw's
    shadow), now 0.06 (the moved curl's own soft edge)."""
    engine, inner, grow, face_px = _engine()
    targets = driven_targets(_corner(), shared_data / "driving" / "lp_d12.mp4", 140, SHOWN[-1] + 1)
    walls, darks = [], []
    crop = _on_box(inner, inner.source)
    for k, target in enumerate(targets):
        frame = engine.map_frame(target)
        if k in SHOWN:
            drawn = _on_box(inner, inner.draw(frame))
            walls.append(lock_wall(drawn, crop, inner.mask, inner.drawn_alpha(), grow))
            darks.append(dark_beside_lock(drawn, crop, inner.mask, inner.drawn_alpha(), grow, face_px))
    assert max(walls) < 0.15, walls
    assert max(darks) < 0.12, darks
