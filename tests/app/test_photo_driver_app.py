"""The web app's photo driver: a driving photo and its neutral reference uploaded, a clip comes back."""

from __future__ import annotations

from pathlib import Path

from photo_frames import SMILE, save_frames
from starlette.testclient import TestClient

from facereel.media.video import probe_frames


def test_photo_with_neutral_reference_gives_an_eased_clip(client: TestClient, wait_for, astronaut_png: Path,
                                                          shared_data: Path, tmp_path: Path) -> None:
    neutral, smile = save_frames(shared_data / "driving" / f"{SMILE[0]}.mp4", (0, SMILE[1]), tmp_path)
    files = {"portrait": (astronaut_png.name, astronaut_png.read_bytes(), "image/png"),
             "driving": (smile.name, smile.read_bytes(), "image/png"),
             "driving_reference": (neutral.name, neutral.read_bytes(), "image/png")}
    response = client.post("/api/jobs", data={"driving_kind": "photo", "duration": "0.4"}, files=files)
    assert response.status_code == 201, response.text
    job = wait_for(response.json()["id"])
    assert job["status"] == "done" and job["frames"] == job["total"] == 10, job
    (tmp_path / "result.mp4").write_bytes(client.get(job["video"]).content)
    assert probe_frames(tmp_path / "result.mp4") == 10
    # without the neutral photo (relative mode): the job fails with the one-line reason
    files.pop("driving_reference")
    job = wait_for(client.post("/api/jobs", data={"driving_kind": "photo"}, files=files).json()["id"])
    assert job["status"] == "failed" and "neutral photo" in job["error"] and "\n" not in job["error"], job
    bad = client.post("/api/jobs", data={"driving_kind": "photo"},
                      files={**files, "driving": ("smile.mp4", b"x", "video/mp4")})
    assert bad.status_code == 400 and "driving photo" in bad.json()["detail"]
