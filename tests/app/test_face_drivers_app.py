"""The main page's per-face drivers and keyframes upload, through the app's HTTP API, on real faces (a
two-person composite of real portraits, tests/group_photo.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from group_photo import mouth_opening
from starlette.testclient import TestClient

from facereel.face.every_face import track_faces
from facereel.face.tracking import GROUP_RULE, track_image
from facereel.media.video import open_video
from facereel.motion.presets import preset_motion


def _file(path: Path) -> tuple[str, bytes, str]:
    return path.name, path.read_bytes(), "application/octet-stream"


def _frames(client: TestClient, job: dict, folder: Path) -> list[np.ndarray]:
    out = folder / f"{job['id']}.mp4"
    out.write_bytes(client.get(job["video"]).content)
    with open_video(out) as video:
        return list(video.frames(fps=video.fps))


def test_faces_are_boxes_counted_from_the_left(client: TestClient, pair_png: Path, faceless_png: Path) -> None:
    boxes = client.post("/api/faces", files={"portrait": _file(pair_png)}).json()["faces"]
    assert len(boxes) == 2, boxes
    (l0, t0, r0, b0), (l1, t1, r1, b1) = boxes
    assert 0 <= l0 < r0 < 0.5 < l1 < r1 <= 1 and 0 <= t0 < b0 <= 1 and 0 <= t1 < b1 <= 1, boxes  # astronaut left
    demo = client.post("/api/faces", data={"portrait_demo": "1"}).json()["faces"]
    assert len(demo) == 1
    bad = client.post("/api/faces", files={"portrait": _file(faceless_png)})
    assert bad.status_code == 400 and bad.json()["detail"] == "gradient.png: no face found", bad.text
    assert client.post("/api/faces").json()["detail"] == "choose a portrait image to upload"


def test_each_face_follows_its_own_driver(client: TestClient, wait_for: Callable[[str], dict], pair_png: Path,
                                          tmp_path: Path) -> None:
    template = tmp_path / "talk.npz"
    preset_motion("talk", seconds=1.0).save(template)
    response = client.post("/api/jobs", data={"driving_kind": "faces", "engine": "mesh"},
                           files={"portrait": _file(pair_png), "face_1": _file(template)})
    assert response.status_code == 201, response.text
    assert response.json()["title"] == "pair.png × face 1: talk.npz"
    job = wait_for(response.json()["id"])
    assert job["status"] == "done" and job["frames"] == 25, job
    frames = _frames(client, job, tmp_path)
    opening = np.stack([mouth_opening(track_faces(frame)) for frame in frames[::4]])  # (T, 2)
    assert np.ptp(opening[:, 1]) > 0.05, opening  # Grace Hopper (face 1) talks
    half = frames[0].shape[1] // 2  # the astronaut (no driver) stays still: her half only changes by the codec
    change = [np.abs(frame.astype(np.float32) - frames[0]).mean(axis=(0, 2)) for frame in frames[1:]]  # (W,) each
    left, right = max(float(c[:half].mean()) for c in change), max(float(c[half:].mean()) for c in change)
    assert left < 0.5 and right > 10 * left, (left, right)


def test_a_preset_per_face_and_a_face_the_portrait_lacks(client: TestClient, wait_for: Callable[[str], dict],
                                                         pair_png: Path) -> None:
    files = {"portrait": _file(pair_png)}
    job = client.post("/api/jobs", data={"driving_kind": "faces", "face_0": "preset:blink", "face_2": "preset:talk"},
                      files=files).json()
    assert job["status"] == "failed", job
    assert job["error"] == (f"--driving 2=...: the portrait has 2 face(s), numbered 0..1 from the left "
                            f"({GROUP_RULE})"), job
    job = client.post("/api/jobs", data={"driving_kind": "faces", "face_0": "preset:blink"}, files=files).json()
    assert job["title"] == "pair.png × face 0: preset blink" and wait_for(job["id"])["status"] == "done"


@pytest.mark.parametrize(("fields", "face_file", "message"), [
    ({}, None, "one driver per face: give at least one face a driver (a preset or a file)"),
    ({"face_0": "talk"}, None, "face_0 takes a file or preset:NAME (got 'talk')"),
    ({"face_0": "preset:sing"}, None, "preset takes one of"),
    ({"face_8": "preset:talk"}, None, "face_8: at most 8 faces take their own driver"),
    ({"face_0": "preset:talk", "face_index": "all"}, None, "choose either every face (one driver) or one driver per face"),
    ({"face_0": "preset:talk", "side_by_side": "1"}, None, "--side-by-side work with one face"),
    ({"face_0": "preset:talk", "engine": "a1", "weights": "w"}, None, "need --engine mesh"),
    ({}, "smile.jpg", "smile.jpg: a face's driver is a video, a motion template (.npz) or keyframes (.json)"),
    ({}, "broken.json", "broken.json: not JSON"),
])
def test_per_face_fields_are_checked_in_one_line(client: TestClient, pair_png: Path, fields: dict[str, str],
                                                 face_file: str | None, message: str) -> None:
    files = {"portrait": _file(pair_png)}
    if face_file is not None:
        files["face_1"] = (face_file, b"{not json", "application/octet-stream")
    response = client.post("/api/jobs", data={"driving_kind": "faces", **fields}, files=files)
    detail = response.json()["detail"]
    assert response.status_code == 400 and message in detail and "\n" not in detail, response.text


def test_keyframes_file_as_the_driver(client: TestClient, wait_for: Callable[[str], dict], astronaut_png: Path,
                                      tmp_path: Path) -> None:
    keyframes = tmp_path / "open.json"
    keyframes.write_text(json.dumps({"fps": 10, "keyframes": [{"time": 0.6, "mouth_open": 1}]}))
    response = client.post("/api/jobs", data={"driving_kind": "keyframes"},
                           files={"portrait": _file(astronaut_png), "driving": _file(keyframes)})
    assert response.status_code == 201, response.text
    job = wait_for(response.json()["id"])
    assert job["status"] == "done" and job["title"] == "astronaut.png × open.json", job
    assert job["frames"] == job["total"] == 7, job  # 0 .. 0.6 s at 10 fps
    frames = _frames(client, job, tmp_path)
    first, last = (mouth_opening(track_image(frame).landmarks[0]) for frame in (frames[0], frames[-1]))
    # measured 0.163 -> 0.265 before the chin outline was fitted to the photo's chin (tenth session), 0.166 -> 0.260 after
    assert last > first + 0.08, (first, last)
    bad = tmp_path / "late.json"
    bad.write_text(json.dumps({"keyframes": [{"time": 0}]}))
    response = client.post("/api/jobs", data={"driving_kind": "keyframes"},
                           files={"portrait": _file(astronaut_png), "driving": _file(bad)})
    assert response.status_code == 400 and response.json()["detail"].startswith("late.json: bad keyframes: keyframe 0"), \
        response.text
    missing = client.post("/api/jobs", data={"driving_kind": "keyframes"}, files={"portrait": _file(astronaut_png)})
    assert missing.json()["detail"] == "choose a keyframes file (.json) to upload"


def test_a_per_face_job_reports_its_frame_total(client: TestClient, wait_for: Callable[[str], dict], pair_png: Path,
                                                tmp_path: Path) -> None:
    short, long = tmp_path / "blink.npz", tmp_path / "talk.npz"
    preset_motion("blink", seconds=0.2).save(short)  # 5 frames at 25 fps
    preset_motion("talk", seconds=0.4).save(long)  # 10 frames: the job runs as long as its longest driver
    response = client.post("/api/jobs", data={"driving_kind": "faces", "engine": "mesh"},
                           files={"portrait": _file(pair_png), "face_0": _file(short), "face_1": _file(long)})
    assert response.status_code == 201, response.text
    job = wait_for(response.json()["id"])
    assert job["status"] == "done" and job["total"] == job["done"] == job["frames"] == 10, job


@pytest.mark.parametrize(("loop", "note"), [
    (False, ("per-face drivers: face 1 holds its last pose for frames 10-49 (its driver is shorter; --loop-driver "
             "repeats the shorter drivers)")),
    (True, "per-face drivers: face 1's driver (10 frames) repeats over the longest's 50 frames (--loop-driver)"),
])
def test_a_short_face_driver_is_noted_and_loops(client: TestClient, wait_for: Callable[[str], dict], pair_png: Path,
                                                tmp_path: Path, loop: bool, note: str) -> None:
    """Face 1's 10-frame template beside face 0's 50-frame preset: the job's notes say face 1 holds its last pose
    (it was silent), and "loop the driver" repeats it (it was refused for a portrait image)."""
    template = tmp_path / "talk.npz"
    preset_motion("talk", seconds=0.4).save(template)
    fields = {"driving_kind": "faces", "face_0": "preset:blink", **({"loop_driver": "on"} if loop else {})}
    response = client.post("/api/jobs", data=fields, files={"portrait": _file(pair_png), "face_1": _file(template)})
    assert response.status_code == 201, response.text
    job = wait_for(response.json()["id"])
    assert job["status"] == "done" and job["frames"] == 50 and note in job["notes"], job
