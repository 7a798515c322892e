"""No light streak on the moved neck under the far jaw on a turn (`plate_fill/kept_photo.moved_steps`, read by
`figures/kept_streak`): lp_s1 at 512 x preset:turn (2 s, as `facereel animate -d preset:turn` retargets it), frames
36-48 (the forty-second session's end review): the plate keeps the photo of her far jaw's rim and lays the plate round
it over it as the head moves off; laid where the photo had the rim while the neck layer had moved the plate aside, it
stood on the moved neck as a thin pale streak (frames 40-48)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import turned_frames

from facereel.engines.mesh.figures.kept_streak import light_streak

FRAMES = range(36, 49)
STREAK = (286, 288, 300, 308)  # x0, y0, x1, y1 px of lp_s1 at 512: the neck under her far jaw, above the collar


@pytest.fixture(scope="module")
def turned(lp_s1_512) -> list[float]:
    """`light_streak` of `STREAK` on each frame of `FRAMES` (the drawn alpha; the source repeated reads 0: the
    figure counts the light pieces the photo has not)."""
    image, lm = lp_s1_512
    return [light_streak(frame, image, alpha, STREAK) for frame, alpha in turned_frames(image, lm, FRAMES)[1]]


def test_no_light_streak_on_the_moved_neck_under_the_far_jaw(turned):
    """At most 0.01 of the box on a streak over the frames (mean; the source repeated 0; the engine before 0.035,
    0.04-0.06 a frame over 41-48: the far jaw's kept rim raised by its inpainted step, 20-32 grey levels, where the
    neck layer had moved the plate 10-14 px aside; now 0.0003, the step laid where the moved plate shows the rim)."""
    shares = turned
    assert np.mean(shares) <= 0.01, np.round(shares, 3)
