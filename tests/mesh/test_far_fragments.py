"""A turned face's far side past its cheek is not head (`head_proxy.past_far_cheek`; docs/status.md fresh sweep
h27-fresh (9)): sr_18 at 1/2 cut at x 700-1600 (as beside lp_s3) read the crowd right of its far jaw as the person,
and the head moved off it carried that crowd as ragged dark fragments (`figures.far_fragments`)."""

from __future__ import annotations

import cv2
from mesh_faces import portrait
from mesh_target_edits import rigid

from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.far_fragments import far_fragments, far_zone
from facereel.face.every_face import track_faces


def test_the_head_moved_off_its_far_side_carries_no_dark_fragments(shared_data) -> None:
    """sr_1 30-80's frame 25 pose, rigidly (13 deg yaw, 59 px left, 18 down): the engine before drew 1009 px (4.6 %
    of the zone) of dark pieces beside the far jaw, now 58; the source repeated reads 0."""
    image = portrait("sr_18")[0]
    cut = cv2.resize(image[:, 700:1600], (450, 536), interpolation=cv2.INTER_AREA)
    face = track_faces(cut)[0]
    zone = far_zone(face, cut.shape[:2])
    assert not far_fragments(cut, cut, zone).any()
    frame = MeshAnimator(cut, face).render(rigid(face, yaw_deg=13.4, shift=(-59.0, 18.0)))
    assert far_fragments(frame, cut, zone).sum() < 0.005 * zone.sum()
