"""Photo drivers in a job file: a still (.png by default) and an eased clip; the neutral photo is relative to
the job file, like the other paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_cli import run_batch
from batch_settings import SIZE
from photo_frames import SMILE, save_frames

from facereel.media.image import read_image
from facereel.media.video import open_video, probe_frames


def test_photo_driver_jobs(capsys: pytest.CaptureFixture[str], tmp_path: Path, portraits: Path, shared_data: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    neutral, smile = save_frames(shared_data / "driving" / f"{SMILE[0]}.mp4", (0, SMILE[1]), folder)
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        f'{{"source": "{portraits / "astronaut.png"}", "driving": "in/{smile.name}", "driving_reference": "in/{neutral.name}"}}\n'
        f'{{"source": "{portraits / "astronaut.png"}", "driving": "in/{smile.name}", "driving_reference": "in/{neutral.name}", '
        f'"duration": 0.2, "output": "clip.mp4"}}\n')
    out = tmp_path / "out"
    assert run_batch(str(jobs), "-o", str(out), "--size", SIZE, "--quiet") == 0, capsys.readouterr().err
    still = out / f"astronaut__{smile.stem}.png"
    assert read_image(still).shape == (int(SIZE), int(SIZE), 3)
    assert probe_frames(out / "clip.mp4") == 5
    with open_video(out / "clip.mp4") as video:
        assert video.fps == pytest.approx(25.0)
    jobs.write_text(f'{{"source": "{portraits / "astronaut.png"}", "driving": "in/{smile.name}", "output": "x.mp4"}}\n')
    assert run_batch(str(jobs), "-o", str(tmp_path / "bad"), "--quiet") == 2
    assert "relative image (.jpg" in capsys.readouterr().err
