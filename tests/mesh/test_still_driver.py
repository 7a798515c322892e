"""A still driving video (a real face that does not move) leaves the animated portrait as it is."""

from __future__ import annotations

import numpy as np
from h264_clips import write_video

from facereel.animate import PortraitAnimator
from facereel.eval.pixels import psnr
from facereel.media.image import write_image
from facereel.media.video import open_video


def test_still_driver_gives_frames_matching_the_source(tmp_path, astronaut, grace_hopper) -> None:
    driver = write_video(tmp_path / "still.mp4", [grace_hopper] * 15, 25)
    source = tmp_path / "astronaut.png"
    write_image(source, astronaut)
    out = tmp_path / "out.mp4"
    assert PortraitAnimator("mesh").to_file(source, driver, out) == 15
    with open_video(out) as video:
        frames = list(video.frames())
    assert len(frames) == 15
    scores = [psnr(frame, astronaut) for frame in frames]
    assert min(scores) > 34.0  # H.264 at crf 18 alone gives ~40 dB here; no visible motion is added
    moved = np.abs(frames[-1].astype(int) - frames[0].astype(int)).mean()
    assert moved < 1.0
