"""Body following (`--body`) on a portrait on its side or upside down (issue #12; `driven.DrivenPortrait`,
`turned_photo.quarter_turn`). Before, the shoulders were found on the photo as it lay (lp_s3 turned 90 deg: one above
the other), the driver's shoulder moves were laid on the torso across it, and the face, given shoulders, took no
`rolled_face.Upright` and was drawn as it lay: lp_s3 (half size) x lp_d18 0-30 at 224 px, its frames turned upright
`figures/turned_back.upright_gap` 2.19 from the upright photo's own run (the photo repeated 2.25). Now the whole
portrait is turned upright by a quarter turn, animated there with its torso and turned back: 0.031."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from mesh_faces import portrait

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.turned_back import upright_gap


@pytest.fixture(scope="module")
def half_body() -> tuple[np.ndarray, np.ndarray]:
    """lp_s0 at half size (300 x 352) and its landmarks: both shoulders show."""
    image, landmarks = portrait("lp_s0")
    half = cv2.resize(image, (image.shape[1] // 2, image.shape[0] // 2), interpolation=cv2.INTER_AREA)
    return half, landmarks / np.float32([2, 2, 2])


@pytest.fixture(scope="module")
def upright_run(half_body: tuple[np.ndarray, np.ndarray], astronaut_video: Path) -> list[np.ndarray]:
    return PortraitAnimator("mesh", body=True)(half_body[0], astronaut_video).frames


@pytest.mark.parametrize("quarters", (1, 3, 2))
def test_the_body_follows_on_a_portrait_on_its_side(half_body: tuple[np.ndarray, np.ndarray], astronaut_video: Path,
                                                    upright_run: list[np.ndarray], quarters: int):
    """lp_s0 (half) turned 90 / 270 / 180 deg with --body, driven by the swaying astronaut (12 frames): the frames in
    the photo's orientation, turned upright within `upright_gap` 0.1 of the upright photo's run (its torso follows
    the driver's shoulders: the frames' torso rows move)."""
    image, landmarks = half_body
    turned = np.ascontiguousarray(np.rot90(image, quarters))
    notes: list[str] = []
    frames = PortraitAnimator("mesh", body=True)(turned, astronaut_video, on_note=notes.append).frames
    assert all(frame.shape == turned.shape for frame in frames)
    back = (4 - quarters) % 4
    gap = upright_gap(frames, back, upright_run, landmarks)
    still = upright_gap([turned] * len(frames), back, upright_run, landmarks)
    print(f"upright_gap {gap:.4f}, the photo repeated {still:.4f}")
    assert gap < 0.1 < still, (gap, still)
    below = int(landmarks[:, 1].max() + 0.3 * (landmarks[:, 1].max() - landmarks[:, 1].min()))
    torso = max(np.abs(np.rot90(frame, back)[below:].astype(int) - image[below:]).mean() for frame in frames)
    print(f"torso {torso:.2f}")
    assert torso > 2, torso
