"""Per-face drivers in a job file: `driving` = `0=a.mp4;1=preset:talk`, and `face-index` = all."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from batch_cli import run_batch
from group_photo import side_by_side

from facereel.animate.faces import held_note
from facereel.media.image import write_image
from facereel.media.video import probe_frames


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray, grace_hopper: np.ndarray) -> Path:
    folder = tmp_path_factory.mktemp("pair")
    write_image(folder / "pair.png", side_by_side([astronaut, grace_hopper], 256))
    return folder


@pytest.mark.slow
def test_job_file_with_per_face_drivers(capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: Path,
                                        astronaut_video: Path) -> None:
    jobs = pair / "jobs.csv"
    (pair / "drv.mp4").write_bytes(astronaut_video.read_bytes())
    jobs.write_text("source,driving,face-index\n"
                    "pair.png,0=drv.mp4;1=preset:smile,\n"
                    "pair.png,preset:blink,all\n"
                    "pair.png,2=preset:talk,\n")
    out = tmp_path / "out"
    assert run_batch(str(jobs), "-o", str(out)) == 1
    err = capsys.readouterr().err
    report = {row["output"]: row for row in map(json.loads, (out / "batch-report.jsonl").read_text().splitlines())}
    assert report["pair__0-drv_1-preset-smile.mp4"]["status"] == "done"
    assert probe_frames(out / "pair__0-drv_1-preset-smile.mp4") == 50  # the longer driver (preset:smile)
    # face 0's 12-frame driver ended: the job's report row and its stderr line say so, in animate's wording
    held = [note for note in report["pair__0-drv_1-preset-smile.mp4"]["notes"] if note.startswith("per-face drivers:")]
    assert held == [held_note({0: 12}, 50)], report
    line = next(line for line in err.splitlines() if "done pair__0-drv_1-preset-smile.mp4" in line)
    assert line.endswith(f"; {held[0]}"), err
    assert report["pair__preset-blink.mp4"]["status"] == "done"
    failed = report["pair__2-preset-talk.mp4"]
    assert failed["status"] == "failed" and "the portrait has 2 face(s)" in failed["error"]


def test_missing_per_face_driver_is_one_line_before_any_work(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                             pair: Path) -> None:
    jobs = pair / "bad.csv"
    jobs.write_text("source,driving\npair.png,0=preset:talk;1=gone.mp4\n")
    assert run_batch(str(jobs), "-o", str(tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"facereel: error: {jobs}:2: driving file not found") and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
