"""A driver whose face is gone for a while (`faceless_driver`): `animate` says how many frames had no face and
where, in the wording `live` uses, and the API hands the frames back (`AnimatedVideo.faceless`, `summary`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from faceless_driver import AFTER, BEFORE, BLACK, NOTE, blacked_out_driver

from facereel.animate import PortraitAnimator
from facereel.cli.main import main


@pytest.fixture(scope="module")
def blacked_out(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return blacked_out_driver(shared_data, tmp_path_factory.mktemp("faceless") / "lp_d19_black.mp4")


def test_animate_says_the_frames_without_a_face(capsys: pytest.CaptureFixture[str], shared_data: Path,
                                                blacked_out: Path, tmp_path: Path) -> None:
    code = main(["animate", "-s", str(shared_data / "portraits" / "lp_s0.jpg"), "-d", str(blacked_out),
                 "--size", "256", "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert NOTE in err.splitlines(), err


def test_api_hands_back_the_frames_without_a_face(shared_data: Path, blacked_out: Path) -> None:
    video = PortraitAnimator(size=256)(shared_data / "portraits" / "lp_s0.jpg", blacked_out)
    assert len(video) == BEFORE + BLACK + AFTER
    assert video.faceless == list(range(BEFORE, BEFORE + BLACK))
    assert video.summary() == f"20 frames at 25 fps; {NOTE}"
