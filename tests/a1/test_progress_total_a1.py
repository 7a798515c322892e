"""The a1 engine reports its frame total (`PortraitAnimator`'s `on_total`) as the mesh engine does: once, before
the first generated frame, equal to the frames written (the driver's duration at the output fps, windows
overlapped), and its progress counts output frames up to that total: a photo source, a video source and the a1
still. Tiny random weights (32x48, 9-frame windows), CPU."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from photo_frames import SMILE, save_frames
from progress_recorder import run_recorded

from facereel.animate import AnimateOptions, PortraitAnimator
from facereel.cli.main import main
from facereel.animate.frame_progress import rescaled
from facereel.engines.a1 import A1Options
from facereel.media.image import write_image
from facereel.motion.presets import preset_motion

from .conftest import SMALL

ONE_STEP = A1Options(**{**SMALL, "steps": 1, "blend_steps": (0, 0)})  # frame counts only: one denoising step


def _animator(weights: Path, **settings: object) -> PortraitAnimator:
    return PortraitAnimator(options=AnimateOptions(engine="a1", weights=str(weights), a1=ONE_STEP, **settings),
                            device="cpu")


def test_a_driving_video_and_a_preset(tmp_path: Path, astronaut: np.ndarray, astronaut_video: Path,
                                      tiny_weights: Path) -> None:
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    recorder = run_recorded(_animator(tiny_weights).to_file, src, astronaut_video, tmp_path / "out.mp4")
    assert recorder.calls[0] == ("total", 12)  # the driver's 12 frames at its 25 fps (5 model frames, 1 window)
    talk = preset_motion("talk", seconds=1.6)  # 40 frames at 25 fps (1.56 s): 19 model frames, 4 windows
    recorder = run_recorded(_animator(tiny_weights, fps=30.0), astronaut, talk)
    assert recorder.calls[0] == ("total", 48)  # 1.56 s at 30 fps
    assert sum(n > 0 for kind, n in recorder.calls if kind == "done") == 4  # in frames, a window's at a time


def test_a_video_source(astronaut_video: Path, tiny_weights: Path) -> None:
    talk = preset_motion("talk", seconds=0.2)  # 5 frames: shorter than the 12-frame source
    recorder = run_recorded(_animator(tiny_weights), astronaut_video, talk)
    assert ("total", len(talk)) in recorder.calls


def test_the_a1_still(tmp_path: Path, shared_data: Path, astronaut: np.ndarray, tiny_weights: Path) -> None:
    neutral, smile = save_frames(shared_data / "driving" / f"{SMILE[0]}.mp4", (0, SMILE[1]), tmp_path)
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    recorder = run_recorded(_animator(tiny_weights, driving_reference=neutral).to_file, src, smile,
                            tmp_path / "still.png")
    assert recorder.calls[0] == ("total", 1)


@pytest.mark.parametrize(("given", "total"), [(13, 12), (5, 49), (21, 1), (7, 7), (1, 0)])
def test_rescaled_progress_sums_to_the_total(given: int, total: int) -> None:
    """Units of `given` passed on as units of `total`, in uneven chunks with heartbeats between."""
    seen: list[int] = []
    report = rescaled(seen.append, given, total)
    fed = 0
    for n in itertools.cycle([3, 0, 1, 5, 0, 2]):  # the last chunk may overshoot `given`: the rest is ignored
        if fed >= given:
            break
        report(n)
        fed += n
        assert sum(seen) == min(fed, given) * total // given
    assert sum(seen) == total and min(seen) >= 0 and 0 in seen


def test_the_cli_bar_shows_the_a1_total(capsys: pytest.CaptureFixture[str], tmp_path: Path, astronaut: np.ndarray,
                                        astronaut_video: Path, tiny_weights: Path) -> None:
    """`facereel animate`'s bar takes the total from `on_total`, as for the mesh engine (the web app's job
    `total` and batch take it from the same callback)."""
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    code = main(["animate", "--engine", "a1", "--weights", str(tiny_weights), "--device", "cpu", "--steps", "1",
                 "-s", str(src), "-d", str(astronaut_video), "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err
    assert code == 0 and "animating:   0%|          | 0/12 " in err and "out.mp4: 12 frames" in err, err
