"""Slider motions drive the a1 engine: the condition landmarks follow the sliders, and a still edit (a
one-second ease into the sliders) runs end to end on tiny random weights (pixels are noise there; the
size and the condition are what is checked; keyframe clips take the same Motion path as any template)."""

from __future__ import annotations

import numpy as np

from facereel.animate import PortraitAnimator
from facereel.animate.edit import edit_retarget
from facereel.animate.options import AnimateOptions
from facereel.engines.a1.options import A1Options
from facereel.animate.inputs import drive, source_from_image
from facereel.motion.sliders import Sliders, still_motion


def test_a1_condition_landmarks_follow_the_sliders(astronaut: np.ndarray) -> None:
    source = source_from_image(astronaut)
    options = edit_retarget(AnimateOptions(), "a1")
    target = drive(source, still_motion(Sliders(smile=1, blink_left=1)), options)[-1]
    lm = source.landmarks
    corners = [61, 291]
    assert (target[corners, 1] < lm[corners, 1] - 2).all()  # mouth corners up (image y down), px
    left_gap = lambda p: p[374, 1] - p[386, 1]  # noqa: E731 - the subject's left eye, lower minus upper lid
    right_gap = lambda p: p[145, 1] - p[159, 1]  # noqa: E731
    assert left_gap(target) < 0.2 * left_gap(lm) and abs(right_gap(target) - right_gap(lm)) < 1.0
    assert np.abs(target[:, :2].mean(0) - lm[:, :2].mean(0)).max() < 2  # a1: the head stays where it is


def test_a1_still_edit_runs_on_tiny_weights(astronaut: np.ndarray, tiny_weights) -> None:
    small = A1Options(steps=2, window_frames=9, window_overlap=4, blend_steps=(0, 1))
    options = AnimateOptions(engine="a1", weights=str(tiny_weights), a1=small)
    animator = PortraitAnimator(options=options, device="cpu")
    image = animator.edit(astronaut, smile=0.8)
    assert image.shape == astronaut.shape and image.dtype == np.uint8
