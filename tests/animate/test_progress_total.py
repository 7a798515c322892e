"""The run reports its own frame total (`PortraitAnimator`'s `on_total`) for every kind of mesh-engine job: one
driving video (streamed), a preset Motion, per-face drivers, a video source, a photo (still and clip) and slider
keyframes. The total comes once, before the first frame, and equals the frames the run then writes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import side_by_side
from progress_recorder import run_recorded as _run

from facereel import PortraitAnimator
from facereel.media.image import write_image
from facereel.motion.photo import clip_frames
from facereel.motion.presets import preset_motion
from facereel.motion.sliders import Sliders

SIZE = 256  # output's longer side: small, so each job takes a second or two


@pytest.fixture(scope="module")
def portrait_png(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    path = tmp_path_factory.mktemp("total") / "astronaut.png"
    write_image(path, astronaut)
    return path


@pytest.mark.slow
def test_a_driving_video_and_a_preset(astronaut: np.ndarray, astronaut_video: Path) -> None:
    animator = PortraitAnimator("mesh", size=SIZE)
    assert _run(animator, astronaut, astronaut_video).calls[0] == ("total", 12)  # streamed: the video's 12 frames
    blink = preset_motion("blink", seconds=0.3)
    assert _run(animator, astronaut, blink).calls[0] == ("total", len(blink))


def test_per_face_drivers(astronaut: np.ndarray, grace_hopper: np.ndarray) -> None:
    pair = side_by_side([astronaut, grace_hopper], SIZE)
    short, long = preset_motion("blink", seconds=0.2), preset_motion("talk", seconds=0.4)
    recorder = _run(PortraitAnimator("mesh"), pair, {0: short, 1: long})
    assert recorder.calls[0] == ("total", len(long)) and len(long) > len(short)  # as long as the longest driver


@pytest.mark.slow
def test_a_video_source(astronaut_video: Path) -> None:
    talk = preset_motion("talk", seconds=0.2)  # 5 frames: shorter than the 12-frame source
    recorder = _run(PortraitAnimator("mesh", size=SIZE, mouth="synthetic"), astronaut_video, talk)
    assert ("total", len(talk)) in recorder.calls


def test_a_photo_still_and_clip(portrait_png: Path, tmp_path: Path) -> None:
    animator = PortraitAnimator("mesh", size=SIZE, mode="absolute")
    out = tmp_path / "still.png"
    assert ("total", 1) in _run(animator.to_file, portrait_png, portrait_png, out).calls and out.is_file()
    clip = PortraitAnimator("mesh", size=SIZE, mode="absolute", duration=0.4)
    assert ("total", clip_frames(0.4)) in _run(clip, portrait_png, portrait_png).calls


def test_slider_keyframes(astronaut: np.ndarray) -> None:
    recorder = _run(PortraitAnimator("mesh", size=SIZE).edit_video, astronaut, [(0.3, Sliders(smile=1.0))], fps=20)
    assert ("total", 7) in recorder.calls  # frame 0 and one per 1/20 s to 0.3 s
