"""A face cut by the edge of another person's photo laid over its own is not drawn past that edge (issue #12 / #9,
h29-fresh3 find (3)): `photo_cut.beyond`, read by `face_regions.FaceRegions` and `group.FaceGroup`."""

from __future__ import annotations

import numpy as np
import pytest
from group_photo import behind_photo

from facereel.engines.mesh.figures.past_edge import drawn_past
from facereel.engines.mesh.group import FaceGroup
from facereel.face.every_face import track_faces
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


@pytest.mark.parametrize("back, front, at", [("lp_s12.jpg", "lp_s1.jpg", 300), ("lp_s0.jpg", "lp_s6.jpg", 290)])
def test_a_face_behind_a_photo_edge_is_not_drawn_past_it(shared_data, back, front, at):
    """lp_s12 behind lp_s1's photo edge (x 300, his oval past it) and lp_s0 behind lp_s6's (x 290, her hair against
    it, 0.19 face sizes beside her oval), the back face on preset:turn, the front one on preset:laugh, frames 24 / 30 /
    36: the back head's moved cheek and hair were drawn over the other photo's wall (a strip 22 px wide past the edge),
    `drawn_past` 1139 / 1574 / 2430 and 336 / 352 / 478 px (the source repeated 0); now 0 (looked at 2-5x, with lp_s12
    also through the CLI on lp_d6 500-545: the head ends at the edge, no light line of the other wall between). At
    rest the picture bit for bit."""
    image = behind_photo(shared_data / "portraits", back, front, at)
    faces = track_faces(image)
    group = FaceGroup(image, faces, [0, 1])
    behind = retarget(faces[0], preset_motion("turn", 2.0), RetargetOptions(translate=True))
    over = retarget(faces[1], preset_motion("laugh", 2.0), RetargetOptions(translate=True))
    past = [drawn_past(group.render({0: behind[k], 1: over[k]}), image, (at, 20, at + 22, 330)) for k in (24, 30, 36)]
    assert max(past) <= 20, past
    assert np.array_equal(group.render(dict(enumerate(faces))), image)
