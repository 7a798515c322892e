"""Every path that renders sliders ends the yaw as a still edit does (`animate.slider_room`, issue #12 part 4).

h31-sliders ended the yaw of `edit` and the web page's preview only: lp_d19's frame 0 (glasses, the face filling its
head, 480 x 480) still tore at a keyframe at yaw 30 (`edit --to-video`, `PortraitAnimator.edit_video`, a keyframes
driver of `animate`, a batch job and the web app's keyframes: the hair cut in a step by the far temple, 17 hard
edges in `FAR_HAIR` where the photo has 1), and a batch still was ended without its note. Now each keyframe's yaw
is ended on the portrait and said in the one wording (`slider_room.yaw_note`, led by the keyframe's time)."""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest

from facereel.animate import PortraitAnimator
from facereel.animate.options import AnimateOptions
from facereel.batch.jobs import BatchJob
from facereel.batch.worker import run_job
from facereel.engines.mesh.figures.edge_steps import box_edges
from facereel.media.image import read_image, write_image
from facereel.motion.sliders import Sliders

FAR_HAIR = (80, 60, 200, 170)
"""(x0, y0, x1, y1) px: the far temple's hair and the wall beside it at yaw 30 (tests/animate/test_slider_room.py:
`edge_steps.box_edges` hard count, the photo 1, the still edit before h31-sliders 17)."""

HARD_MOST = 8
"""Hard edges allowed in `FAR_HAIR` (a clean 15 deg turn: 7; the fitted 17 deg: 4)."""

FPS = 10.0
"""Frames per second of the test clips (small: 0.4 s at 10 fps is 5 frames, frame 0 the portrait)."""


@pytest.fixture(scope="module")
def glasses(shared_data, tmp_path_factory) -> Path:
    """lp_d19's frame 0 as a PNG portrait."""
    with av.open(str(shared_data / "driving" / "lp_d19.mp4")) as video:
        frame = next(video.decode(video=0)).to_ndarray(format="rgb24")
    path = tmp_path_factory.mktemp("glasses") / "glasses.png"
    write_image(path, frame)
    return path


def _keyframes(folder: Path) -> Path:
    path = folder / "turn.json"
    path.write_text(json.dumps({"fps": FPS, "keyframes": [{"time": 0.4, "yaw": 30, "smile": 0.3}]}))
    return path


def _ended(notes: list[str], frame: np.ndarray) -> None:
    assert len(notes) == 1 and notes[0].startswith("keyframe at 0.4 s: --yaw 30 turned ") and "\n" not in notes[0]
    hard = box_edges(frame, FAR_HAIR)[0]
    assert hard <= HARD_MOST, f"{hard} hard edges by the far temple at the keyframe"


@pytest.mark.slow
def test_edit_video_ends_each_keyframes_yaw(glasses: Path) -> None:
    notes: list[str] = []
    clip = PortraitAnimator("mesh").edit_video(glasses, [(0.4, Sliders(yaw=30, smile=0.3))], fps=FPS,
                                               on_note=notes.append)
    assert len(clip) == 5
    _ended(notes, clip.frames[-1])


@pytest.mark.slow
def test_a_keyframes_driver_ends_its_yaw(glasses: Path, tmp_path: Path) -> None:
    """`facereel animate -d turn.json`, a batch job's clip and the web app's keyframes (all a keyframes driver)."""
    notes: list[str] = []
    clip = PortraitAnimator("mesh")(glasses, _keyframes(tmp_path), on_note=notes.append)
    _ended(notes, clip.frames[-1])


def test_a_batch_still_says_its_ended_yaw(glasses: Path, tmp_path: Path) -> None:
    job = BatchJob(glasses, str(_keyframes(tmp_path)), "turned.png", AnimateOptions(engine="mesh"), "jobs.csv:2")
    result = run_job(job, tmp_path, "cpu")
    assert result.status == "done", result.error
    assert len(result.notes) == 1 and result.notes[0].startswith("--yaw 30 turned ")
    assert box_edges(read_image(tmp_path / "turned.png"), FAR_HAIR)[0] <= HARD_MOST


@pytest.mark.slow
def test_a_per_face_keyframes_driver_ends_its_yaw(glasses: Path, shared_data: Path, tmp_path: Path) -> None:
    """`animate -d 0=turn.json -d 1=preset:talk` on two people (the glasses face left, lp_s1 right, 480 px high):
    before h32-sfi the per-face keyframes drove face 0 the full 30 deg with no note (the far temple's hair torn as
    a single face's was before h31-sliders2); now ended as one face's keyframes are, said led by its face."""
    from group_photo import side_by_side

    pair = tmp_path / "pair.png"
    write_image(pair, side_by_side([read_image(glasses), read_image(shared_data / "portraits" / "lp_s1.jpg")], 480))
    notes: list[str] = []
    clip = PortraitAnimator("mesh")(pair, {0: _keyframes(tmp_path), 1: "preset:talk"}, on_note=notes.append)
    turned = [note for note in notes if "--yaw" in note]
    assert len(turned) == 1 and turned[0].startswith("face 0: keyframe at 0.4 s: --yaw 30 turned "), notes
    hard = box_edges(clip.frames[4], FAR_HAIR)[0]
    assert hard <= HARD_MOST, f"{hard} hard edges by face 0's far temple at the keyframe"
