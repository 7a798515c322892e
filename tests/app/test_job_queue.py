"""The job list: persistence across server restarts, cancel, delete and --keep-days, on the real engines."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from app_requests import AppClient, rendering, submit, wait_job
from starlette.testclient import TestClient

import facereel.app.job_queue as queue_module
from facereel.app.cleanup import DAY_S, Cleanup
from facereel.app.job import INTERRUPTED
from facereel.app.server import create_app
from facereel.app.spec import JobSpec, run_spec

UPLOADS = ["driving.npz", "job.json", "portrait.png"]  # a template job's folder without a result


def _files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _record(folder: Path) -> dict:
    return json.loads((folder / "job.json").read_text())


def _one_line(response_json: dict, *must_contain: str) -> None:
    detail = response_json["detail"]
    assert "\n" not in detail and "Traceback" not in detail, detail
    for text in must_contain:
        assert text in detail, detail


def test_cancel_running_job_stops_early_without_result(client: TestClient, astronaut_png: Path,
                                                       long_template: Path, tmp_path: Path) -> None:
    job_id = submit(client, astronaut_png, long_template)["id"]
    wait_job(client, job_id, rendering)
    answer = client.post(f"/api/jobs/{job_id}/cancel")
    assert answer.status_code == 200 and answer.json()["cancelling"], answer.text
    job = wait_job(client, job_id)
    # Stopped at its next frame: at most the one frame counted between the cancel and the answer's read (a
    # bound on frames, not on time, so a loaded machine rendering more frames before the cancel lands is fine).
    assert job["status"] == "cancelled" and job["total"] == 1500, job
    assert 0 < job["done"] <= answer.json()["done"] + 1 < 1500, (job, answer.json())
    folder = tmp_path / "work" / "jobs" / job_id
    assert _files(folder) == UPLOADS  # neither result.mp4 nor the writer's temporary file
    assert _record(folder)["status"] == "cancelled"
    assert client.get(f"/api/jobs/{job_id}/video").status_code == 404
    again = client.post(f"/api/jobs/{job_id}/cancel")
    assert again.status_code == 409
    _one_line(again.json(), "already cancelled")


def test_cancel_queued_job_at_once_and_the_queue_goes_on(client: TestClient, astronaut_png: Path,
                                                         long_template: Path, short_template: Path,
                                                         tmp_path: Path) -> None:
    first = submit(client, astronaut_png, long_template)["id"]
    queued = submit(client, astronaut_png, short_template)["id"]
    after = submit(client, astronaut_png, short_template)["id"]
    job = client.post(f"/api/jobs/{queued}/cancel").json()
    assert (job["status"], job["queue_position"], job["done"]) == ("cancelled", None, 0), job
    assert client.get(f"/api/jobs/{after}").json()["queue_position"] == 0
    client.post(f"/api/jobs/{first}/cancel")
    assert wait_job(client, after)["status"] == "done"
    assert client.get(f"/api/jobs/{queued}").json()["status"] == "cancelled"
    assert _files(tmp_path / "work" / "jobs" / queued) == UPLOADS


def test_delete_and_its_404_and_409_answers(client: TestClient, astronaut_png: Path, long_template: Path,
                                            short_template: Path, tmp_path: Path) -> None:
    done = wait_job(client, submit(client, astronaut_png, short_template)["id"])
    assert done["status"] == "done"
    running = submit(client, astronaut_png, long_template)["id"]
    queued = submit(client, astronaut_png, short_template)["id"]
    for job_id, status in ((running, "running"), (queued, "queued")):
        refused = client.delete(f"/api/jobs/{job_id}")
        assert refused.status_code == 409
        _one_line(refused.json(), status, "cancel it first")
    finished = client.post(f"/api/jobs/{done['id']}/cancel")
    assert finished.status_code == 409
    _one_line(finished.json(), "already done")

    assert client.delete(f"/api/jobs/{done['id']}").status_code == 204
    assert not (tmp_path / "work" / "jobs" / done["id"]).exists()
    assert done["id"] not in [job["id"] for job in client.get("/api/jobs").json()]
    for method, url in (("GET", ""), ("DELETE", ""), ("POST", "/cancel"), ("GET", "/video")):
        answer = client.request(method, f"/api/jobs/{done['id']}{url}")
        assert answer.status_code == 404, (method, url)
        _one_line(answer.json(), done["id"])
    for job_id in (queued, running):
        client.post(f"/api/jobs/{job_id}/cancel")


@pytest.mark.slow
def test_jobs_survive_a_restart(tmp_path: Path, astronaut_png: Path, faceless_png: Path, long_template: Path,
                                short_template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finished jobs are listed as they were, queued ones run in their old order, the running one is
    marked interrupted and its half-written output is gone."""
    workdir = tmp_path / "work"
    with AppClient(create_app(workdir)) as client:
        done = wait_job(client, submit(client, astronaut_png, short_template)["id"])
        failed = wait_job(client, submit(client, faceless_png)["id"])
        video = client.get(done["video"]).content
        running = submit(client, astronaut_png, long_template)["id"]
        queued = [submit(client, astronaut_png, short_template)["id"] for _ in range(4)]
        client.post(f"/api/jobs/{queued[1]}/cancel")
        wait_job(client, running, rendering)
        before = client.get("/api/jobs").json()
    # the server stopped while `running` ran; as if it had been killed while writing, leave a temporary output
    folder = workdir / "jobs" / running
    assert _record(folder)["status"] == "running" and _files(folder) == UPLOADS
    (folder / ".result.x1y2.mp4").write_bytes(b"\0" * 1000)

    started: list[str] = []

    def tracked(spec: JobSpec, output: Path, *args: object) -> int:
        started.append(output.parent.name)
        return run_spec(spec, output, *args)

    monkeypatch.setattr(queue_module, "run_spec", tracked)
    with AppClient(create_app(workdir)) as client:
        after = client.get("/api/jobs").json()
        assert [job["id"] for job in after] == [job["id"] for job in before]  # newest first
        jobs = {job["id"]: job for job in after}
        assert jobs[done["id"]] == done and jobs[failed["id"]] == failed
        assert client.get(done["video"]).content == video
        assert jobs[running]["status"] == "failed" and jobs[running]["error"] == INTERRUPTED
        assert _files(folder) == UPLOADS
        assert jobs[queued[1]]["status"] == "cancelled"
        waiting = [queued[0], queued[2], queued[3]]
        assert all(wait_job(client, job_id)["status"] == "done" for job_id in waiting)
        assert started == waiting
        newest = submit(client, faceless_png)["id"]
        assert client.get("/api/jobs").json()[0]["id"] == newest


def _age(folder: Path, days: float) -> None:
    """Make the job in `folder` (its record, and the folder's times) `days` old."""
    record = _record(folder)
    then = time.time() - days * DAY_S
    record["created"] = then
    if record["finished"] is not None:
        record["finished"] = then
    (folder / "job.json").write_text(json.dumps(record))
    os.utime(folder / "job.json", (then, then))
    os.utime(folder, (then, then))


def test_keep_days_removes_old_finished_jobs_only(tmp_path: Path, astronaut_png: Path, faceless_png: Path,
                                                  long_template: Path, short_template: Path) -> None:
    workdir = tmp_path / "work"
    jobs_folder = workdir / "jobs"
    with AppClient(create_app(workdir)) as client:
        old, recent = (submit(client, faceless_png)["id"] for _ in range(2))
        running = submit(client, astronaut_png, long_template)["id"]
        queued = submit(client, astronaut_png, short_template)["id"]
        wait_job(client, running, rendering)
    _age(jobs_folder / old, 10)
    _age(jobs_folder / recent, 6)
    _age(jobs_folder / queued, 30)  # queued long ago: still waits for its turn
    (jobs_folder / "leftover").mkdir()  # an upload cut short: no job.json
    (jobs_folder / "old-leftover").mkdir()
    os.utime(jobs_folder / "old-leftover", (time.time() - 8 * DAY_S,) * 2)

    app = create_app(workdir, keep_days=7)
    with AppClient(app) as client:
        listed = {job["id"] for job in client.get("/api/jobs").json()}
        assert listed == {recent, running, queued}
        assert sorted(path.name for path in jobs_folder.iterdir()) == sorted([recent, running, queued, "leftover"])
        client.post(f"/api/jobs/{queued}/cancel")
        # later sweeps (hourly in the app) remove jobs as they age
        app.state.jobs.get(recent).finished = time.time() - 7.5 * DAY_S
        cleanup = Cleanup(app.state.jobs, keep_days=7, interval_s=0.05)
        try:
            wait_job(client, recent, lambda job: "detail" in job)
        finally:
            cleanup.stop()
        assert not (jobs_folder / recent).exists() and (jobs_folder / running).exists()
