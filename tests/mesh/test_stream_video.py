"""`facereel animate` with the mesh engine end to end: the streamed pass (driver video) and the two-pass
path (preset), on the always-available astronaut and on a real driver when ../shared/data is present."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from h264_clips import write_video
from test_mesh_engine import far_mask
from video_checks import audio_seconds, read_frames, tone

from facereel.animate import PortraitAnimator
from facereel.animate.options import AnimateOptions
from facereel.face import landmark_ids as ids
from facereel.animate.inputs import load_motion, source_from_image
from facereel.media.video import open_video
from facereel.motion.presets import preset_motion


def still_background(frames: list[np.ndarray], image: np.ndarray, landmarks: np.ndarray, folder: Path) -> bool:
    """Whether the far background of every decoded frame is the source's, up to what H.264 itself does to the
    source: no farther from it (mean abs difference) than a video of the still source encoded the same way
    (`animate`'s x264 preset) is, plus half a grey level (the encoder's decisions on a still area vary a
    little with what moves elsewhere; a background that moved would be several levels off)."""
    far = far_mask(landmarks, image.shape[:2])
    still = write_video(folder / "still_source.mp4", [image] * len(frames), 25, preset=AnimateOptions().encoder_preset,
                        repeatable=False)
    codec = max(np.abs(e[far].astype(int) - image[far]).mean() for e in read_frames(still)[0])
    return all(np.abs(f[far].astype(int) - image[far]).mean() < codec + 0.5 for f in frames)


@pytest.fixture(scope="module")
def talking_astronaut(tmp_path_factory, astronaut_video) -> Path:
    """The 25 fps moving-astronaut driver (12 frames) with a 0.6 s tone as its audio."""
    folder = tmp_path_factory.mktemp("driver")
    frames, fps, _ = read_frames(astronaut_video)
    return write_video(folder / "driver.mp4", frames, fps, tone(folder / "t.wav", 0.6))


def test_streamed_pass_equals_the_two_pass_render(tmp_path, astronaut, talking_astronaut):
    """With the synthetic mouth (the two-pass path has no driver frames) the two paths agree exactly (lossless
    files: lossy x264 may encode the same frames differently between runs on a loaded machine)."""
    source = source_from_image(astronaut)
    animator = PortraitAnimator("mesh", mouth="synthetic", crf=0)
    streamed = animator.to_file(source, talking_astronaut, tmp_path / "s.mp4")
    two_pass = animator.to_file(source, load_motion(talking_astronaut), tmp_path / "b.mp4")
    assert streamed == two_pass == 12
    a, fps, audio = read_frames(tmp_path / "s.mp4")
    b, _, _ = read_frames(tmp_path / "b.mp4")
    assert (len(a), fps, audio) == (12, 25.0, True)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert audio_seconds(tmp_path / "s.mp4") == pytest.approx(12 / 25, abs=0.03)
    assert still_background(a, astronaut, source.landmarks, tmp_path)


@pytest.mark.slow
def test_streamed_pass_carries_the_drivers_mouth(tmp_path, grace_hopper, shared_data):
    """The default streamed pass hands the driver's frames to the engine: lp_d11's first 15 frames show
    its teeth, so grace_hopper's mouth differs from the synthetic one, and nothing else does (lossless outputs:
    lossy x264 put a clear difference in a block beyond the mouth now and then, on a loaded machine). Pixels
    differing by > 30 near the lips: 3015 over these frames (frames 5-14, 102-528 a frame; 9559 over the first
    45, which the test took before the sixteenth session), outside none."""
    driver = shared_data / "driving" / "lp_d11.mp4"
    if not driver.exists():
        pytest.skip(f"{driver} not present")
    with open_video(driver) as video:
        clip = write_video(tmp_path / "d11.mp4", [f for _, f in zip(range(15), video.frames())], video.fps)
    source = source_from_image(grace_hopper)
    PortraitAnimator("mesh", mouth="driver", crf=0).to_file(source, clip, tmp_path / "d.mp4")
    PortraitAnimator("mesh", mouth="synthetic", crf=0).to_file(source, clip, tmp_path / "s.mp4")
    a, b = read_frames(tmp_path / "d.mp4")[0], read_frames(tmp_path / "s.mp4")[0]
    lips = source.landmarks[list(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP), :2]
    reach = np.linalg.norm(lips.max(0) - lips.min(0))  # one mouth width around the lips
    yy, xx = np.mgrid[: grace_hopper.shape[0], : grace_hopper.shape[1]]
    near = ((xx > lips[:, 0].min() - reach) & (xx < lips[:, 0].max() + reach)
            & (yy > lips[:, 1].min() - reach) & (yy < lips[:, 1].max() + reach))
    diff = [np.abs(x.astype(int) - y).max(-1) for x, y in zip(a, b)]
    assert sum(int((d[near] > 30).sum()) for d in diff) > 500
    assert all(not d[~near].any() for d in diff)


def test_side_by_side_streams_driver_panels(tmp_path, astronaut, talking_astronaut):
    source = source_from_image(astronaut)
    n = PortraitAnimator("mesh", side_by_side=True).to_file(source, talking_astronaut, tmp_path / "sbs.mp4")
    frames, _, _ = read_frames(tmp_path / "sbs.mp4")
    assert n == len(frames) == 12 and frames[0].shape == (512, 1024, 3)


def test_animate_file_with_a_preset(tmp_path, astronaut):
    from PIL import Image

    Image.fromarray(astronaut).save(tmp_path / "astronaut.png")
    motion = preset_motion("talk")
    n = PortraitAnimator("mesh").to_file(tmp_path / "astronaut.png", "preset:talk", tmp_path / "talk.mp4")
    frames, fps, audio = read_frames(tmp_path / "talk.mp4")
    assert n == len(frames) == len(motion) and fps == pytest.approx(motion.fps) and not audio


@pytest.mark.slow
def test_real_driver_streams_end_to_end(tmp_path, astronaut, shared_data):
    """The whole of lp_d11 (225 frames and its audio) drives the astronaut at 256 px: the claims (every frame
    written, the audio's length, a still background) do not depend on the size (512 px: 12.9 CPU s, 256: 8.0)."""
    driver = shared_data / "driving" / "lp_d11.mp4"
    if not driver.exists():
        pytest.skip(f"{driver} not present")
    portrait = cv2.resize(astronaut, (256, 256), interpolation=cv2.INTER_AREA)
    source = source_from_image(portrait)
    count = []
    n = PortraitAnimator("mesh").to_file(source, driver, tmp_path / "d11.mp4", progress=count.append)
    frames, fps, audio = read_frames(tmp_path / "d11.mp4")
    reference, driver_fps, _ = read_frames(driver)
    assert n == len(frames) == len(reference) == sum(count) and fps == driver_fps and audio
    assert audio_seconds(tmp_path / "d11.mp4") == pytest.approx(n / fps, abs=0.05)
    assert still_background(frames, portrait, source.landmarks, tmp_path)
    assert np.abs(frames[60].astype(int) - portrait).mean() > 0.1  # something does move


def test_a_driver_without_a_face_writes_nothing(tmp_path, astronaut):
    from facereel.errors import InputError

    driver = write_video(tmp_path / "empty.mp4", [np.zeros((128, 128, 3), np.uint8)] * 3, 25)
    with pytest.raises(InputError, match="no face"):
        PortraitAnimator("mesh").to_file(source_from_image(astronaut), driver, tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()
