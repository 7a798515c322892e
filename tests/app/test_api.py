"""The JSON API with the framework's test client, on real portraits and the real engines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from app_requests import AppClient, submit
from faceless_driver import NOTE, blacked_out_driver
from starlette.testclient import TestClient

import facereel.app.job_queue as queue_module
from facereel.app.server import create_app
from facereel.app.spec import JobSpec, run_spec
from facereel.media.video import probe_frames
from facereel.motion.presets import preset_motion

WaitFor = Callable[..., dict]


def test_astronaut_with_preset_talk_gives_a_seekable_mp4(client: TestClient, wait_for: WaitFor, astronaut_png: Path, tmp_path: Path) -> None:
    job = wait_for(submit(client, astronaut_png, regions="expression,pose", multiplier="1.2")["id"])
    expected = len(preset_motion("talk"))
    assert job["status"] == "done", job
    assert (job["done"], job["total"], job["frames"]) == (expected, expected, expected)
    video = client.get(job["video"])
    assert video.status_code == 200 and video.headers["content-type"] == "video/mp4"
    assert video.headers["accept-ranges"] == "bytes"
    (tmp_path / "result.mp4").write_bytes(video.content)
    assert probe_frames(tmp_path / "result.mp4") == expected
    part = client.get(job["video"], headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == video.content[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(video.content)}"
    download = client.get(job["video"] + "?download=1")
    assert download.headers["content-disposition"].startswith("attachment")


def test_demo_portrait_with_an_uploaded_template(client: TestClient, wait_for: WaitFor, tmp_path: Path) -> None:
    motion = preset_motion("blink", seconds=0.6)
    motion.save(tmp_path / "blink.npz")
    with (tmp_path / "blink.npz").open("rb") as handle:
        response = client.post("/api/jobs", data={"portrait_demo": "1", "driving_kind": "template", "side_by_side": "on"},
                               files={"driving": ("blink.npz", handle, "application/octet-stream")})
    job = wait_for(response.json()["id"])
    assert job["status"] == "done" and job["frames"] == len(motion), job


def test_a_video_posted_as_a_template_is_refused_when_posted(client: TestClient, shared_data: Path) -> None:
    """A driving .mp4 sent as `driving_kind=template` is answered 400 at once, one line naming the upload and no
    Python class name (it was accepted, 201, and failed when run: "not a facereel motion template (ValueError)")."""
    with (shared_data / "driving" / "lp_d18.mp4").open("rb") as handle:
        response = client.post("/api/jobs", data={"portrait_demo": "1", "driving_kind": "template"},
                               files={"driving": ("d18.mp4", handle, "video/mp4")})
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    _assert_one_line(detail, "d18.mp4: not a facereel motion template", "extract-motion")
    assert "Error" not in detail and client.get("/api/jobs").json() == [], detail


def test_a_job_notes_the_drivers_frames_without_a_face(client: TestClient, wait_for: WaitFor, shared_data: Path,
                                                       tmp_path: Path) -> None:
    """A driver with 8 black frames: the job's notes say so, as `animate` does (`faceless_driver`)."""
    driver = blacked_out_driver(shared_data, tmp_path / "lp_d19_black.mp4")
    with (shared_data / "portraits" / "lp_s0.jpg").open("rb") as portrait, driver.open("rb") as handle:
        response = client.post("/api/jobs", data={"driving_kind": "video"},
                               files={"portrait": ("lp_s0.jpg", portrait, "image/jpeg"),
                                      "driving": (driver.name, handle, "video/mp4")})
    job = wait_for(response.json()["id"])
    assert job["status"] == "done" and NOTE in job["notes"], job


def _assert_one_line(message: str, *must_contain: str) -> None:
    assert "\n" not in message and "Traceback" not in message and "/jobs/" not in message, message
    for text in must_contain:
        assert text in message, message


def test_text_file_as_portrait_fails_with_one_line(client: TestClient, wait_for: WaitFor, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture\n")
    job = wait_for(submit(client, notes)["id"])
    assert job["status"] == "failed"
    _assert_one_line(job["error"], "notes.txt")


def test_faceless_image_fails_with_one_line(client: TestClient, wait_for: WaitFor, faceless_png: Path) -> None:
    job = wait_for(submit(client, faceless_png)["id"])
    assert job["status"] == "failed"
    _assert_one_line(job["error"], "gradient.png", "no face")


def test_too_large_upload_is_refused_with_413(client: TestClient, astronaut_png: Path) -> None:
    big = b"\0" * (3 * 2**20)
    response = client.post("/api/jobs", data={"driving_kind": "preset"}, files={"portrait": ("big.png", big, "image/png")})
    assert response.status_code == 413
    assert "too large" in response.json()["detail"] and "2 MB" in response.json()["detail"]


def test_too_large_body_without_length_is_refused_with_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(5):
            yield b"x" * 2**20

    response = client.post("/api/jobs", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413 and "too large" in response.json()["detail"]


def test_bad_fields_are_answered_with_400(client: TestClient, astronaut_png: Path) -> None:
    for fields, expected in (({"driving_kind": "video"}, "driving video"),
                             ({"engine": "a1"}, "--weights"),
                             ({"preset": "dance"}, "preset takes one of"),
                             ({"multiplier": "9"}, "multiplier")):
        with astronaut_png.open("rb") as handle:
            response = client.post("/api/jobs", data={"driving_kind": "preset", **fields},
                                   files={"portrait": ("astronaut.png", handle, "image/png")})
        assert response.status_code == 400 and expected in response.json()["detail"], response.text
    assert client.post("/api/jobs", data={"driving_kind": "preset"}).json()["detail"] == "choose a portrait image to upload"


def test_no_region_and_a_negative_face_are_answered_with_400(client: TestClient, astronaut_png: Path) -> None:
    """`regions=` (sent, naming none) made a job with the default expression,pose, and `face_index=-1` a job that
    failed when run (h30-fresh4's sweep), where the CLI refuses `--regions ''` and `--face-index -1`: now 400, one
    line, no job."""
    for fields, expected in (({"regions": ""}, "--regions takes any of"),
                             ({"face_index": "-1"}, "counted from 0")):
        with astronaut_png.open("rb") as handle:
            response = client.post("/api/jobs", data={"driving_kind": "preset", **fields},
                                   files={"portrait": ("astronaut.png", handle, "image/png")})
        assert response.status_code == 400 and expected in response.json()["detail"], response.text
        _assert_one_line(response.json()["detail"], expected)
    assert client.get("/api/jobs").json() == []


@pytest.mark.slow
def test_jobs_run_one_at_a_time_in_order(client: TestClient, wait_for: WaitFor, astronaut_png: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    running: list[str] = []
    started: list[str] = []
    overlaps: list[list[str]] = []

    def tracked(spec: JobSpec, output: Path, *args: object) -> int:
        running.append(output.parent.name)
        started.append(output.parent.name)
        if len(running) > 1:
            overlaps.append(list(running))
        try:
            return run_spec(spec, output, *args)
        finally:
            running.remove(output.parent.name)

    monkeypatch.setattr(queue_module, "run_spec", tracked)
    ids = [submit(client, astronaut_png)["id"] for _ in range(3)]
    assert client.get(f"/api/jobs/{ids[2]}").json()["queue_position"] in (0, 1)
    assert all(wait_for(job_id)["status"] == "done" for job_id in ids)
    assert started == ids and not overlaps


def test_page_and_static_files_are_local_only(tmp_path: Path) -> None:
    with AppClient(create_app(tmp_path)) as client:
        page = client.get("/")
        assert page.status_code == 200 and 'id="job-form"' in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert "http" not in page.text.replace("http-equiv", "")  # nothing external is referenced
        assert "javascript" in client.get("/static/app.js").headers["content-type"]
        assert client.get("/api/demo-portrait").headers["content-type"] == "image/png"
        assert client.get("/api/choices").json()["presets"][0] == "talk"
