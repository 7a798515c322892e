"""The main page's per-face drivers from one driving video with two people: `face_N_driver_face` names the
person each face follows (the CLI's `--driving N=PATH@K`), on a real two-person driver (lp_d19 twice, side by
side) and a two-face composite of public-domain faces."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from group_photo import DRIVER_WINDOWS, two_person_video
from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def two_mp4(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lp_d19's windows A | B side by side, 240 px high, 20 frames: a driver with two people."""
    lp_d19 = shared_data / "driving" / "lp_d19.mp4"
    return two_person_video((lp_d19, lp_d19), (DRIVER_WINDOWS["A"], DRIVER_WINDOWS["B"]), 20, 240,
                            tmp_path_factory.mktemp("two") / "two.mp4")


def _file(path: Path) -> tuple[str, bytes, str]:
    return path.name, path.read_bytes(), "application/octet-stream"


def test_each_face_names_its_person_and_the_video_is_kept_once(client: TestClient, tmp_path: Path,
                                                               wait_for: Callable[[str], dict], pair_png: Path,
                                                               two_mp4: Path) -> None:
    response = client.post("/api/jobs", data={"driving_kind": "faces", "engine": "mesh", "face_0_driver_face": "1",
                                              "face_1_driver_face": "0"},
                           files={"portrait": _file(pair_png), "face_0": _file(two_mp4), "face_1": _file(two_mp4)})
    assert response.status_code == 201, response.text
    assert response.json()["title"] == "pair.png × face 0: two.mp4@1, face 1: two.mp4@0"
    job = wait_for(response.json()["id"])
    assert job["status"] == "done" and job["frames"] == 20, job
    assert not any("shows 2 faces" in note for note in job.get("notes", [])), job
    assert len(list((tmp_path / "work").rglob("face*.mp4"))) == 1  # the same upload twice, saved (tracked) once


def test_a_person_for_a_preset_is_refused(client: TestClient, pair_png: Path) -> None:
    response = client.post("/api/jobs", data={"driving_kind": "faces", "engine": "mesh", "face_0": "preset:talk",
                                              "face_0_driver_face": "1"}, files={"portrait": _file(pair_png)})
    assert response.status_code == 400
    assert response.json()["detail"] == ("face_0_driver_face names a face of face_0's driving video; give face_0 a "
                                         "driving video"), response.text
    response = client.post("/api/jobs", data={"driving_kind": "faces", "engine": "mesh", "face_0": "preset:talk",
                                              "face_0_driver_face": "x"}, files={"portrait": _file(pair_png)})
    assert response.status_code == 400 and "face_0_driver_face takes the number" in response.text, response.text
