"""The web form's "every face" field (`face_index=all`) on a real two-person picture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from app_requests import submit
from group_photo import mouth_opening
from starlette.testclient import TestClient

from facereel.face.every_face import track_faces
from facereel.media.video import open_video
from facereel.motion.presets import preset_motion


@pytest.mark.slow
def test_every_face_field_animates_both_faces(client: TestClient, wait_for: Callable[[str], dict], pair_png: Path,
                                              tmp_path: Path) -> None:
    talk = tmp_path / "talk.npz"
    preset_motion("talk", seconds=1.0).save(talk)  # 25 frames: the mouth opens and shuts twice
    job = wait_for(submit(client, pair_png, talk, engine="mesh", face_index="all")["id"])
    assert job["status"] == "done" and job["frames"] == 25, job
    (tmp_path / "out.mp4").write_bytes(client.get(job["video"]).content)
    with open_video(tmp_path / "out.mp4") as video:
        frames = list(video.frames(fps=video.fps))
    opening = np.stack([mouth_opening(track_faces(frame)) for frame in frames])  # (T, 2)
    # talk opens both mouths: the re-tracked opening's range over all 25 frames (the still picture's: 0). The
    # astronaut's mouth is ~25 px wide here, so its reading is coarse: 0.076 / 0.221 (2026-12-03); every third
    # frame alone missed the peaks after the synthetic mouth's fill change (0.030).
    assert (np.ptp(opening, axis=0) > 0.03).all(), opening.T


def test_every_face_with_a1_is_refused_in_one_line(client: TestClient, astronaut_png: Path) -> None:
    files = {"portrait": (astronaut_png.name, astronaut_png.read_bytes(), "application/octet-stream")}
    response = client.post("/api/jobs", data={"driving_kind": "preset", "preset": "talk", "engine": "a1",
                                              "weights": "w", "face_index": "all"}, files=files)
    assert response.status_code == 400 and "need --engine mesh" in response.text, response.text
