"""A video source's groups say the capped move (`away_cap`) as a portrait image's do: the overlap picture (lp_s1
partly in front of lp_s5, `overlap_photo.one_in_front`, real portraits) filmed still as a short clip, the back face
driven away from the front one, or the front one away from it (video-to-video, `animate.video_source_faces`: one
`FaceGroup` per frame, gathered by `held_away.HeldAway`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from mesh_faces import portrait
from overlap_photo import one_in_front

from facereel import PortraitAnimator
from facereel.media.writer import VideoWriter
from facereel.motion.presets import preset_motion

FRAMES = 6
"""Frames of the clip and of the driver (25 fps)."""
AWAY = 0.5
"""Inter-ocular distances: how far left (away from the front face) the driver takes the back head by its last
frame (~15 px on her face)."""


@pytest.fixture(scope="module")
def still_clip(shared_data, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The overlap picture repeated `FRAMES` times at 25 fps."""
    image = one_in_front(portrait("lp_s5")[0], portrait("lp_s1")[0])
    path = tmp_path_factory.mktemp("overlap") / "still.mp4"
    with VideoWriter(path, fps=25, repeatable=True) as writer:
        for _ in range(FRAMES):
            writer.write(image)
    return path


@pytest.mark.slow
def test_a_video_sources_back_face_held_back_is_said_once(still_clip: Path) -> None:
    """The back face (face 0) driven 0.5 inter-ocular distances left with the head's move on (`translate`): one note
    line at the end, as for the picture (she moves 3 px, held back 14); moved towards the front face, nothing."""
    motion = preset_motion("blink", seconds=FRAMES / 25)
    ramp = np.linspace(0, 1, len(motion), dtype=np.float32)
    notes: list[str] = []
    for sign in (1, -1):  # away (left), then towards the front face
        translation = motion.translation.copy()
        translation[:, 0] = -sign * AWAY * ramp
        driver = dataclasses.replace(motion, translation=translation)
        notes.clear()
        video = PortraitAnimator("mesh", translate=True)(still_clip, {0: driver}, on_note=notes.append)
        assert len(video) == FRAMES
        away = [note for note in notes if "away from the face in front of it" in note]
        if sign == 1:
            assert away == notes[-1:] and away[0].startswith("face 0 (behind face 1) moved at most 3 px away"), notes
        else:
            assert not away, notes


@pytest.mark.slow
def test_a_video_sources_front_face_held_back_is_said_once(still_clip: Path) -> None:
    """The front face (face 1) driven 0.5 inter-ocular distances right, away from the still face behind it, which is
    held back in no frame: one note line at the end naming the face behind (`HeldAway` keeps every face's overlaps
    and size from the frames that held one back)."""
    motion = preset_motion("blink", seconds=FRAMES / 25)
    translation = motion.translation.copy()
    translation[:, 0] = AWAY * np.linspace(0, 1, len(motion), dtype=np.float32)
    notes: list[str] = []
    driver = dataclasses.replace(motion, translation=translation)
    video = PortraitAnimator("mesh", translate=True)(still_clip, {1: driver}, on_note=notes.append)
    assert len(video) == FRAMES
    away = [note for note in notes if "away from the face behind it" in note]
    assert away == notes[-1:] and away[0].startswith("face 1 (in front of face 0) moved at most 3 px away"), notes
