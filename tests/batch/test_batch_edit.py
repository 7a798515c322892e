"""Batch jobs that are expression edits: slider keyframes (.json) as a job's driving input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from batch_cli import run_batch

from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_image
from facereel.media.video import open_video
from facereel.motion.features import INDEX, expression_features


def eye_open_left(image: np.ndarray) -> float:
    return float(expression_features(estimate_pose(track_image(image).landmarks)[1])[0, INDEX["eye_open_left"]])


def test_a_keyframes_job_animates_the_edit(capsys: pytest.CaptureFixture[str], tmp_path: Path, portraits: Path) -> None:
    (tmp_path / "wink.json").write_text(json.dumps({"fps": 10, "keyframes": [
        {"time": 0.3, "blink_left": 1}, {"time": 0.8, "blink_left": 1}]}))
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(json.dumps({"source": str(portraits / "astronaut.png"), "driving": "wink.json",
                                "output": "wink.mp4", "smooth": 0}) + "\n")
    assert run_batch(str(jobs), "-o", str(tmp_path / "out"), "--quiet") == 0, capsys.readouterr().err
    with open_video(tmp_path / "out" / "wink.mp4") as video:
        frames = list(video.frames())
    assert len(frames) == 1 + 8
    assert eye_open_left(frames[-1]) < eye_open_left(frames[0]) - 0.1  # the left eye shut as the keyframes say


def test_bad_keyframes_fail_the_job_list_before_any_work(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                         portraits: Path) -> None:
    (tmp_path / "bad.json").write_text(json.dumps({"keyframes": [{"time": 1, "smile": 7}]}))
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(json.dumps({"source": str(portraits / "astronaut.png"), "driving": "bad.json"}) + "\n")
    out = tmp_path / "out"
    assert run_batch(str(jobs), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert f"{jobs}:1: {tmp_path / 'bad.json'}: bad keyframes: keyframe 0: --smile must be between" in err
    assert err.count("\n") == 1 and not out.exists()
