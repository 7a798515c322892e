"""Face tracking on real faces: accuracy under known image motion, small faces, several faces, lost faces."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from facereel.errors import InputError
from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose, euler_degrees
from facereel.face.tracking import track_frames, track_image


@pytest.mark.parametrize("angle,scale,shift", [(12.0, 1.0, (0, 0)), (-20.0, 0.8, (25, -10)), (0.0, 1.25, (-30, 15))])
def test_recovers_known_similarity_motion(astronaut: np.ndarray, angle: float, scale: float, shift: tuple[int, int]) -> None:
    """Rotating/scaling/translating the photo by a known amount is recovered by the head pose."""
    h, w = astronaut.shape[:2]
    base = track_image(astronaut).landmarks
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
    m[:, 2] += shift
    moved = track_image(cv2.warpAffine(astronaut, m, (w, h), borderMode=cv2.BORDER_REFLECT)).landmarks
    pose0, _, _ = estimate_pose(base)
    pose1, _, _ = estimate_pose(moved)
    roll_change = euler_degrees(pose1.rotation)[0, 2] - euler_degrees(pose0.rotation)[0, 2]
    # OpenCV's positive angle is counter-clockwise on screen = negative roll (y points down).
    assert roll_change == pytest.approx(-angle, abs=1.5)
    assert pose1.scale[0] / pose0.scale[0] == pytest.approx(scale, rel=0.03)
    nose_expected = m @ np.array([*base[0, ids.NOSE_TIP, :2], 1.0])
    assert np.linalg.norm(moved[0, ids.NOSE_TIP, :2] - nose_expected) < 4.0


def test_small_face_in_1080p_frame(astronaut: np.ndarray) -> None:
    """A face ~50 px wide in a 1920x1080 frame is found and mapped back to full-frame coordinates."""
    frame = np.full((1080, 1920, 3), 40, np.uint8)
    frame[700:956, 1500:1756] = cv2.resize(astronaut, (256, 256), interpolation=cv2.INTER_AREA)
    points = track_image(frame).landmarks[0]
    expected = track_image(astronaut).landmarks[0, :, :2] * 0.5 + [1500, 700]
    assert np.median(np.linalg.norm(points[:, :2] - expected, axis=1)) < 3.0


def test_several_faces_largest_by_default_and_by_index(astronaut: np.ndarray, grace_hopper: np.ndarray) -> None:
    left = cv2.resize(grace_hopper, (200, 234))  # smaller face on the left
    canvas = np.zeros((600, 1100, 3), np.uint8)
    canvas[100:334, 50:250] = left
    canvas[40:552, 500:1012] = astronaut
    centre = lambda t: t.landmarks[0, :, 0].mean()  # noqa: E731
    assert centre(track_image(canvas)) > 500  # the astronaut's face is larger
    assert centre(track_image(canvas, face_index=0)) < 250
    assert centre(track_image(canvas, face_index=1)) > 500
    with pytest.raises(InputError, match="no face number 2"):
        track_image(canvas, face_index=2)


def test_faceless_frames_are_filled_and_flagged_never_dropped(astronaut: np.ndarray) -> None:
    blank = np.zeros_like(astronaut)
    frames = [astronaut] * 4 + [blank] * 3 + [astronaut] * 4
    track = track_frames(frames, fps=25.0)
    assert len(track) == len(frames)
    assert track.valid.tolist() == [True] * 4 + [False] * 3 + [True] * 4
    assert np.all(track.confidence[~track.valid] == 0) and np.all(track.confidence[track.valid] > 0.5)
    # filled frames lie between their neighbours (here: equal, the face did not move)
    assert np.abs(track.landmarks[5] - track.landmarks[3]).max() < 2.0


def test_no_face_anywhere_is_an_input_error(astronaut: np.ndarray) -> None:
    blank = np.zeros_like(astronaut)
    with pytest.raises(InputError, match="no face found in any frame"):
        track_frames([blank] * 3, fps=25.0, what="blank.mp4")
    with pytest.raises(InputError, match="no face found"):
        track_image(blank, what="blank.png")


def test_landmark_read_out_matches_the_fields(astronaut: np.ndarray, grace_hopper: np.ndarray) -> None:
    """`landmark_array` (the serialised message viewed by numpy) gives each point's x, y, z as reading its
    fields does, bit for bit, on real mesh results; a list laid out otherwise (visibility set on a point, a
    field left unset) is read field by field, with the same values."""
    from facereel.face.mp_runtime import mediapipe
    from facereel.face.tracking import landmark_array

    def fields(points) -> np.ndarray:
        return np.array([(p.x, p.y, p.z) for p in points.landmark], dtype=np.float32)

    with mediapipe().solutions.face_mesh.FaceMesh(static_image_mode=True, refine_landmarks=True) as mesh:
        found = [mesh.process(np.ascontiguousarray(image)).multi_face_landmarks for image in (astronaut, grace_hopper)]
    assert all(found)
    for faces in found:
        points = faces[0]
        read = landmark_array(points)
        assert read.dtype == np.float32 and read.shape == (ids.NUM_LANDMARKS, 3)
        assert np.array_equal(read.view(np.uint32), fields(points).view(np.uint32))
    points = found[0][0]
    before = fields(points)
    points.landmark[5].visibility = 0.5
    points.landmark[9].ClearField("z")
    read = landmark_array(points)
    assert np.array_equal(read, fields(points)) and read[9, 2] == 0
    assert np.array_equal(np.delete(read, 9, 0), np.delete(before, 9, 0))
