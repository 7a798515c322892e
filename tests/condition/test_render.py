"""The A1 condition drawing: parts, colours, squares, placement, and frame 0 = the source's own landmarks."""

from __future__ import annotations

import numpy as np

from facereel.condition.a1_style import PARTS, SQUARES
from facereel.condition.render import draw_a1, draw_a1_reference
from facereel.engines.a1.constants import HEIGHT, WIDTH
from facereel.face import landmark_ids as ids
from facereel.face.crop import model_region, release_face_box
from facereel.animate.inputs import a1_condition, drive, source_from_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions


def test_style_draws_every_part_in_its_colour(astronaut: np.ndarray) -> None:
    source = source_from_image(astronaut)
    canvas = draw_a1(np.zeros_like(astronaut), source.landmarks)
    colours = {tuple(c) for c in canvas.reshape(-1, 3)}
    for colour, _ in PARTS:
        assert colour in colours, colour
    for index, colour, side in SQUARES:
        x, y = np.floor(source.landmarks[index, :2]).astype(int)
        patch = canvas[y - side // 2:y - side // 2 + side, x - side // 2:x - side // 2 + side]
        assert np.all(patch == colour), index
    # nothing is drawn far from the face (face oval, background stay black)
    lo, hi = source.landmarks[:, :2].min(0).astype(int), source.landmarks[:, :2].max(0).astype(int)
    outside = canvas.copy()
    outside[lo[1]:hi[1] + 1, lo[0]:hi[0] + 1] = 0
    assert outside.max() == 0
    # the face oval is not drawn: its midpoints between outline points stay black
    oval = source.landmarks[list(ids.FACE_OVAL[:5]), :2]
    mids = np.floor((oval[:-1] + oval[1:]) / 2).astype(int)
    assert canvas[mids[:, 1], mids[:, 0]].max() == 0


def test_condition_video_frame_zero_is_source_and_follows_motion(astronaut: np.ndarray) -> None:
    source = source_from_image(astronaut)
    targets = drive(source, preset_motion("talk"), RetargetOptions(), fps=12.0)
    region, frames = a1_condition(source, targets, (WIDTH, HEIGHT))
    frames = list(frames)
    assert len(frames) == len(targets) + 1 and frames[0].shape == (HEIGHT, WIDTH, 3)
    points = region.to_region(source.landmarks)
    own = draw_a1_reference((WIDTH, HEIGHT), release_face_box((WIDTH, HEIGHT), points), points)
    assert np.array_equal(frames[0], own)  # frame 0 in the release's frame-0 style (tests/a1/test_release_causes.py)
    lower_lip = (100, 100, 30)
    rows = lambda f: np.nonzero(np.all(f == lower_lip, axis=-1))[0].max()  # noqa: E731
    assert max(rows(f) for f in frames[1:]) > rows(frames[0]) + 3  # talking opens the drawn mouth


def test_model_region_keeps_portraits_unletterboxed(astronaut: np.ndarray) -> None:
    """A square portrait gets a 3:2 region inside the image (no black bars) that contains the face."""
    points = source_from_image(astronaut).landmarks
    region = model_region((512, 512), points, (WIDTH, HEIGHT))
    assert region.width / region.height == WIDTH / HEIGHT
    assert region.x0 >= 0 and region.y0 >= 0 and region.x0 + region.width <= 512.01 and region.y0 + region.height <= 512.01
    inside = region.to_region(points)
    assert inside[:, 0].min() > 0 and inside[:, 0].max() < WIDTH and inside[:, 1].min() > 0 and inside[:, 1].max() < HEIGHT
