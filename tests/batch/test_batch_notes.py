"""A job's notes (`on_note`: what `facereel animate` says on stderr) in its report row and on its progress line: a
real driver whose face is gone for 8 frames (`faceless_driver`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_cli import run_batch
from faceless_driver import NOTE, blacked_out_driver


def test_a_job_notes_the_drivers_frames_without_a_face(capsys: pytest.CaptureFixture[str], shared_data: Path,
                                                       tmp_path: Path) -> None:
    driver = blacked_out_driver(shared_data, tmp_path / "lp_d19_black.mp4")
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving,output,size\n{shared_data / 'portraits' / 'lp_s0.jpg'},{driver},s0.mp4,256\n")
    out = tmp_path / "out"
    assert run_batch(str(jobs), "-o", str(out)) == 0
    err = capsys.readouterr().err
    (row,) = map(json.loads, (out / "batch-report.jsonl").read_text().splitlines())
    assert row["status"] == "done" and NOTE in row["notes"], row
    line = next(line for line in err.splitlines() if "done s0.mp4" in line)
    assert f"; {NOTE}" in line, err
