"""The clips an evaluation reads: the driver (a video tracked once, or a template / preset drawn on the
canonical face) and each output video, read at the driver's frame rate (resampled by timestamp)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from facereel.animate.inputs import driving_video, load_motion
from facereel.errors import InputError
from facereel.eval import temporal
from facereel.eval.faces import FaceSeries
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_frames, track_video
from facereel.media.video import open_video

MOTION_FRAME = (512, 512)  # notional frame size (width, height) of a template's or preset's face


@dataclass(frozen=True)
class Driver:
    """A driver (a video, tracked once; or a template / preset), shared by the method and the baseline."""

    path: str | Path
    fps: float
    size: tuple[int, int]
    faces: FaceSeries
    still: np.ndarray  # (T-1,) bool: steps where the driver is still


def analyse_driver(path: str | Path) -> Driver:
    """Track a driving video (or draw a template's or preset's face) and find its still steps."""
    if driving_video(path) is None:
        motion = load_motion(path)
        faces = FaceSeries.from_motion(motion)
        return Driver(path, motion.fps, MOTION_FRAME, faces, temporal.still_steps(faces.landmarks))
    with open_video(path) as video:
        fps, size = video.fps, video.size
    track = track_video(path, fps=fps)
    faces = FaceSeries.from_track(track)
    return Driver(path, fps, size, faces, temporal.still_steps(faces.landmarks))


def track_output(path: Path, fps: float, size: tuple[int, int] | None) -> FaceTrack | None:
    """FaceTrack of an output video read at `fps` (resized to `size`), or None if no frame has a face."""
    frames_seen = 0

    def counted() -> Iterator[np.ndarray]:
        nonlocal frames_seen
        for frame in video_frames(path, fps, size):
            frames_seen += 1
            yield frame

    try:
        return track_frames(counted(), fps, what=path)
    except InputError:
        if frames_seen == 0:
            raise
        return None


def video_frames(path: Path, fps: float, size: tuple[int, int] | None = None) -> Iterator[np.ndarray]:
    """A video's RGB frames resampled to `fps`, resized to `size` (width, height) when given and different."""
    with open_video(path) as video:
        for frame in video.frames(fps=fps):
            if size is not None and (frame.shape[1], frame.shape[0]) != size:
                frame = cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
            yield frame
