"""The a1 engine with a photo driver: the eased photo Motion becomes the condition sequence (tiny random
weights in the published layout, CPU); an a1 still is the last frame of an internally eased clip."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from photo_frames import SMILE, save_frames

from facereel.animate import AnimateOptions, PortraitAnimator
from facereel.animate.photo import A1_STILL_SECONDS
from facereel.engines.a1 import A1Options
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video

from .conftest import SMALL


def test_a1_animates_an_eased_photo_clip(capsys, tmp_path, shared_data, astronaut, tiny_weights) -> None:
    neutral, smile = save_frames(shared_data / "driving" / f"{SMILE[0]}.mp4", (0, SMILE[1]), tmp_path)
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    options = AnimateOptions(engine="a1", weights=str(tiny_weights), a1=A1Options(**SMALL),
                             driving_reference=neutral, duration=0.5)
    anim = PortraitAnimator(options=options, device="cpu")
    out = tmp_path / "a1.mp4"
    assert anim.to_file(src, smile, out) == 12  # 0.5 s at the photo driver's 25 fps
    with open_video(out) as video:
        assert video.size == (512, 512) and video.fps == pytest.approx(25.0) and not video.has_audio


def test_a1_still_is_the_last_frame_of_an_eased_clip(tmp_path, shared_data, astronaut, tiny_weights) -> None:
    neutral, smile = save_frames(shared_data / "driving" / f"{SMILE[0]}.mp4", (0, SMILE[1]), tmp_path)
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    still = tmp_path / "a1.png"
    options = AnimateOptions(engine="a1", weights=str(tiny_weights), a1=A1Options(**SMALL),
                             driving_reference=neutral)
    assert PortraitAnimator(options=options, device="cpu").to_file(src, smile, still) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a1.png", "astronaut.png", neutral.name, smile.name]
    image = read_image(still)
    assert image.shape == astronaut.shape  # pasted back into the whole portrait
    # the same clip at the model's own rate, in memory: the still is its last frame (the full expression)
    clip = PortraitAnimator(options=replace(options, duration=A1_STILL_SECONDS, fps=12.0), device="cpu")(src, smile)
    assert len(clip) == 12
    assert np.array_equal(image, clip.frames[-1])
    assert not np.array_equal(image, clip.frames[0])  # the clip moved: the still is not its first frame
