"""`--face-index N` (N >= 1) with a driver that has one face's motion (a preset, a template, a keyframes file)
is refused with the one-line error a driving video lacking that face gives (`numbering.missing_face_error`), exit
code 2, before any work, by the CLI's output check, the API (`PortraitAnimator`) and batch job files alike
(`animate.driver_texts.refuse_missing_driver_face`). Before (h36-fresh), `-d preset:talk --face-index 3` rendered
without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from facereel.animate import PortraitAnimator
from facereel.animate.driver_texts import refuse_missing_driver_face
from facereel.batch.jobs import read_jobs
from facereel.cli.main import main
from facereel.errors import InputError

SAYS = "no face number 3 in any frame: at most 1 face(s) in a frame, numbered 0..0 from the left (--face-index)"


@pytest.mark.parametrize("suffix", [".mp4", ".png"])
def test_the_cli_refuses_a_preset_in_one_line_before_any_work(suffix, shared_data, tmp_path, capsys) -> None:
    output = tmp_path / f"out{suffix}"
    code = main(["animate", "-s", str(shared_data / "portraits" / "lp_s1.jpg"), "-d", "preset:talk",
                 "--face-index", "3", "-o", str(output)])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1 and lines[0].endswith(f"preset:talk: {SAYS}"), lines
    assert list(tmp_path.iterdir()) == []


def test_the_api_refuses_before_any_work(shared_data, tmp_path) -> None:
    portrait = shared_data / "portraits" / "lp_s1.jpg"
    with pytest.raises(InputError, match=SAYS.replace("(", r"\(").replace(")", r"\)")):
        PortraitAnimator("mesh", face_index=3).to_file(portrait, "preset:talk", tmp_path / "out.mp4")
    assert list(tmp_path.iterdir()) == []


def test_a_job_file_row_is_refused_with_its_line(shared_data, tmp_path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving,output,face_index\n{shared_data / 'portraits' / 'lp_s1.jpg'},preset:talk,a.mp4,3\n")
    with pytest.raises(InputError, match="jobs.csv:2: .*no face number 3 in any frame"):
        read_jobs(jobs, lambda overrides: PortraitAnimator("mesh", **overrides).options)


@pytest.mark.parametrize("driving", ["preset:talk", "talk.npz", "edit.json"])
def test_one_face_drivers_take_face_0_and_refuse_face_1(driving) -> None:
    refuse_missing_driver_face(driving, 0)
    refuse_missing_driver_face(driving, None)
    with pytest.raises(InputError, match=r"no face number 1 in any frame: at most 1 face"):
        refuse_missing_driver_face(driving, 1)


@pytest.mark.parametrize("driving", ["two.mp4", "face.jpg", Path("clip.mov")])
def test_videos_and_photos_are_left_to_their_tracking(driving) -> None:
    """A video or a photo may show several faces: their tracking refuses a face number they lack."""
    refuse_missing_driver_face(driving, 3)
