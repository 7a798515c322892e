"""A smaller second person counts (issue #12, every face): a face the detector's tiles find down to
`tracking.GROUP_MIN_SIZE` (0.2) of the largest one's width, where the face mesh finds it too (`group_faces`).
Before, a tile face under half the largest was dropped even at detector score 0.94 (lp_s3 beside lp_s1 at 0.49);
sr_18's blurred crowd (0.27-0.78 of his width, detector scores 0.61-0.82) stays uncounted because the mesh does
not find it. Real portraits of ../shared/data (`tests/group_photo.second_face`, `into_crowd`);
`bench/group_count.py` sweeps the ratios 0.25-0.5 and the places."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from group_photo import into_crowd, resized, second_face, side_by_side

from facereel.face.every_face import track_faces
from facereel.face.tracking import FaceTracker
from facereel.media.image import read_image


@pytest.fixture(scope="module")
def portraits(shared_data: Path) -> dict[str, np.ndarray]:
    """lp_s1 at 400 x 400, lp_s5 at 500 x 500, sr_18 at 760 x 509 and lp_s0 / lp_s3 as they are."""
    images = {name: read_image(next((shared_data / "portraits").glob(f"{name}.*")))
              for name in ("lp_s1", "lp_s5", "sr_18", "lp_s0", "lp_s3")}
    return images | {"lp_s1": resized(images["lp_s1"], (400, 400)), "lp_s5": resized(images["lp_s5"], (500, 500)),
                     "sr_18": resized(images["sr_18"], (760, 509))}


def _centres(faces: np.ndarray) -> np.ndarray:
    """(F,) x px of each face's landmark centre."""
    return faces[:, :, 0].mean(1)


@pytest.mark.parametrize(("large", "small", "ratio", "place"), [
    ("lp_s1", "lp_s3", 0.25, "beside"),  # faces ~136 / ~34 px
    ("lp_s5", "lp_s0", 0.3, "higher"),  # a person standing behind, tops level
    ("lp_s1", "lp_s5", 0.4, "left"),
])
def test_a_small_second_face_counts(portraits: dict[str, np.ndarray], large: str, small: str, ratio: float,
                                    place: str) -> None:
    picture = second_face(portraits[large], portraits[small], ratio, place)
    faces = track_faces(picture)
    assert len(faces) == 2
    widths = np.ptp(faces[:, :, 0], axis=1)
    small_index = 0 if place == "left" else 1  # numbered from the left
    assert 0.2 < widths[small_index] / widths[1 - small_index] < 0.6, widths


def test_a_face_among_the_crowd_counts_and_the_crowd_does_not(portraits: dict[str, np.ndarray]) -> None:
    """lp_s3 at 0.3 of sr_18's face width pasted over his crowd's top left: she and he count, none of the crowd
    (its heads right of him and left of him read 0.56-0.64 of his width at 760 px)."""
    faces = track_faces(into_crowd(portraits["sr_18"], portraits["lp_s3"], 0.3, "higher"))
    assert len(faces) == 2
    she, he = _centres(faces)
    assert she < 250 and 450 < he < 650  # she at the left, he in the middle


@pytest.mark.parametrize("height", [240, 300, 360])
def test_the_crowd_behind_sr_18_stays_uncounted(portraits: dict[str, np.ndarray], shared_data: Path,
                                                height: int) -> None:
    """lp_s1 | sr_18 side by side at `height` px high, centred low on a grey 1280 x 720 frame (the group test's):
    his crowd's faces read 0.27-0.47 of his width at detector scores 0.65-0.82 (lp_s0 at 0.25 beside lp_s5 reads
    0.84: no score bound lies between them); two faces there, and one in sr_18 alone on the frame."""
    sr_18 = read_image(shared_data / "portraits" / "sr_18.png")
    pair = side_by_side([portraits["lp_s1"], sr_18], height)
    frame = np.full((720, 1280, 3), 90, np.uint8)
    x = (1280 - pair.shape[1]) // 2
    frame[660 - height:660, x:x + pair.shape[1]] = pair
    assert len(track_faces(frame)) == 2
    alone = cv2.resize(sr_18, (round(1600 * height / 1072), height), interpolation=cv2.INTER_AREA)
    frame[:] = 90
    frame[660 - height:660, 300:300 + alone.shape[1]] = alone
    assert len(track_faces(frame)) == 1


def test_a_face_number_counts_as_the_group_does(portraits: dict[str, np.ndarray]) -> None:
    """`FaceTracker(face_index=k)` (`--source-face-index`, `--driving-face-index`) numbers the faces as
    `track_faces` does: lp_s3 in sr_18's crowd is face 0 and he face 1, the crowd's heads (found by the detector,
    not by the mesh) take no number; before, they did, and lp_s3 had none."""
    picture = into_crowd(portraits["sr_18"], portraits["lp_s3"], 0.3, "higher")
    faces = track_faces(picture)
    for index, expected in enumerate(faces):
        with FaceTracker(face_index=index, video=False) as tracker:
            points = tracker(picture)
        assert points is not None and np.abs(points[:, :2] - expected[:, :2]).max() < 1.0, index
    with FaceTracker(face_index=2, video=False) as tracker:
        assert tracker(picture) is None and tracker.most_faces == 2
