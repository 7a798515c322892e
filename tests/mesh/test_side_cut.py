"""A face cut at the frame's side: the hair past the cut is not drawn as streaks along the rows
(`figures.row_streaks`, `layers.off_frame`), nor does a head moved away from the cut leave a strip of wall at the
frame's edge (`figures.wall_strip`, `cut_neck.Extended`), nor is the hair drawn there a blur (`figures.side_grain`,
`cut_side.side_blocks`' grained blocks; issue #9)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import CUT_SIDE
from mesh_faces import driven_targets

from facereel.animate.inputs import Source, load_source, source_from_image
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.cut_neck import Extended
from facereel.engines.mesh.cut_side import columns_beside
from facereel.engines.mesh.figures.row_streaks import row_streaks
from facereel.engines.mesh.figures.side_grain import side_grain
from facereel.engines.mesh.figures.wall_strip import wall_strip
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import retarget

pytestmark = pytest.mark.slow  # whole-size animations of the cut lp_s1, a turn and a driver clip each

FRAME = 10
"""preset:turn's frame where the head has turned and moved right, away from the cut edge."""
BOX = (0, 200, 100, 500)
"""The cut photo's px (x0, y0, x1, y1) beside the moved hair where the streaks were drawn."""
MOVED_AWAY = (24, 48)
"""lp_d12 114 and 138 (frames 24 and 48 of the driver cut at 90): the head moved 20-40 px right, away from the cut."""
HAIR_ROWS = (150, 500)
"""The cut photo's rows where its left side is hair, over the ear."""
EDGE = 16
"""Columns from the frame's left edge where the hair drawn past the cut shows (the head moved 20-40 px)."""


def test_hair_cut_at_the_side_is_not_drawn_as_row_streaks(shared_data: Path):
    """lp_s1 cut at x 320 x preset:turn (as `facereel animate` draws it), frame 10: the head layer's map, pinned at
    the crop's edge, spread the photo's first ~3 columns of hair over ~110 px (and read column 0 replicated past
    it), horizontal brown streaks over the wall: `row_streaks` 2.88 (the photo repeated: 0.76, its hair; the whole
    lp_s1 there 0.50, the wall). Faded out where the map spreads the edge's band more than `layers.SIDE_KEPT` (the
    plate's fill, the wall, shows): 0.59. Looked at 2x: the wall beside the hair, which ends in a short smear along
    the photo's cut edge moved right."""
    image = load_source(shared_data / "portraits" / "lp_s1.jpg").image
    x0, y0, x1, y1 = CUT_SIDE
    source = source_from_image(np.ascontiguousarray(image[y0:y1, x0:x1]))
    options = AnimateOptions()
    target = retarget(source.landmarks, preset_motion("turn"), options.retarget)[FRAME]
    frame = mesh_animator(source.image, source.landmarks, mesh_options(options)).render(target)
    assert row_streaks(frame, BOX) < 1.0, row_streaks(frame, BOX)


@pytest.fixture(scope="module")
def cut_lp_s1(shared_data: Path) -> tuple[Source, Extended, list[np.ndarray]]:
    """lp_s1 cut to `CUT`: its `Source`, its engine (`mesh_animator`) and its (478, 3) px targets for lp_d12
    90-139."""
    image = load_source(shared_data / "portraits" / "lp_s1.jpg").image
    assert columns_beside(source_from_image(image).landmarks, image.shape[1]) == (0, 0)
    x0, y0, x1, y1 = CUT_SIDE
    source = source_from_image(np.ascontiguousarray(image[y0:y1, x0:x1]))
    animator = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    assert isinstance(animator, Extended) and columns_beside(source.landmarks, source.image.shape[1])[1] == 0
    targets = driven_targets(source, shared_data / "driving" / "lp_d12.mp4", 90, max(MOVED_AWAY) + 1)
    return source, animator, targets


def test_a_head_moved_away_from_the_cut_keeps_hair_at_the_frame_edge(cut_lp_s1):
    """lp_s1 cut at x 320 x lp_d12 90-150, frames 24 and 48 (the head moved 20-40 px away from the cut): the engine
    before drew the photo's cut side moved, a short smear of its first column, and between it and the frame's edge a
    white strip of wall, `wall_strip` 30.2 / 12.9 px over rows 150-500 (the source repeated: 0; the whole lp_s1 shows
    hair there). On the source widened past its left side (`cut_side.side_blocks`, 335 columns: its first column
    carried on out, fading into the wall 0.1-0.2 face sizes out) the hair goes on to the frame's edge, out of focus:
    5.9 / 2.8 px (with the grain, `cut_side._grained`: 5.6 / 2.8). Looked at 2x (source | before | now | whole
    lp_s1). Drawn for its own landmarks the widened engine gives the cut photo bit for bit; the whole lp_s1 is not
    widened."""
    source, animator, targets = cut_lp_s1
    assert np.array_equal(animator.render(source.landmarks), source.image)
    strips = [wall_strip(animator.render(targets[k]), source.image, HAIR_ROWS) for k in MOVED_AWAY]
    assert max(strips) < 10.0, strips


def test_the_hair_past_the_cut_keeps_the_photos_grain(cut_lp_s1):
    """lp_s1 cut at x 320 x lp_d12 90-139, frame 48 (the head moved ~25 px away from the cut): the hair drawn at the
    frame's edge was the cut column carried on, blurred along itself, an out-of-focus blur beside the photo's
    strands: `side_grain` over the first `EDGE` columns of rows 150-500 (the frame's fine detail over the photo's
    there; source repeated 1.00) 0.55 (frame 24, where the plate's fill of the hole shows more: 0.34). With the
    photo's grain carried on past the cut (`cut_side._grained`: mirrored back and forth from the 18 columns inside
    it, along the strands' slope): 0.79 (0.39). Looked at 3x (source | before | now, frames 24 / 48 and preset:turn
    10): strands go on past the old edge, no seam there; the turn's soft grey gradient into the wall as before."""
    source, animator, targets = cut_lp_s1
    box = (0, HAIR_ROWS[0], EDGE, HAIR_ROWS[1])
    grain = side_grain(animator.render(targets[max(MOVED_AWAY)]), source.image, box, box)
    assert grain > 0.7, grain
