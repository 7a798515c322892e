"""`facereel batch --ray`: a local Ray cluster (this machine's 2 CPUs: the tests' `ray_cluster`) runs a mixed job
list of real faces from ../shared/data (mesh engine) with one bad row; every good job finishes once with the same
frames as in one process, the bad one is reported; a Ray worker killed (SIGKILL) mid-job leads to a retry and one
correct output, with no partial file left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from batch_cli import run_batch
from batch_settings import SIZE
from process_files import holder

from facereel.batch.report import REPORT_NAME
from facereel.media.video import open_video


def _frames(path: Path) -> np.ndarray:
    with open_video(path) as video:
        return np.stack(list(video.frames()))


def test_ray_runs_the_list_and_retries_a_killed_worker(tmp_path: Path, shared_data: Path, faceless: Path,
                                                       ray_cluster: str) -> None:
    sources = [shared_data / "portraits" / name for name in ("lp_s0.jpg", "sr_4.png")]
    jobs = tmp_path / "jobs.csv"
    rows = [f"{s},preset:{d},{s.stem}_{d}.mp4" for s in sources for d in ("talk", "demo")]
    jobs.write_text("source,driving,output\n" + "\n".join([*rows, f"{faceless},preset:talk,bad.mp4"]) + "\n")
    out = tmp_path / "ray"
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("batch_cli.py")), str(jobs), "-o",
                                str(out), "--size", SIZE, "--crf", "0", "--ray"], stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "RAY_ADDRESS": ray_cluster}, start_new_session=True)
    # Kill the Ray worker writing the first output seen being written (atomic writer: `.<stem>.<random>.mp4`).
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and process.poll() is None and time.monotonic() < deadline:
        killed = holder(str(out / "."))
        time.sleep(0.02)
    assert killed is not None, "no output was seen being written"
    os.kill(killed[0], signal.SIGKILL)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 1, err[-2000:]  # one failed job

    report = [json.loads(line) for line in (out / REPORT_NAME).read_text().splitlines()]
    assert sorted(r["output"] for r in report) == sorted(["bad.mp4", *(row.split(",")[2] for row in rows)])
    assert {r["output"]: r["status"] for r in report}["bad.mp4"] == "failed"
    assert all(r["status"] == "done" for r in report if r["output"] != "bad.mp4")
    assert all(r["device"].startswith("ray:") for r in report if r["status"] == "done")
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # the killed attempt's file is gone
    assert err.count("\n") >= 1 and "Traceback" not in err

    # The same outputs as one process makes (the mesh engine is deterministic; lossless files, as lossy x264
    # encoded a block differently now and then on a loaded machine for the same frames).
    assert run_batch(str(jobs), "-o", str(tmp_path / "one"), "--size", SIZE, "--crf", "0", "--quiet") == 1
    for row in rows:
        name = row.split(",")[2]
        assert np.array_equal(_frames(out / name), _frames(tmp_path / "one" / name)), name
    assert Path(killed[1]).name.startswith(".")


def test_ray_and_devices_together_are_refused(tmp_path: Path, faceless: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving\n{faceless},preset:talk\n")
    assert run_batch(str(jobs), "-o", str(tmp_path / "out"), "--ray", "--devices", "cpu") == 2


@pytest.mark.parametrize("spread, across", [(["--workers", "cpu,cpu"], ["--devices", "cpu"]),
                                            ([], ["--ray"])])
def test_workers_with_devices_or_ray_are_refused(capsys, tmp_path: Path, faceless: Path, spread, across) -> None:  # noqa: ANN001
    """A job's windows over several workers (`--workers`, here or in a job's column) or each job on its own
    worker (`--devices` / `--ray`): one or the other, refused in one line before any work."""
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving,workers\n{faceless},preset:talk,\n{faceless},preset:demo,ray\n")
    assert run_batch(str(jobs), "-o", str(tmp_path / "out"), "--engine", "a1", "--weights", str(tmp_path),
                     *spread, *across) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot be combined with --devices or --ray" in err, err
    assert err.startswith(f"facereel: error: {jobs}:2: " if spread else f"facereel: error: {jobs}:3: ")
    assert not (tmp_path / "out").exists()


def test_without_ray_says_how_to_install(monkeypatch, capsys, tmp_path: Path, faceless: Path) -> None:  # noqa: ANN001
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError, as when it is not installed
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving\n{faceless},preset:talk\n")
    assert run_batch(str(jobs), "-o", str(tmp_path / "out"), "--ray") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "pip install 'facereel[ray]'" in err
