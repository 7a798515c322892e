"""A face cut at the frame's side: the hair past the cut is not drawn as streaks along the rows
(`figures.row_streaks`, `layers.off_frame`; issue #9)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.animate.inputs import load_source, source_from_image
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.row_streaks import row_streaks
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import retarget

CUT = (320, 150, 1145, 1145)
"""lp_s1's box (x0, y0, x1, y1) px: her near ear and the hair round it off the left edge."""
FRAME = 10
"""preset:turn's frame where the head has turned and moved right, away from the cut edge."""
BOX = (0, 200, 100, 500)
"""The cut photo's px (x0, y0, x1, y1) beside the moved hair where the streaks were drawn."""


def test_hair_cut_at_the_side_is_not_drawn_as_row_streaks(shared_data: Path):
    """lp_s1 cut at x 320 x preset:turn (as `facereel animate` draws it), frame 10: the head layer's map, pinned at
    the crop's edge, spread the photo's first ~3 columns of hair over ~110 px (and read column 0 replicated past
    it), horizontal brown streaks over the wall: `row_streaks` 2.88 (the photo repeated: 0.76, its hair; the whole
    lp_s1 there 0.50, the wall). Faded out where the map spreads the edge's band more than `layers.SIDE_KEPT` (the
    plate's fill, the wall, shows): 0.59. Looked at 2x: the wall beside the hair, which ends in a short smear along
    the photo's cut edge moved right."""
    image = load_source(shared_data / "portraits" / "lp_s1.jpg").image
    x0, y0, x1, y1 = CUT
    source = source_from_image(np.ascontiguousarray(image[y0:y1, x0:x1]))
    options = AnimateOptions()
    target = retarget(source.landmarks, preset_motion("turn"), options.retarget)[FRAME]
    frame = mesh_animator(source.image, source.landmarks, mesh_options(options)).render(target)
    assert row_streaks(frame, BOX) < 1.0, row_streaks(frame, BOX)
