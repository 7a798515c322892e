"""Batch jobs that are expression edits: slider keyframes (.json) as a job's driving input, written as a clip
(.mp4) or as the still of the last keyframe (an image output)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from batch_cli import run_batch

from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_image
from facereel.media.image import read_image
from facereel.media.video import open_video
from facereel.motion.features import INDEX, expression_features


def features(image: np.ndarray) -> np.ndarray:
    """Re-tracked expression features of the face in `image` (facereel.motion.features)."""
    return expression_features(estimate_pose(track_image(image).landmarks)[1])[0]


def eye_open_left(image: np.ndarray) -> float:
    return float(features(image)[INDEX["eye_open_left"]])


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


def test_a_keyframes_job_with_an_image_output_writes_the_still(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                                portraits: Path, astronaut: np.ndarray) -> None:
    (tmp_path / "open.json").write_text(json.dumps({"keyframes": [{"time": 1, "mouth_open": 1, "blink_right": 1}]}))
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving,output\n{portraits / 'astronaut.png'},open.json,open.png\n"
                    f"{portraits / 'astronaut.png'},preset:talk,talk.png\n")
    assert run_batch(str(jobs), "-o", str(tmp_path / "out"), "--quiet") == 2  # a still needs slider keyframes
    assert "jobs.csv:3: output must be a relative .mp4 name" in capsys.readouterr().err
    jobs.write_text(f"source,driving,output\n{portraits / 'astronaut.png'},open.json,open.png\n")
    assert run_batch(str(jobs), "-o", str(tmp_path / "out"), "--quiet") == 0, capsys.readouterr().err
    before, after = features(astronaut), features(read_image(tmp_path / "out" / "open.png"))
    assert after[INDEX["mouth_open"]] > before[INDEX["mouth_open"]] + 0.08
    assert after[INDEX["eye_open_right"]] < before[INDEX["eye_open_right"]] - 0.1


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
