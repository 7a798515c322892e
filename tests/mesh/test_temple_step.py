"""sr_4 `--body` at 640 x lp_d3 from 310, as `facereel animate --body` draws it (issue #9; "## Next" thirty-fifth (4),
h35-finds' and h36-body's far temple step).

No stair step in the far (image-left) temple's outline on the dark hair: mediapipe packs the inner points 139 and 156
onto the photo's outline within ~2 px of the oval's 162; turned towards the camera the tracker spread them 3-7 px
apart, the thin triangles between them stretched the 2 px anti-aliased edge 2-3x with row-to-row shears and the
outline jumped 2-4 px between two rows. `packed_outline.keep_packed` takes them back beside 162
(`figures.outline_step`), only while they open narrow (`NARROW`: a wider opening is the turn showing the hidden strip,
tests/mesh/test_fade_band.py's sr_8 hood and tests/mesh/test_turned_portraits.py's slash read it)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest
from mesh_faces import body_drawn

from facereel.animate.inputs import Source, load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh import animator
from facereel.engines.mesh.figures.outline_step import outline_step
from facereel.engines.mesh.geometry import packed_outline
from facereel.media.video import open_video

SIZE, FIRST = 640, 310  # lp_d3 from frame 310: the head turns towards the camera over 25-39
FRAMES = (27, 33, 39)
TEMPLE = (320, 128, 380, 162)  # px of sr_4 at 640: the far temple's outline on the dark hair, below the hair's curve
LEVEL = 45.0  # grey levels: between the hair's ~25 and the temple's skin (60-90), where the outline is read


@pytest.fixture(scope="module")
def inputs(shared_data: Path) -> tuple[Source, list[np.ndarray], float]:
    """sr_4 at 640 px as `--size 640` makes it, lp_d3's frames from `FIRST` up to the last of `FRAMES`, its fps."""
    source = resize_source(load_source(shared_data / "portraits" / "sr_4.png"), SIZE)
    with open_video(shared_data / "driving" / "lp_d3.mp4") as video:
        return source, list(islice(video.frames(fps=video.fps), FIRST, FIRST + max(FRAMES) + 1)), video.fps


def _steps(source: Source, frames: list[np.ndarray], fps: float) -> list[float]:
    """`outline_step` in `TEMPLE` of the photo, then of each of `FRAMES` as drawn with `--body`."""
    return [outline_step(pixels, TEMPLE, LEVEL, -1) for pixels, _ in body_drawn(source, frames, fps, FRAMES)]


def test_no_step_in_the_far_temples_outline(inputs, monkeypatch: pytest.MonkeyPatch) -> None:
    """`outline_step` (px: the outline's largest row-to-row jump off its own slope), frames 27 / 33 / 39: the source
    repeated 0.27; before (the packed points spread; the base tree alike) 3.16 / 4.07 / 3.86; now 0.41 / 0.72 /
    1.08."""
    repeated, *steps = _steps(*inputs)
    assert repeated < 0.5 and max(steps) <= 1.5, (repeated, steps)
    monkeypatch.setattr(animator, "keep_packed", lambda vertices, *args: vertices)
    before = _steps(*inputs)[1:]
    assert min(before) >= 2.5, before  # the figure reads the step the change took away


def test_packed_points_are_taken_back_only_when_spread_on_a_turn_into_view() -> None:
    """`keep_packed`: a point packed 2 px beside its oval point, spread to 6 px, goes back to 2 px (x the head's
    scale) on a full turn into view, half way on half the turn, and stays at `revealed` 0 (turned away: yaw past the
    photo's on its own side) or where it kept its spacing; opened wide (`NARROW`: 3 px beyond the rigid 3 px on a
    30 px face) the turn shows the hidden strip and none is taken back, nor its oval point's other packed point
    (spread less)."""
    source = np.array([[0.0, 0.0], [2.0, 0.0]], np.float32)
    pairs = (np.array([1]), np.array([0]))
    spread = np.array([[10.0, 10.0], [16.0, 10.0]], np.float32)
    assert np.allclose(packed_outline.keep_packed(spread.copy(), source, pairs, 1.5, 1.0, 100.0)[1], [13.0, 10.0])
    assert np.allclose(packed_outline.keep_packed(spread.copy(), source, pairs, 1.5, 0.5, 100.0)[1], [14.5, 10.0])
    assert packed_outline.revealed(30.0, 20.0) == 0.0 and packed_outline.revealed(15.0, 20.0) == 0.5
    assert np.array_equal(packed_outline.keep_packed(spread.copy(), source, pairs, 1.5, 0.0, 100.0), spread)
    kept = np.array([[10.0, 10.0], [12.5, 10.0]], np.float32)  # 2.5 px: under the rigid 3 px
    assert np.array_equal(packed_outline.keep_packed(kept.copy(), source, pairs, 1.5, 1.0, 100.0), kept)
    wide = packed_outline.keep_packed(spread.copy(), source, pairs, 1.5, 1.0, 20.0)  # 0.1 face sizes wider
    assert np.array_equal(wide, spread)
    both = (np.array([1, 2]), np.array([0, 0]))
    three = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0]], np.float32)
    opened = np.array([[10.0, 10.0], [16.0, 10.0], [10.0, 14.0]], np.float32)  # the second 1 px: narrow alone
    assert np.array_equal(packed_outline.keep_packed(opened.copy(), three, both, 1.5, 1.0, 20.0), opened)
    kept_both = packed_outline.keep_packed(opened.copy(), three, both, 1.5, 1.0, 100.0)[1:]
    assert np.allclose(kept_both, [[13.0, 10.0], [10.0, 14.0 - 2 / 3]])  # 1.33x grown: 2/3 of `RAMP`
