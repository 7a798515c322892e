"""Live input for `facereel live`: frames from an OpenCV camera or a video file standing in for one,
read on a worker thread.

Two delivery policies:
- latest (cameras; files with realtime=True, paced to the file's fps): the reader keeps only the newest
  frame, so a slow consumer drops frames instead of falling behind;
- every (files by default): each frame is delivered, the reader waits for the consumer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from facereel.errors import InputError
from facereel.media.video import open_video

DEFAULT_CAMERA_FPS = 30.0  # when a camera does not report its rate


@dataclass(frozen=True)
class Captured:
    """One input frame. image: (H, W, 3) uint8 RGB. index: its position on the input's timeline (frame
    number at `Capture.fps`, counting dropped frames). time: time.perf_counter() s when it arrived."""

    image: np.ndarray
    index: int
    time: float


def _open_camera(index: int) -> cv2.VideoCapture:
    """The OpenCV camera `index`, opened with OpenCV's own logging silenced: probing a missing camera logs
    native error lines (V4L2, obsensor) that `OPENCV_LOG_LEVEL` no longer stops once cv2 is imported; the
    caller's one-line error says it instead."""
    level = cv2.getLogLevel()
    cv2.setLogLevel(0)  # LOG_LEVEL_SILENT
    try:
        return cv2.VideoCapture(index)
    finally:
        cv2.setLogLevel(level)


class Capture:
    """Frames of a camera (`source` an integer index such as "0") or a video file, on a worker thread.

    Args:
        source: camera index or video path.
        realtime: files only: deliver at the file's own pace, dropping frames the consumer cannot take
            in time (cameras always do). Default for files: every frame, as fast as they are consumed.
    """

    def __init__(self, source: str, realtime: bool = False) -> None:
        self.is_camera = source.isdigit()
        self.path: Path | None = None if self.is_camera else Path(source)
        self.latest_only = self.is_camera or realtime
        if self.is_camera:
            self._camera = _open_camera(int(source))
            if not self._camera.isOpened():
                raise InputError(f"cannot open camera {source}")
            self.fps = float(self._camera.get(cv2.CAP_PROP_FPS)) or DEFAULT_CAMERA_FPS
        else:
            video = open_video(self.path)  # InputError for a missing or unreadable file
            self.fps = video.fps
            self._video = video
        self.frames_read = 0  # frames taken from the input (delivered or dropped)
        self.dropped = 0
        self._slot: Captured | None = None
        self._ended = False
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._ready = threading.Condition()
        self._worker = threading.Thread(target=self._read_all, name="facereel-capture", daemon=True)
        self._worker.start()

    def _frames(self) -> Iterator[np.ndarray]:
        if not self.is_camera:
            yield from self._video.frames()
            return
        while not self._stop.is_set():
            ok, bgr = self._camera.read()
            if not ok:
                return
            yield cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)

    def _read_all(self) -> None:
        start = time.perf_counter()
        try:
            for index, image in enumerate(self._frames()):
                if not self.is_camera and self.latest_only:
                    # Pace the file to its frame rate, as a camera would deliver it.
                    delay = start + index / self.fps - time.perf_counter()
                    if delay > 0:
                        time.sleep(delay)
                with self._ready:
                    while not self.latest_only and self._slot is not None and not self._stop.is_set():
                        self._ready.wait(0.1)
                    if self._stop.is_set():
                        return
                    if self._slot is not None:
                        self.dropped += 1
                    self._slot = Captured(image, index, time.perf_counter())
                    self.frames_read = index + 1
                    self._ready.notify_all()
        except BaseException as error:  # noqa: BLE001 - re-raised by read()
            self._error = error
        finally:
            with self._ready:
                self._ended = True
                self._ready.notify_all()

    def read(self) -> Captured | None:
        """The next frame (the newest one in latest-only mode), or None once the input has ended."""
        with self._ready:
            while self._slot is None and not self._ended:
                self._ready.wait(0.1)
            if self._error is not None:
                raise self._error
            item, self._slot = self._slot, None
            self._ready.notify_all()
        if item is not None and not self.latest_only:
            # Every-frame mode: the frame was read ahead; count its latency from when it is taken.
            item = Captured(item.image, item.index, time.perf_counter())
        return item

    def close(self) -> None:
        self._stop.set()
        with self._ready:
            self._ready.notify_all()
        self._worker.join()
        if self.is_camera:
            self._camera.release()
        else:
            self._video.close()

    def __enter__(self) -> Capture:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
