"""sr_4 `--body` at 640 x lp_d3 from 310, as `facereel animate --body` draws it (issue #9; h34-finds' left, "## Next"
thirty-fourth (4)).

No light line along the moved hair over the dark wall column: the column's runs carried on from above
(`plate.runs_carried_on`) end at the pillar's first lit pixel, which the head's matte kept (`edge_matte` leaves what
lies near the hair); the head turning towards the column moved it over the plate's dark column as a 1 px light line.
`layers.carried_edge` takes it off the head (`figures.column_line`).

No kinks in the far jaw's outline on the dark door: `OutlineSkin`'s far rim ends at the mouth corners' row, and the
held door below it counted as the head's surface when the rim's last rows were read as enclosed, so they were drawn as
skin, a fleck out of the outline; the held background beyond the rim's rows is now taken out of that read
(`outline_skin.held_beyond_rim`, `figures.outline_kinks`)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest
from mesh_faces import body_drawn

from facereel.animate.inputs import Source, load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh import layers
from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.column_line import column_line
from facereel.engines.mesh.figures.outline_kinks import outline_kinks
from facereel.engines.mesh.head_edge import outline_skin
from facereel.media.video import open_video

SIZE, FIRST = 640, 310  # lp_d3 from frame 310: the head turns towards the column at 30-39
LINE_FRAMES = (33, 36, 39)
KINK_FRAMES = (25, 33, 39)
BOX = (455, 40, 480, 110)  # px of sr_4 at 640: the dark column beside the hair, down to the ear
WALL = (466, 5, 475, 30)  # px of sr_4 at 640: the same column above the head
JAW = (300, 145, 420, 202)  # px of sr_4 at 640: the far (image-left) jaw on the dark door, from the door side
JAW_LEVEL = 45.0  # grey levels: between the door's ~22 and the jaw's skin (60-85), where the outline is read

Drawn = list[tuple[np.ndarray, np.ndarray]]


@pytest.fixture(scope="module")
def inputs(shared_data: Path) -> tuple[Source, list[np.ndarray], float]:
    """sr_4 at 640 px as `--size 640` makes it, lp_d3's frames from `FIRST` (up to the last frame read) and its fps."""
    source = resize_source(load_source(shared_data / "portraits" / "sr_4.png"), SIZE)
    last = max(LINE_FRAMES + KINK_FRAMES)
    with open_video(shared_data / "driving" / "lp_d3.mp4") as video:
        return source, list(islice(video.frames(fps=video.fps), FIRST, FIRST + last + 1)), video.fps


def _drawn(source: Source, frames: list[np.ndarray], fps: float, keep: tuple[int, ...]) -> Drawn:
    """The photo and its head alpha ((H, W) float32, 0 off the crop box), then each of the `keep` frames of `frames`
    (all driven and mapped in order) drawn as `facereel animate --body` draws it, with its drawn head alpha."""
    return body_drawn(source, frames, fps, keep)


@pytest.fixture(scope="module")
def now(inputs: tuple[Source, list[np.ndarray], float]) -> Drawn:
    """The photo, then `LINE_FRAMES` and `KINK_FRAMES` (in order, each once) as drawn now."""
    return _drawn(*inputs, tuple(sorted(set(LINE_FRAMES + KINK_FRAMES))))


def _picked(drawn: Drawn, frames: tuple[int, ...]) -> Drawn:
    """Of `now`'s frames, those of `frames` (the photo first)."""
    order = sorted(set(LINE_FRAMES + KINK_FRAMES))
    return [drawn[0]] + [drawn[1 + order.index(k)] for k in frames]


def _column_lines(drawn: Drawn, source: Source) -> list[int]:
    """`column_line` in `BOX` of each of `drawn`, against the column's grey above the head."""
    x0, y0, x1, y1 = WALL
    wall = float(np.median(grey_image(source.image[y0:y1, x0:x1])))
    return [column_line(pixels, alpha, BOX, wall) for pixels, alpha in drawn]


def test_no_light_line_along_the_hair_over_the_dark_column(inputs, now, monkeypatch: pytest.MonkeyPatch) -> None:
    """`column_line` (px on the head's rim 15+ grey levels over both sides on the dark column), frames 33 / 36 / 39:
    the source repeated 0; before (the carried edge's first pixel kept on the head; the base tree alike) 12 / 16 / 13;
    now 0 / 0 / 0."""
    repeated, *lines = _column_lines(_picked(now, LINE_FRAMES), inputs[0])
    assert repeated == 0 and max(lines) <= 2, (repeated, lines)
    monkeypatch.setattr(layers, "carried_edge", lambda source, fill, alpha, carried, carried_on: alpha)
    before = _column_lines(_drawn(*inputs, LINE_FRAMES), inputs[0])[1:]
    assert min(before) >= 8, before  # the figure reads the line the change took away


def test_no_kinks_in_the_far_jaw_on_the_dark_door(inputs, now, monkeypatch: pytest.MonkeyPatch) -> None:
    """`outline_kinks` (rows whose outline crossing lies 1+ px off the rows 2 above and below) in `JAW`, frames 25 / 33
    / 39: the source repeated 0; before (the held door beyond the rim's rows counted as the head's surface; the base
    tree alike) 3 / 3 / 4; now 0 / 0 / 0."""
    repeated, *kinks = [outline_kinks(pixels, JAW, JAW_LEVEL, -1) for pixels, _ in _picked(now, KINK_FRAMES)]
    assert repeated == 0 and max(kinks) == 0, (repeated, kinks)
    monkeypatch.setattr(outline_skin, "held_beyond_rim", lambda *args: None)
    before = [outline_kinks(pixels, JAW, JAW_LEVEL, -1) for pixels, _ in _drawn(*inputs, KINK_FRAMES)[1:]]
    assert min(before) >= 2, before  # the figure reads the kinks the change took away
