"""`figures.side_hair_copy` on the overlap picture of tests/mesh/test_face_group.py (lp_s1 partly in front of
lp_s5, real portraits): the front person's side hair shown a second time beside the back cheek (issue #12)."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait
from overlap_photo import one_in_front

from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.face_regions import FaceRegions, front_measures
from facereel.engines.mesh.figures.side_hair_copy import DARKER, hair_zone, side_hair_copy
from facereel.engines.mesh.group import FaceGroup
from facereel.face.every_face import track_faces


def test_the_front_side_hair_moved_over_the_back_cheek_is_counted(shared_data) -> None:
    """The zone lies beside the front head's side hair at cheek level, outside its oval and above the back
    chin (measured: 910 px of that hair, 1629 of zone); the source repeated and the back face given its own
    landmarks read 0; a copy of that hair laid 12 px to the left (a second strip over the back cheek, as the
    back head's carried layer lays it on big moves) is counted where it lands on what the photo shows
    lighter, and nowhere else (measured 386 px), and not under the front head."""
    image = one_in_front(portrait("lp_s5")[0], portrait("lp_s1")[0])
    faces = track_faces(image)
    regions = FaceRegions(faces, (image.shape[1], image.shape[0]))
    group = FaceGroup(image, faces, [0, 1])
    front = np.zeros(image.shape[:2], np.float32)
    x0, y0, x1, y1 = group.animators[1].box
    front[y0:y1, x0:x1] = group.animators[1].layer.alpha
    zone, hair = hair_zone(front, regions.outside(1), regions.below_chin(1), regions.below_chin(0), float(front_measures(faces)[0][0]))
    assert hair.sum() > 500 and zone.sum() > hair.sum()
    assert not (zone & (regions.outside(1) <= 0)).any() and not (zone & (regions.below_chin(0) >= 0)).any()
    assert not side_hair_copy(image, image, zone, hair, front).any()
    still = group.render({0: faces[0], 1: faces[1]})
    assert side_hair_copy(still, image, zone, hair, front).sum() == 0

    copy = image.copy()
    ys, xs = np.nonzero(hair)
    copy[ys, xs - 12] = image[ys, xs]
    counted = side_hair_copy(copy, image, zone, hair, np.zeros_like(front))
    luma = image.astype(np.float32) @ LUMA
    lighter = np.zeros_like(hair)
    lighter[ys, xs - 12] = (luma[ys, xs - 12] - luma[ys, xs] > DARKER) & (luma[ys, xs] <= np.percentile(luma[hair], 75))
    assert counted.sum() > 100 and np.array_equal(counted, lighter & zone)
    assert not side_hair_copy(copy, image, zone, hair, np.ones_like(front)).any()  # under the front head: its own
