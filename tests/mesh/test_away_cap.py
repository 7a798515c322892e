"""`away_cap`: a face behind another (lp_s5 behind lp_s1, `overlap_photo.one_in_front`; real portraits) moves
away from it at most `AWAY_CAP` of its size, and the front face away from her at most that much of hers (issue #12:
the front person's side hair shown twice where her hidden side was uncovered); every other move, and every face
that overlaps no other, passes unchanged."""

from __future__ import annotations

import numpy as np
import pytest
from group_photo import side_by_side
from mesh_faces import portrait
from overlap_photo import one_in_front

from facereel.engines.mesh.away_cap import AWAY_CAP, away_note, capped_targets
from facereel.engines.mesh.face_regions import FaceRegions, front_measures
from facereel.face.every_face import track_faces

MOVE = 12
"""px: how far each test drives a face (lp_d12's big moves)."""


@pytest.fixture(scope="module")
def overlap(shared_data) -> tuple[np.ndarray, dict[int, list[int]], np.ndarray]:
    """(faces (2, 478, 3) px, {face: the faces in front of it}, sizes (2,) px) of lp_s5 (face 0, left) behind
    lp_s1 (face 1)."""
    image = one_in_front(portrait("lp_s5")[0], portrait("lp_s1")[0])
    faces = track_faces(image)
    return faces, FaceRegions(faces, (image.shape[1], image.shape[0])).ahead, front_measures(faces)[0]


def _moved(face: np.ndarray, dx: float, dy: float = 0.0) -> np.ndarray:
    return face + np.array([dx, dy, 0], np.float32)


def test_only_the_back_faces_move_away_from_the_front_face_is_capped(overlap) -> None:
    """Driven 12 px left (away from the front face on its right) she moves 0.9-1 of `AWAY_CAP` of her size (3 px),
    rigidly; driven 12 px right (towards it), up or down she gets her targets as they are (the same arrays); a
    move away on top of a vertical one keeps the vertical one whole."""
    faces, ahead, sizes = overlap
    assert ahead[0] == [1] and ahead[1] == []
    ceiling = AWAY_CAP * float(sizes[0])
    targets = {0: _moved(faces[0], -MOVE, 5.0), 1: faces[1]}
    capped, held = capped_targets(faces, targets, ahead, sizes)
    move = capped[0] - faces[0]
    assert 0.9 * ceiling <= -move[:, 0].mean() < ceiling and np.ptp(move[:, 0]) < 1e-3, move[:, 0].mean()
    assert np.array_equal(capped[0][:, 1:], targets[0][:, 1:]) and held[0] == pytest.approx(MOVE + move[:, 0].mean())
    for dx, dy in ((MOVE, 0), (0, -MOVE), (0, MOVE)):
        targets = {0: _moved(faces[0], dx, dy), 1: faces[1]}
        capped, held = capped_targets(faces, targets, ahead, sizes)
        assert capped[0] is targets[0] and not held, (dx, dy)


def test_the_cap_reads_the_move_against_the_front_faces_move(overlap) -> None:
    """Both faces driven 12 px left: she keeps her place beside the front head, not capped; the front face driven
    12 px right: she is never moved by its driver (still, she stays; driven 12 px left, she is held at her place,
    12 px back); the front face driven away from her is capped against her move as capped (h44-front: 12 px right
    moves it 0.9-1 of `AWAY_CAP` of her size, 3 px, whether she is still or driven the other way), towards her it
    is not, and she alone in a group of one is never capped."""
    faces, ahead, sizes = overlap
    ceiling = AWAY_CAP * float(sizes[0])
    both = {0: _moved(faces[0], -MOVE), 1: _moved(faces[1], -MOVE)}
    capped, held = capped_targets(faces, both, ahead, sizes)
    assert capped[0] is both[0] and capped[1] is both[1] and not held
    still = {0: faces[0], 1: _moved(faces[1], MOVE)}
    capped, held = capped_targets(faces, still, ahead, sizes)
    assert capped[0] is still[0] and list(held) == [1]
    apart = {0: _moved(faces[0], -MOVE), 1: _moved(faces[1], MOVE)}
    capped, held = capped_targets(faces, apart, ahead, sizes)
    assert np.abs(capped[0] - faces[0]).max() < 1e-3 and held[0] == pytest.approx(MOVE)
    for targets in (still, apart, {1: _moved(faces[1], MOVE)}):
        capped, held = capped_targets(faces, targets, ahead, sizes)
        move = capped[1] - faces[1]
        assert 0.9 * ceiling <= move[:, 0].mean() < ceiling and np.ptp(move[:, 0]) < 1e-3, move[:, 0].mean()
        assert held[1] == pytest.approx(MOVE - move[:, 0].mean(), abs=1e-3)
    towards = {1: _moved(faces[1], -MOVE)}
    assert capped_targets(faces, towards, ahead, sizes)[0][1] is towards[1]
    alone = {0: _moved(faces[0], -MOVE)}
    assert capped_targets(faces[:1], alone, {0: []}, sizes[:1])[0][0] is alone[0]


def test_faces_side_by_side_are_not_capped(shared_data) -> None:
    """lp_s1 beside lp_s5, apart: no face in front of another, each driven 12 px away from the other as given."""
    image = side_by_side([portrait("lp_s1")[0], portrait("lp_s5")[0]], 400)
    faces = track_faces(image)
    ahead = FaceRegions(faces, (image.shape[1], image.shape[0])).ahead
    targets = {0: _moved(faces[0], -MOVE), 1: _moved(faces[1], MOVE)}
    capped, held = capped_targets(faces, targets, ahead, front_measures(faces)[0])
    assert all(capped[index] is targets[index] for index in targets) and not held
    assert away_note(held, ahead, front_measures(faces)[0]) is None


def test_a_face_held_back_a_pixel_or_more_is_said(overlap) -> None:
    """Driven 12 px away she is said held back ~9 px (3 px moved); driven 2.5 px away, held back under half a pixel
    (2 px moved), she is not; the front face driven 12 px away from her is said held back too (h44-front)."""
    faces, ahead, sizes = overlap
    _, held = capped_targets(faces, {0: _moved(faces[0], -MOVE)}, ahead, sizes)
    assert away_note(held, ahead, sizes) == ("face 0 (behind face 1) moved at most 3 px away from the face in front "
                                             "of it, up to 9 px short of its driver (its hidden side is not in the "
                                             "photo)")
    _, held = capped_targets(faces, {0: _moved(faces[0], -2.5)}, ahead, sizes)
    assert 0 < held[0] < 0.5 and away_note(held, ahead, sizes) is None
    _, held = capped_targets(faces, {1: _moved(faces[1], MOVE)}, ahead, sizes)  # the front face driven away
    assert away_note(held, ahead, sizes) == ("face 1 (in front of face 0) moved at most 3 px away from the face "
                                             "behind it, up to 9 px short of its driver (the hidden side of face 0 "
                                             "is not in the photo)")


def test_the_cap_eases_in_without_a_jump(overlap) -> None:
    """Her move away swept 0-24 px by 0.25 px: the move made never falls, rises by no more than the step (no jump
    as the driver goes on), nearly whole at first (0.25 px: over 0.99 of it) and never past the ceiling."""
    faces, ahead, sizes = overlap
    ceiling = AWAY_CAP * float(sizes[0])
    drives = np.arange(0.25, 24.01, 0.25)
    made = np.array([-(capped_targets(faces, {0: _moved(faces[0], -drive)}, ahead, sizes)[0][0] - faces[0])[:, 0].mean()
                     for drive in drives])
    steps = np.diff(np.concatenate([[0.0], made]))
    assert (steps > -1e-4).all() and (steps <= 0.25 + 1e-4).all() and made[0] > 0.99 * 0.25 and made.max() < ceiling + 1e-3  # float32 px
