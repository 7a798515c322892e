"""Several faces in one photo (`engines.mesh.group`, `face_regions`): real two-person pictures made by
placing real portraits side by side, or one partly in front of the other (no group photo ships in an
installed package: skimage.data, scipy, matplotlib and mediapipe hold none)."""

from __future__ import annotations

import numpy as np
import pytest
from group_photo import mouth_opening, side_by_side
from mesh_faces import portrait
from overlap_photo import one_in_front
from mesh_target_edits import open_mouth, rigid

from facereel.engines.mesh.face_regions import FRONT_MARGIN, FaceRegions, in_front
from facereel.engines.mesh.group import FaceGroup
from facereel.face import landmark_ids as ids
from facereel.face.every_face import track_faces


@pytest.fixture(scope="module")
def pair(astronaut: np.ndarray, grace_hopper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(image, faces (2, 478, 3)): the astronaut and Grace Hopper side by side, 384 px high."""
    image = side_by_side([astronaut, grace_hopper], 384)
    return image, track_faces(image)


@pytest.fixture(scope="module")
def shared_pair(shared_data) -> tuple[np.ndarray, np.ndarray]:
    """(image, faces): two real portraits of ../shared/data side by side, 400 px high."""
    image = side_by_side([portrait("lp_s1")[0], portrait("lp_s5")[0]], 400)
    return image, track_faces(image)


@pytest.fixture(scope="module")
def overlapping(shared_data) -> tuple[np.ndarray, np.ndarray]:
    """(image, faces): lp_s1 (face 1, 1.3x the size, lower) partly in front of lp_s5 (face 0), 400 px high;
    lp_s1's hair covers lp_s5's right cheek."""
    image = one_in_front(portrait("lp_s5")[0], portrait("lp_s1")[0])
    return image, track_faces(image)


def test_faces_are_counted_from_the_left(pair: tuple[np.ndarray, np.ndarray]) -> None:
    image, faces = pair
    assert faces.shape == (2, 478, 3)
    assert faces[0, :, 0].max() < image.shape[1] / 2 < faces[1, :, 0].min()


def test_regions_never_overlap_and_the_nearest_face_wins(pair: tuple[np.ndarray, np.ndarray]) -> None:
    image, faces = pair
    partition = FaceRegions(faces, (image.shape[1], image.shape[0]))
    owner = partition.owner
    regions = [partition.region(i) for i in range(2)]
    nearest = np.argmin([partition.distance(i) for i in range(2)], axis=0)
    assert np.array_equal(owner, nearest)
    assert float((regions[0] * regions[1]).max()) == 0.0
    for i, mine in enumerate(regions):
        assert float(mine[owner != i].max()) == 0.0  # a face draws only where it is the nearest
        oval = faces[i, list(ids.FACE_OVAL), :2].astype(int)
        assert (owner[oval[:, 1], oval[:, 0]] == i).all() and (mine[oval[:, 1], oval[:, 0]] == 1).all()
    group = FaceGroup(image, faces, [0, 1])
    for i, animator in group.animators.items():  # each head layer (and so its plate) stays in its region
        x0, y0, x1, y1 = animator.box
        assert not animator.layer.alpha[group.owner[y0:y1, x0:x1] != i].any()


def test_three_faces_partition_the_picture(astronaut: np.ndarray, grace_hopper: np.ndarray) -> None:
    image = side_by_side([grace_hopper, astronaut, grace_hopper], 256)
    faces = track_faces(image)
    assert faces.shape[0] == 3
    partition = FaceRegions(faces, (image.shape[1], image.shape[0]))
    regions = np.stack([partition.region(i) for i in range(3)])
    assert float(regions.sum(0).max()) <= 1.0 and (np.count_nonzero(regions, axis=0) <= 1).all()
    assert np.array_equal(partition.owner, np.argmin([partition.distance(i) for i in range(3)], axis=0))
    assert set(np.unique(partition.owner)) == {0, 1, 2}


@pytest.mark.parametrize("which", ["pair", "shared_pair"])
def test_one_face_moves_and_the_other_stays_still(which: str, request: pytest.FixtureRequest) -> None:
    image, faces = request.getfixturevalue(which)
    group = FaceGroup(image, faces, [0])
    out = group.render({0: rigid(open_mouth(faces[0], 0.35), roll_deg=6, shift=(6, 0))})
    changed = np.abs(out.astype(np.int16) - image).max(2) > 0
    assert changed[group.owner == 0].sum() > 500
    assert not changed[group.owner == 1].any()  # the still face's pixels are the source's
    x0, y0, x1, y1 = group.animators[0].box
    outside = np.ones_like(changed)
    outside[y0:y1, x0:x1] = False
    assert not changed[outside].any()  # far from every moving face: the source bit for bit
    after = track_faces(out)
    opening, before = mouth_opening(after), mouth_opening(faces)
    assert opening[0] > before[0] + 0.15
    assert abs(opening[1] - before[1]) < 0.02


def test_each_face_follows_its_own_targets(shared_pair: tuple[np.ndarray, np.ndarray]) -> None:
    """Two mouth motions out of phase: each face's re-tracked mouth follows its own, not the other's."""
    image, faces = shared_pair
    group = FaceGroup(image, faces, [0, 1])
    t = np.arange(8)
    wanted = 0.25 + 0.25 * np.stack([0.5 + 0.5 * np.sin(t * 0.9), 0.5 + 0.5 * np.cos(t * 1.7)])  # mouth widths
    seen = np.stack([mouth_opening(track_faces(group.render({i: open_mouth(faces[i], wanted[i, k]) for i in (0, 1)})))
                     for k in t], axis=1)
    for i in (0, 1):
        own = np.corrcoef(seen[i], wanted[i])[0, 1]
        other = np.corrcoef(seen[i], wanted[1 - i])[0, 1]
        assert own > 0.9 and own > other + 0.3, (i, own, other)


def test_heads_meeting_at_the_border_do_not_draw_over_each_other(pair: tuple[np.ndarray, np.ndarray]) -> None:
    """Both heads pushed towards each other: each pixel still comes from the face that owns it."""
    image, faces = pair
    group = FaceGroup(image, faces, [0, 1])
    toward = {0: rigid(faces[0], shift=(25, 0)), 1: rigid(faces[1], shift=(-25, 0))}
    out = group.render(toward)
    for i in (0, 1):
        alone = group.animators[i].render(toward[i])
        mine = group.owner == i
        x0, y0, x1, y1 = group.animators[i].box
        inside = np.zeros_like(mine)
        inside[y0:y1, x0:x1] = True
        assert np.array_equal(out[mine & inside], alone[mine & inside])


def test_the_larger_or_lower_face_is_in_front() -> None:
    assert in_front(120, 50, 100, 90) and not in_front(100, 90, 120, 50)  # larger by over 10 %: size decides
    assert in_front(100, 90, 105, 50) and not in_front(105, 50, 100, 90)  # about as large: the lower chin


def test_the_front_face_owns_its_face_where_faces_overlap(overlapping: tuple[np.ndarray, np.ndarray]) -> None:
    image, faces = overlapping
    assert faces.shape == (2, 478, 3)
    partition = FaceRegions(faces, (image.shape[1], image.shape[0]))
    assert partition.ahead == {0: [1], 1: []}  # lp_s1 (face 1) is in front of lp_s5
    front = partition.outside(1) <= FRONT_MARGIN  # its face and the hair line round it
    nearest = np.argmin([partition.distance(i) for i in range(2)], axis=0)
    assert np.count_nonzero(front & (nearest == 0)) > 200  # the nearest-face rule gave part of it to the back face
    assert (partition.owner[front] == 1).all()
    regions = [partition.region(i) for i in range(2)]
    assert float((regions[0] * regions[1]).max()) == 0.0
    assert float(regions[0][front].max()) == 0.0 and float(regions[1][front].min()) == 1.0
    for i, mine in enumerate(regions):
        assert float(mine[partition.owner != i].max()) == 0.0  # a face draws only where it owns the pixels
    features = faces[0, [4, 13, ids.RIGHT_PUPIL, ids.LEFT_PUPIL, *ids.MOUTH_CORNERS], :2].astype(int)
    x, y = features[:, 0], features[:, 1]  # the back face keeps its visible face: nose, lips, eyes, corners
    assert (partition.owner[y, x] == 0).all() and (regions[0][y, x] > 0.5).all()


def test_a_moving_back_face_never_paints_over_the_front_face(overlapping: tuple[np.ndarray, np.ndarray]) -> None:
    image, faces = overlapping
    group = FaceGroup(image, faces, [0, 1])
    front = FaceRegions(faces, (image.shape[1], image.shape[0])).outside(1) <= FRONT_MARGIN
    toward = rigid(open_mouth(faces[0], 0.35), roll_deg=6, shift=(20, 5))  # the back head moves into the front one
    out = group.render({0: toward})
    changed = np.abs(out.astype(np.int16) - image).max(2) > 0
    assert changed[group.owner == 0].sum() > 500 and not changed[front].any()
    x0, y0, x1, y1 = group.animators[0].box
    assert not group.animators[0].layer.alpha[front[y0:y1, x0:x1]].any()  # nor does its layer or plate reach it
    both = group.render({0: open_mouth(faces[0], 0.35), 1: open_mouth(faces[1], 0.35)})  # each its own mouth
    opening, before = mouth_opening(track_faces(both)), mouth_opening(faces)
    assert opening[1] > before[1] + 0.15 and opening[0] > before[0] + 0.1, (opening, before)
