"""Batch refuses duplicate outputs however they are spelled; a face index past the faces there are says how
many there are; native log lines (absl/glog, with or without a date) never reach the terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from robustness_checks import assert_one_line_error, run_cli

from facereel.cli.native_logs import NativeLogFilter


def test_batch_same_output_spelled_twice(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving,output\n{portrait_png},preset:blink,a.mp4\n{portrait_png},preset:talk,./a.mp4\n")
    code, err = run_cli(capsys, "batch", str(jobs), "-o", str(tmp_path / "out"))
    assert_one_line_error(code, err, "jobs.csv:3", "a.mp4 is also written by", "jobs.csv:2")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jobs.csv"]


def test_face_index_past_the_faces_says_how_many(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 astronaut_video: Path, portrait_png: Path) -> None:
    for argv in (["extract-motion", str(astronaut_video), "--face-index", "99", "-o", str(tmp_path / "m.npz")],
                 ["animate", "-s", str(portrait_png), "-d", str(astronaut_video), "--face-index", "99",
                  "-o", str(tmp_path / "a.mp4")]):
        code, err = run_cli(capsys, *argv)
        assert_one_line_error(code, err, str(astronaut_video), "no face number 99", "at most 1 face(s)")
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "--source-face-index", "3", "-d", "preset:blink",
                        "-o", str(tmp_path / "a.mp4"))
    assert_one_line_error(code, err, str(portrait_png), "no face number 3", "the image has 1")
    assert list(tmp_path.iterdir()) == []


def test_native_log_lines_are_dropped(capfd: pytest.CaptureFixture[str]) -> None:
    lines = [b"I0000 00:00:1796055799.654098   17287 gl_context.cc:357] GL version: 3.2\n",
             b"I1130 16:19:49.095000 27680 face_landmarker_graph.cc:174] Sets FaceBlendshapesGraph acceleration\n",
             b"W1130 16:19:49.213000 27680 inference_feedback_manager.cc:114] Feedback manager requires a model\n",
             b"INFO: Created TensorFlow Lite XNNPACK delegate for CPU.\n",
             b"facereel: wrote out.mp4: 10 frames\n"]
    with NativeLogFilter():
        for line in lines:  # in pieces, as native threads write
            os.write(2, line[:7])
            os.write(2, line[7:])
    assert capfd.readouterr().err == "facereel: wrote out.mp4: 10 frames\n"


def test_missing_camera_is_one_line(capfd: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path) -> None:
    """Opening a camera that is not there: OpenCV's native probing errors (V4L2, obsensor) stay off the
    terminal, our one line says it."""
    from facereel.cli.main import main

    code = main(["--quiet", "live", "-s", str(portrait_png), "--camera", "99", "--no-window", "--frames", "1",
                 "-o", str(tmp_path / "out.mp4")])
    assert_one_line_error(code, capfd.readouterr().err, "cannot open camera 99")
    assert list(tmp_path.iterdir()) == []
