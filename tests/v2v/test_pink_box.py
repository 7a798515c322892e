"""Video-to-video with the eyes only keeps the dark hair beside the clip's jaw: lp_d11 as the clip, lp_d12 the driver
(frames 106-119, the clip's own 512 px), read by `figures/still_jaw.py`'s `departed`."""

from __future__ import annotations

from pathlib import Path

import pytest
from v2v_clips import decoded, write_clip

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.still_jaw import departed
from facereel.face.tracking import track_frames

START, COUNT = 106, 14  # lp_d11's pink box beside the jaw showed on frames 113-118 (from 112 a key frame of 115 drew a larger patch)


@pytest.fixture(scope="module")
def eyes_only(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list, list]:
    """(clip frames, output frames, the clip's landmarks): lp_d11's frames 106-119 driven by lp_d12's first,
    `--regions eyes`."""
    folder = tmp_path_factory.mktemp("pink_box")
    clip = write_clip(folder / "clip.mp4", shared_data / "driving" / "lp_d11.mp4", START, COUNT, size=512)
    driver = write_clip(folder / "driver.mp4", shared_data / "driving" / "lp_d12.mp4", 0, COUNT, size=512)
    video = PortraitAnimator("mesh", regions="eyes")(clip, driver)
    frames = decoded(clip)
    return frames, video.frames, list(track_frames(frames, video.fps).landmarks)


def test_the_eyes_only_leave_the_hair_beside_the_jaw_as_filmed(eyes_only):
    """Below the eyes nothing moves, so few pixels of the lower face's box depart from the clip by more than 20 grey
    levels (`departed`; the source repeated 0). The ears' matte lowered the head's alpha to 0 on the dark hair beside
    the jaw, whose plate was fill with the neck's tone laid in: unmixed against the fill without the tone, the head at
    rest showed the tone, a pink box (before: 400-530 pixels on frames 115-117 of the whole clip; now at most ~150,
    frame 110's dark strokes along the jaw's outline, not this box)."""
    frames, made, landmarks = eyes_only
    read = [departed(f, m, lm) for f, m, lm in zip(frames, made, landmarks, strict=True)]
    assert max(read) < 250, read
