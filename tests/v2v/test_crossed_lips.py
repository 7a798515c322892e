"""A clip's own mouth closing faster than the retargeting's smoothing no longer pushes the dubbed lower lip up
through the upper (issue #12 part 1, `figures.pressed_lips.lips_crossed`): sr_1's frames 0-39 as the clip, lp_d19
from frame 20 (at the clip's frame rate) as the driver, `--regions lips`."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np

from facereel.animate.video_source import driver_frame_index, frames_at
from facereel.engines.mesh.figures.pressed_lips import lips_crossed
from facereel.face.tracking import track_frames
from facereel.motion.extract import extract_motion
from facereel.motion.retarget_options import RetargetOptions
from facereel.motion.video_retarget import retarget_video

FPS = 2997 / 125  # sr_1's frame rate
COUNT = 32  # lp_d19's frames 20-59 at it


def test_a_clip_closing_its_mouth_fast_keeps_the_dubbed_lips_apart(shared_data: Path) -> None:
    """sr_1 closes its mouth from 35 px to none over frames 21-23 (frame 23 its neutral reference). Crossed inner
    lips over the frame's own lips' thickness: 0.11 at most now (frames 22-24, the two 1.5 px `JITTER`s); with the
    smoothed track's lag added whole (main) 0.65 at frame 23, drawn as a dark wedge with a pale rim; source
    repeated 0.03."""
    driving = shared_data / "driving"
    clip = track_frames(list(islice(frames_at(driving / "sr_1.mp4", FPS, None), 0, 40)), FPS)
    driver = track_frames(list(islice(frames_at(driving / "lp_d19.mp4", FPS, None), 16, 16 + COUNT)), FPS)
    targets = retarget_video(clip, extract_motion(driver), RetargetOptions(regions=frozenset({"lips"})),
                             driver_frame_index(COUNT, COUNT, False))
    crossed = lips_crossed(clip.landmarks[:COUNT], targets)
    assert crossed.max() < 0.2, np.round(crossed, 2)
