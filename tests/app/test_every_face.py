"""The web form's "every face" field (`face_index=all`) on a real two-person picture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from app_requests import submit
from group_photo import mouth_opening, side_by_side
from starlette.testclient import TestClient

from facereel.face.every_face import track_faces
from facereel.media.image import write_image
from facereel.media.video import open_video


def test_every_face_field_animates_both_faces(client: TestClient, wait_for: Callable[[str], dict],
                                              astronaut: np.ndarray, grace_hopper: np.ndarray, tmp_path: Path) -> None:
    pair = tmp_path / "pair.png"
    write_image(pair, side_by_side([astronaut, grace_hopper], 256))
    job = wait_for(submit(client, pair, engine="mesh", face_index="all")["id"])
    assert job["status"] == "done", job
    (tmp_path / "out.mp4").write_bytes(client.get(job["video"]).content)
    with open_video(tmp_path / "out.mp4") as video:
        frames = list(video.frames(fps=video.fps))[::5]
    opening = np.stack([mouth_opening(track_faces(frame)) for frame in frames])  # (T, 2)
    assert (np.ptp(opening, axis=0) > 0.05).all(), opening  # preset talk opens both mouths


def test_every_face_with_a1_is_refused_in_one_line(client: TestClient, astronaut_png: Path) -> None:
    files = {"portrait": (astronaut_png.name, astronaut_png.read_bytes(), "application/octet-stream")}
    response = client.post("/api/jobs", data={"driving_kind": "preset", "preset": "talk", "engine": "a1",
                                              "weights": "w", "face_index": "all"}, files=files)
    assert response.status_code == 400 and "need --engine mesh" in response.text, response.text
