"""Several faces in one photo (`engines.mesh.group`, `face_regions`): real two-person pictures made by
placing real portraits side by side (no group photo ships in an installed package: skimage.data, scipy,
matplotlib and mediapipe hold none)."""

from __future__ import annotations

import numpy as np
import pytest
from group_photo import mouth_opening, side_by_side
from mesh_faces import portrait
from mesh_target_edits import open_mouth, rigid

from facereel.engines.mesh.face_regions import FaceRegions
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
