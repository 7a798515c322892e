"""Dubbing (`--regions lips`) keeps the carried teeth in the clip's light (lp_d11's clip dubbed by sr_1, whose
dim-lit teeth took the skins' exposure ratio to a flat white slab, `figures/dub_teeth.py`) and the clip's own eyes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from v2v_clips import decoded, write_clip

from facereel import AnimatedVideo, PortraitAnimator
from facereel.engines.mesh.figures.dub_teeth import dub_teeth
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_frames

pytestmark = pytest.mark.slow  # out of the README's suite by its measured time: .ci/run's third step

START, COUNT = 16, 8  # lp_d11 and sr_1 frames 16-23: both mouths open, lp_d11 showing its own teeth


def _teeth(frames: list[np.ndarray]) -> np.ndarray:
    """(n, 2) `dub_teeth` (ratio, white) of the frames where teeth read."""
    track = track_frames(frames, 25.0)
    reads = [dub_teeth(f, lm) for f, lm, ok in zip(frames, track.landmarks, track.valid) if ok]
    return np.array([r for r in reads if r is not None]).reshape(-1, 2)


@pytest.fixture(scope="module")
def dubbed(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, AnimatedVideo]:
    """(clip, output in memory): lp_d11's frames 16-23 at 384 px dubbed by sr_1's, lips only; read as rendered, not
    from a file: x264's mbtree writes heap-dependent bytes (`VideoWriter`)."""
    folder = tmp_path_factory.mktemp("dub_teeth")
    clip = write_clip(folder / "clip.mp4", shared_data / "driving" / "lp_d11.mp4", START, COUNT, size=384)
    driver = write_clip(folder / "driver.mp4", shared_data / "driving" / "sr_1.mp4", START, COUNT, size=384)
    return clip, PortraitAnimator("mesh", regions="lips")(clip, driver)


def test_dubbed_teeth_stay_in_the_clips_light(dubbed):
    """The carried teeth's L* over the skin's stays within 0.1 of the clip's own teeth's highest (1.34 on the
    3 s clip; before 1.83 there, 0.104 of the teeth clipped white on average, up to 0.84 in a frame), and no
    frame's teeth are over a tenth clipped white (the clip's own: none)."""
    clip, video = dubbed
    own, made = _teeth(decoded(clip)), _teeth(video.frames)
    assert len(own) and len(made)
    assert made[:, 0].max() <= own[:, 0].max() + 0.1, (made[:, 0].round(2), own[:, 0].max())
    assert made[:, 1].max() < 0.1, made[:, 1].round(3)


def test_dubbed_eyes_are_the_clips_own(dubbed):
    """Lips only: every frame's eyes (their lids' box grown by 6 px) are the clip's own pixels, bit for bit (also
    lp_d18's wide-eyed clip dubbed by sr_1 or lp_d19 over 3 s: its eyes are as filmed, not the engine's)."""
    clip, video = dubbed
    frames = decoded(clip)
    track = track_frames(frames, video.fps)
    for frame, made, landmarks in zip(frames, video.frames, track.landmarks, strict=True):
        (x0, y0), (x1, y1) = (np.floor(landmarks[list(ids.EYES_REGION), :2].min(0)).astype(int) - 6,
                              np.ceil(landmarks[list(ids.EYES_REGION), :2].max(0)).astype(int) + 6)
        np.testing.assert_array_equal(made[y0:y1, x0:x1], frame[y0:y1, x0:x1])
