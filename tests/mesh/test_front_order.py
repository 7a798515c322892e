"""Front/back hysteresis for overlapping faces in a video (`engines.mesh.front_order`): a synthetic clip of two
real portraits of ../shared/data, one head pasted partly in front of the other at the same face size, the
chins first clearly apart (the pasted face lower: in front), then level give or take a percent of a face
size (a near-tie: decided frame by frame the order flips with the jitter), then clearly apart the other way
(a real change). Tracked as a video source is (`face.video_faces.track_every_face`)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from overlap_photo import chins_apart, tie_then_change

from facereel.engines.mesh.face_regions import FEATHER, FRONT_MARGIN, FaceRegions, front_matrix, front_measures
from facereel.engines.mesh.front_order import SWITCH_FRAMES, FrontOrder, clearly_in_front
from facereel.face.video_faces import track_every_face

LEAD, NEAR, CHANGE = 6, 16, 6  # frames: the pasted face clearly in front, near the tie, clearly behind


@pytest.fixture(scope="module")
def clip(shared_data) -> tuple[list[np.ndarray], np.ndarray]:
    """(frames (640 px high), faces (T, 2, 478, 3): lp_s5 (face 0, behind the pasted head), lp_s1 (face 1))."""
    frames = chins_apart(portrait("lp_s5")[0], portrait("lp_s1")[0], tie_then_change(LEAD, NEAR, CHANGE), height=640)
    tracks = track_every_face(frames, 25.0)
    assert len(tracks) == 2 and all(track.valid.all() for track in tracks)
    return frames, np.stack([track.landmarks for track in tracks], axis=1)


def _flips(in_front: list[bool]) -> int:
    return int(np.count_nonzero(np.diff(np.asarray(in_front, int))))


def test_the_order_holds_through_a_near_tie_and_follows_a_clear_change(clip) -> None:
    _, faces = clip
    plain = [bool(front_matrix(*front_measures(frame))[1, 0]) for frame in faces]  # face 1 in front of face 0
    order = FrontOrder()
    held = [bool(order([0, 1], frame)[1, 0]) for frame in faces]
    assert _flips(plain[LEAD:LEAD + NEAR]) >= 4  # the clip is near a tie: frame by frame the order flips
    assert all(plain[:LEAD]) and not any(plain[LEAD + NEAR:])  # ... and clear before and after it
    assert _flips(held) == 1  # with hysteresis: the real change only
    assert all(held[:LEAD + NEAR]) and held.index(False) == LEAD + NEAR + SWITCH_FRAMES - 1  # a few frames late


def test_the_hairline_keeps_its_owner_through_the_tie(clip) -> None:
    """Pixels of the overlap (both faces' ovals grown by FRONT_MARGIN + 2 FEATHER) changing owner from one frame
    to the next, inside the near-tie: decided frame by frame, the front face's hairline and cheek band (over
    half the overlap) changes hands on every flip; held, only the heads' jitter of a pixel or two moves it."""
    frames, faces = clip
    size = (frames[0].shape[1], frames[0].shape[0])
    order = FrontOrder()
    plain, held, overlap = [], [], []
    for frame in faces[:LEAD + NEAR]:
        regions = FaceRegions(frame, size)
        plain.append(regions.owner)
        held.append(FaceRegions(frame, size, order([0, 1], frame)).owner)
        overlap.append((regions.outside(0) <= FRONT_MARGIN + 2 * FEATHER)
                       & (regions.outside(1) <= FRONT_MARGIN + 2 * FEATHER))

    def changed(owners: list[np.ndarray]) -> np.ndarray:
        pairs = zip(owners[LEAD:], owners[LEAD + 1:], overlap[LEAD:], overlap[LEAD + 1:])
        return np.array([np.count_nonzero((a != b) & here & there) for a, b, here, there in pairs])

    assert changed(held).max() * 4 < changed(plain).max()


def test_clearly_in_front_needs_the_margin_on_both_rules() -> None:
    assert clearly_in_front(100, 110, 100, 100, 0.03) and not clearly_in_front(100, 102, 100, 100, 0.03)  # chins
    assert clearly_in_front(120, 0, 100, 100, 0.03) and not clearly_in_front(111, 0, 100, 100, 0.03)  # sizes
    assert clearly_in_front(111, 110, 100, 100, 0.03)  # near SAME_SIZE: larger and lower, both rules agree
