"""Short real clips for the video-to-video tests: a few frames of ../shared/data videos, scaled down
(importable by name: `conftest` module names clash across folders)."""

from __future__ import annotations

import time
from itertools import islice
from pathlib import Path

import cv2
import numpy as np


def write_clip(path: Path, video: Path, start: int, count: int, size: int = 224,
               faceless: tuple[int, ...] = ()) -> Path:
    """Frames [start, start + count) of the square `video` scaled to `size` px, with `video`'s audio (cut to the
    clip's length); frames at the indices in `faceless` are replaced by a face-free picture (the clip's own
    top-left background corner, enlarged)."""
    from facereel.media.video import open_video
    from facereel.media.writer import VideoWriter

    with (open_video(video) as source,
          VideoWriter(path, fps=source.fps, audio_from=video, repeatable=True) as writer):
        for i, frame in enumerate(source.frames()):
            if i >= start + count:
                break
            if i < start:
                continue
            frame = cv2.resize(frame, (size, size), interpolation=cv2.INTER_AREA)
            if i - start in faceless:
                frame = cv2.resize(frame[:size // 6, :size // 6], (size, size), interpolation=cv2.INTER_CUBIC)
            writer.write(frame)
    return path


def first_packets(path: Path, video: Path, packets: int) -> Path:
    """The first `packets` coded packets of `video`'s picture copied into `path` without re-encoding, so its frames
    decode to the pixels as filmed (but the last one or two, whose later references are cut off): a clip's
    artefact that hangs on its exact pixels (the head mask's matte) is lost in a re-encoded `write_clip`."""
    import av

    with av.open(str(video)) as source, av.open(str(path), "w") as out:
        stream = source.streams.video[0]
        copy = out.add_stream_from_template(stream)
        for packet in islice((p for p in source.demux(stream) if p.dts is not None), packets):
            packet.stream = copy
            out.mux(packet)
    return path


def lossless_clip(path: Path, video: Path, start: int, count: int) -> Path:
    """Frames [start, start + count) of `video` as decoded, at its frame rate, written losslessly (FFV1 in AVI) so
    they decode to the same pixels bit for bit: a clip's middle frames as filmed (`first_packets`) without the frames
    before them to render. AVI counts frames (drawn from Matroska, whose timestamps are milliseconds, every third
    frame of lp_d3's 30 fps clip departed from it by hundreds of pixels)."""
    from fractions import Fraction

    import av

    from facereel.media.video import open_video

    with open_video(video) as source:
        fps, frames = source.fps, list(islice(source.frames(), start, start + count))
    with av.open(str(path), "w") as out:
        stream = out.add_stream("ffv1", rate=Fraction(fps).limit_denominator(100000))
        stream.height, stream.width = frames[0].shape[:2]
        stream.pix_fmt = "bgr0"  # RGB kept as it is: a YUV format would round the colours
        for frame in frames:
            out.mux(stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")))
        out.mux(stream.encode())
    return path


def decoded(path: Path) -> list[np.ndarray]:
    """Every frame of a video file, as written (decoded)."""
    from facereel.media.video import open_video

    with open_video(path) as video:
        return list(video.frames())


def raised_jaw(landmarks: np.ndarray, raise_px: float) -> np.ndarray:
    """(478, 3) float32 px: `landmarks` with the face below the mouth corners drawn up, by none at their row to
    `raise_px` px at the chin (linear in the row): the lower lip and the jaw of a mouth closing."""
    from facereel.face import landmark_ids as ids

    top = float(landmarks[list(ids.MOUTH_CORNERS), 1].mean())
    share = np.clip((landmarks[:, 1] - top) / (float(landmarks[ids.CHIN, 1]) - top), 0, 1)
    target = landmarks.astype(np.float32).copy()
    target[:, 1] -= raise_px * share
    return target


def eyes_only(folder: Path, data: Path, clip: str, start: int, count: int, size: int
              ) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """(clip frames, output frames, the clip's (478, 3) px landmarks a frame): frames [start, start + count) of
    ../shared/data's driving video `clip` at `size` px driven by lp_d12's first `count` frames, `--regions eyes`."""
    from facereel import PortraitAnimator
    from facereel.face.tracking import track_frames

    source = write_clip(folder / "clip.mp4", data / "driving" / clip, start, count, size=size)
    driver = write_clip(folder / "driver.mp4", data / "driving" / "lp_d12.mp4", 0, count, size=size)
    video = PortraitAnimator("mesh", regions="eyes")(source, driver)
    frames = decoded(source)
    return frames, video.frames, list(track_frames(frames, video.fps).landmarks)


def app_job(workdir: Path, portrait: Path, template: Path, form: dict[str, str]) -> dict:
    """A web-app job (`facereel.app`, a test client) animating the uploaded video `portrait` with the uploaded
    template `template` and the form fields `form`, waited for (2 min at most): the job's JSON, with
    `video_status` the HTTP status of its video when done."""
    from starlette.testclient import TestClient

    from facereel.app.server import create_app

    with TestClient(create_app(workdir), base_url="http://127.0.0.1") as client:
        client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf"]
        response = client.post("/api/jobs", data={"driving_kind": "template", **form},
                               files={"portrait": (portrait.name, portrait.read_bytes(), "video/mp4"),
                                      "driving": (template.name, template.read_bytes(), "application/octet-stream")})
        assert response.status_code == 201, response.text
        deadline = time.monotonic() + 120
        while (job := client.get(f"/api/jobs/{response.json()['id']}").json())["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline, job
            time.sleep(0.1)
        if job["status"] == "done":
            job["video_status"] = client.get(job["video"]).status_code
        return job
