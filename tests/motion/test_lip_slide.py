"""The upper lip's sideways slide under the nose soft-limited in the retarget (`motion/lip_slide.py`): lp_d3's clip
driven by lp_d19's smirk (30-53) had its under-nose skin sheared into a diagonal band; talking drivers pass
unchanged."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest

import facereel.motion.lip_slide as lip_slide_module
from facereel.animate.options import AnimateOptions
from facereel.animate.video_source import frames_at
from facereel.engines.mesh.figures.lip_slide import lip_slide
from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_frames
from facereel.motion.extract import extract_motion
from facereel.motion.lip_slide import LIP_SLIDE, limit_lip_slide, slide_weights
from facereel.motion.retarget import retarget
from facereel.motion.video_retarget import retarget_video


def _cut_track(path: Path, first: int, count: int, fps: float):
    """The track of `count` frames of the video at `path` from frame `first`, at `fps` (as `facereel animate`
    tracks a cut clip)."""
    return track_frames(islice(frames_at(path, fps, None), first, first + count), fps)


def test_smirking_driver_slides_the_clip_lip_less(shared_data: Path) -> None:
    """lp_d3 0-23 (the clip) x lp_d19 30-53 (the smirk), as `facereel animate -s clip.mp4 -d driver.mp4` retargets
    them (tracked uncut here: the cut clips re-encoded read 0.280 / 0.189): the upper lip's middle slid against the
    subnasale over frames 15-23 (`figures.lip_slide`, the clip's mouth widths) 0.262 before the limit (the band),
    0.170 with it; the smirk is still carried (source repeated: 0)."""
    options = AnimateOptions()
    fps = 30.0  # lp_d3's rate, at which the driver is tracked too
    clip = _cut_track(shared_data / "driving" / "lp_d3.mp4", 0, 24, fps)
    driver = _cut_track(shared_data / "driving" / "lp_d19.mp4", 30, 24, fps)
    targets = retarget_video(clip, extract_motion(driver, reference=options.reference), options.retarget,
                             np.arange(24))
    slides = [lip_slide(clip.landmarks[i], targets[i]) for i in range(15, 24)]
    assert 0.12 < np.mean(slides) < 0.22


def test_talking_driver_passes_unchanged(source: np.ndarray, shared_track) -> None:
    """lp_d18 (wide-open talking and laughing; its lip slides at most 0.05 mouth widths) retargeted onto the
    astronaut: the same landmarks bit for bit with the limit as without it."""
    motion = extract_motion(shared_track("lp_d18"))
    limited = retarget(source, motion)
    try:
        lip_slide_module.LIP_SLIDE = (1e6, 2e6)
        free = retarget(source, motion)
    finally:
        lip_slide_module.LIP_SLIDE = LIP_SLIDE
    np.testing.assert_array_equal(limited, free)


def test_the_mouth_moves_back_as_one_piece(source: np.ndarray) -> None:
    """The astronaut's mouth slid 0.3 mouth widths sideways (canonical): the slide comes back under the ceiling, the
    lower lip moves back with the upper lip's middle, the subnasale and the chin stay."""
    c_src = estimate_pose(source[None])[1][0].astype(np.float64)
    width = float(np.linalg.norm(c_src[61, :2] - c_src[291, :2]))
    weights = slide_weights(c_src)
    c = c_src[None].copy()
    c[0, :, 0] += 0.3 * width * weights
    limit_lip_slide(c, c_src, width)
    slide = (c[0, ids.UPPER_LIP_MIDDLE, 0] - c_src[ids.UPPER_LIP_MIDDLE, 0]) / width
    assert LIP_SLIDE[0] < slide < LIP_SLIDE[1]
    moved = c[0, :, 0] - c_src[:, 0]
    assert moved[ids.LOWER_LIP_BOTTOM] == pytest.approx(moved[ids.UPPER_LIP_MIDDLE])
    assert moved[ids.SUBNASALE] == 0.0 and moved[ids.CHIN] == 0.0 and moved[ids.FOREHEAD] == 0.0
