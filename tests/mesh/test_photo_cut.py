"""A face cut by the edge of another person's photo laid over its own is not drawn past that edge (issue #12 / #9,
h29-fresh3 find (3)): `photo_cut.beyond`, read by `face_regions.FaceRegions` and `group.FaceGroup`."""

from __future__ import annotations

import numpy as np
from group_photo import behind_photo

from facereel.engines.mesh.figures.past_edge import drawn_past
from facereel.engines.mesh.group import FaceGroup
from facereel.face.every_face import track_faces
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

WALL = (300, 20, 322, 330)
"""Her photo's wall past the edge, left of her hair (x0, y0, x1, y1 px)."""


def test_a_face_behind_a_photo_edge_is_not_drawn_past_it(shared_data):
    """lp_s12 behind lp_s1's photo edge (x 300), his face on preset:turn, hers on preset:laugh, frames 24 / 30 / 36:
    his moved cheek and hair were drawn over her wall, `drawn_past` 1126 / 1591 / 2413 px (the source repeated 0);
    now 0 (looked at 3-5x through the CLI on lp_d6 500-545: his cheek and hair end at the edge, no light line of her
    wall between). At rest the picture bit for bit."""
    image = behind_photo(shared_data / "portraits")
    faces = track_faces(image)
    group = FaceGroup(image, faces, [0, 1])
    his = retarget(faces[0], preset_motion("turn", 2.0), RetargetOptions(translate=True))
    hers = retarget(faces[1], preset_motion("laugh", 2.0), RetargetOptions(translate=True))
    past = [drawn_past(group.render({0: his[k], 1: hers[k]}), image, WALL) for k in (24, 30, 36)]
    assert max(past) <= 20, past
    assert np.array_equal(group.render(dict(enumerate(faces))), image)
