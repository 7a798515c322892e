import numpy as np
import pytest

from facereel.eval import identity


def test_no_face_gives_none():
    assert identity.face_descriptor(np.full((120, 120, 3), 128, np.uint8)) is None


def test_same_person_more_similar_than_different_people(astronaut, grace_hopper, shift_scale):
    a = identity.face_descriptor(astronaut)
    a_moved = identity.face_descriptor(shift_scale(astronaut, 6, -4, 1.05))
    g = identity.face_descriptor(grace_hopper)
    assert a is not None and a.shape == (128,) and g is not None
    assert identity.dlib_similarity(a, a) == pytest.approx(1.0)
    assert identity.dlib_similarity(a, a_moved) > identity.dlib_similarity(a, g)


def test_two_frames_of_a_real_video_beat_another_person(grace_hopper, shared_clip):
    path = shared_clip("lp_d11.mp4")
    from facereel.media.video import open_video

    with open_video(path) as video:
        frames = [frame for _, frame in zip(range(40), video.frames())]
    first, later = identity.face_descriptor(frames[0]), identity.face_descriptor(frames[-1])
    other = identity.face_descriptor(grace_hopper)
    assert identity.dlib_similarity(first, later) > identity.dlib_similarity(first, other)


def test_hint_picks_the_overlapping_face(astronaut, shift_scale):
    # dlib finds two "faces" in the astronaut picture; the hint selects the real one (top centre).
    hinted = identity.face_descriptor(astronaut, (170, 70, 270, 170))
    assert identity.dlib_similarity(hinted, identity.face_descriptor(shift_scale(astronaut, 3, 3))) > 0.9
