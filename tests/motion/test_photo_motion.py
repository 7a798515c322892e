"""A Motion from a photo pair (neutral reference, expression photo), eased in and out; saved as a template."""

from __future__ import annotations

import numpy as np
import pytest
from photo_frames import OPEN_MOUTH, SMILE, save_frames

from facereel.face.landmark_ids import CHIN, LEFT_BROW, LEFT_EYE_CORNERS, LOWER_LIP_BOTTOM, RIGHT_BROW, RIGHT_EYE_CORNERS
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_image
from facereel.media.image import read_image
from facereel.motion.features import INDEX
from facereel.motion.motion import Motion
from facereel.motion.photo import JAW_RIGID_SHARE, clip_frames, ease_in_out, pair_motion, rigid_jaw
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.sliders import jaw_drop_offsets


def test_ease_in_out_rises_from_rest_to_rest() -> None:
    w = ease_in_out(25)
    steps = np.diff(w)
    assert w[0] == 0.0 and w[-1] == pytest.approx(1.0)
    assert np.all(steps > 0)
    assert steps[0] < 0.2 * steps.max() and steps[-1] < 0.2 * steps.max()  # slow at both ends
    assert clip_frames(1.5) == 38 and clip_frames(0.01) == 2
    with pytest.raises(ValueError):
        ease_in_out(1)


@pytest.fixture(scope="module")
def smile_pair(shared_data, tmp_path_factory) -> tuple[np.ndarray, np.ndarray]:
    """(neutral, smiling) landmarks (478, 3) px of one real person: the first frame and a smiling frame."""
    name, k = SMILE
    paths = save_frames(shared_data / "driving" / f"{name}.mp4", (0, k), tmp_path_factory.mktemp("smile"))
    return tuple(track_image(read_image(p)).landmarks[0] for p in paths)  # type: ignore[return-value]


def test_pair_motion_eases_from_the_reference_to_the_photo(smile_pair, tmp_path) -> None:
    neutral, smile = smile_pair
    w = ease_in_out(20)
    motion = pair_motion(neutral, smile, w)
    _, canonical, _ = estimate_pose(np.stack([neutral, smile]))
    assert len(motion) == 20 and motion.reference == 0 and motion.valid.all()
    assert np.abs(motion.expression[0]).max() == 0.0
    opening = float(motion.features[-1, INDEX["mouth_open"]] - motion.features[0, INDEX["mouth_open"]])
    np.testing.assert_allclose(motion.expression[-1], rigid_jaw(canonical[1] - canonical[0], opening), atol=1e-5)
    outside = jaw_drop_offsets(1.0)[:, 1] == 0  # above the mouth: the pair's own offsets, unchanged
    np.testing.assert_allclose(motion.expression[-1][outside], (canonical[1] - canonical[0])[outside], atol=1e-5)
    corners = motion.features[:, INDEX["mouth_corner_height"]]
    assert corners[-1] - corners[0] > 0.05  # the photo's smile (+0.075 canonical units) is the end point
    assert np.all(np.diff(corners) >= 0)  # and is reached monotonically
    # rotation: frame 0 is the reference's pose, the last the photo's
    pose, _, _ = estimate_pose(np.stack([neutral, smile]))
    np.testing.assert_allclose(motion.rotation[[0, -1]], pose.rotation, atol=1e-5)
    path = tmp_path / "smile.npz"
    motion.save(path)
    loaded = Motion.load(path)
    np.testing.assert_array_equal(loaded.expression, motion.expression)
    assert loaded.fps == motion.fps == 25.0


def test_pair_of_different_people_moves_pose_features_and_the_jaw_only(smile_pair, grace_hopper) -> None:
    neutral, _ = smile_pair
    other = track_image(grace_hopper).landmarks[0]
    motion = pair_motion(other, neutral, ease_in_out(5), same_person=False)
    assert np.abs(motion.translation).max() == 0.0
    np.testing.assert_array_equal(motion.scale, 1.0)
    assert not np.allclose(motion.features[0], motion.features[-1])
    # the expression is one jaw drop as large as the photo's mouth opening minus the reference's
    opening = motion.features[-1, INDEX["mouth_open"]] - motion.features[0, INDEX["mouth_open"]]
    np.testing.assert_allclose(motion.expression[-1], jaw_drop_offsets(float(opening)), atol=1e-6)
    assert np.abs(motion.expression[0]).max() == 0.0
    moved = np.abs(motion.expression[-1]).max(axis=1) > 0
    assert moved[CHIN] and not moved[list(RIGHT_BROW + LEFT_BROW + RIGHT_EYE_CORNERS)].any()  # jaw, not brows/eyes


@pytest.fixture(scope="module")
def smile_photos(shared_data, tmp_path_factory) -> list:
    name, k = SMILE
    return save_frames(shared_data / "driving" / f"{name}.mp4", (0, k), tmp_path_factory.mktemp("smile_photos"))


@pytest.mark.slow
def test_extract_motion_saves_a_photo_pair_template_that_drives(capsys, smile_photos, astronaut_video, tmp_path) -> None:
    from facereel.animate import PortraitAnimator
    from facereel.cli.main import main

    neutral, smile = smile_photos
    template = tmp_path / "smile.npz"
    code = main(["--quiet", "extract-motion", str(smile), "--driving-reference", str(neutral), "--duration", "0.4",
                 "-o", str(template)])
    assert code == 0, capsys.readouterr().err
    motion = Motion.load(template)
    corners = motion.features[:, INDEX["mouth_corner_height"]]
    assert len(motion) == 10 and corners[-1] - corners[0] > 0.05 and np.all(np.diff(corners) >= 0)
    video = PortraitAnimator("mesh")(read_image(neutral), template)  # reused as a driver, like any template
    assert len(video) == 10 and video.fps == 25.0
    code = main(["--quiet", "extract-motion", str(smile), "-o", str(tmp_path / "x.npz")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "--driving-reference" in err and len(err.splitlines()) == 1
    code = main(["--quiet", "extract-motion", str(astronaut_video), "--driving-reference", str(neutral),
                 "-o", str(tmp_path / "x.npz")])
    assert code == 2 and "photo driver" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["smile.npz"]


def test_rigid_jaw_draws_the_jaw_region_halfway_to_one_rigid_drop() -> None:
    jaw = jaw_drop_offsets(1.0)[:, 1] > 0  # the mouth_open slider's region: lower lip to chin
    bunched = np.zeros((478, 3))
    bunched[jaw, 1] = np.linspace(0.6, 0.3, jaw.sum())  # the lower lip far, the chin half as far (a real pair)
    bunched[:, 0] = 0.01
    inside = jaw_drop_offsets(1.0)[:, 1] == 1.0  # fully inside the region (it fades in below the upper lip)
    assert inside.sum() > 20
    full = rigid_jaw(bunched, 0.5)  # a wide opening (over MOUTH_DROP): the whole share rigid
    np.testing.assert_allclose(full[inside, 1], (1 - JAW_RIGID_SHARE) * bunched[inside, 1] + JAW_RIGID_SHARE * 0.5)
    drops = full[inside, 1]
    assert np.ptp(drops) < np.ptp(bunched[inside, 1])  # the band squashed less than the pair's own
    assert np.array_equal(full[:, [0, 2]], bunched[:, [0, 2]]) and np.array_equal(full[~jaw], bunched[~jaw])
    slight = rigid_jaw(bunched, 0.03)  # a smile's slight parting: a tenth of the share blended in
    share = JAW_RIGID_SHARE * 0.1
    np.testing.assert_allclose(slight[inside, 1], (1 - share) * bunched[inside, 1] + share * 0.03)
    assert np.array_equal(rigid_jaw(bunched, -0.2), bunched)  # a closing pair keeps its own offsets


def test_open_pair_on_its_own_neutral_frame_puts_the_chin_near_the_truths(shared_data, tmp_path) -> None:
    """Self-reenactment: lp_d18's neutral frame driven by its own open pair; the open frame is the truth."""
    name, k = OPEN_MOUTH
    neutral, wide = (track_image(read_image(p)).landmarks[0]
                     for p in save_frames(shared_data / "driving" / f"{name}.mp4", (0, k), tmp_path))
    target = retarget(neutral, pair_motion(neutral, wide, np.array([0.0, 1.0])),
                      RetargetOptions(smoothing=None).for_engine("mesh"))[-1]
    iod = np.linalg.norm(wide[RIGHT_EYE_CORNERS[0], :2] - wide[LEFT_EYE_CORNERS[0], :2])
    chin, lip = ((target[i, 1] - wide[i, 1]) / iod for i in (CHIN, LOWER_LIP_BOTTOM))
    assert abs(lip) < 0.05  # the lower lip drops as far as the truth's (measured -0.01)
    # the chin does not drop as far as the lip (a too-long lower face): measured +0.096 IOD below the truth's;
    # the whole jaw as one rigid drop put it +0.19 below, the pair's own offsets +0.02; the neutral chin is 0.19 above
    assert abs(chin) < 0.14
