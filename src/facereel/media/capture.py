"""Live input for `facereel live`: frames from an OpenCV camera or a video file standing in for one,
read on a worker thread.

Three delivery policies:
- latest (cameras): the reader keeps only the newest frame, so a slow consumer drops frames instead of
  falling behind;
- paced (files with realtime=True): frame i is due at i / fps s after the first `read`; `read` waits for the
  next frame's time and delivers the newest frame due, dropping older ones, as a camera would. Its times come
  from an injectable clock, so what it delivers depends on the clock alone, not on the machine's speed;
- every (files by default): each frame is delivered, the reader waits for the consumer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
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
    number at `Capture.fps`, counting dropped frames). time: the capture's clock (s) when it arrived; for a
    paced file, when it was due."""

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
        clock: seconds, monotonic (time.perf_counter); sleep: waits that many seconds (time.sleep). The
            paced file's schedule runs on these two alone.
    """

    def __init__(self, source: str, realtime: bool = False, clock: Callable[[], float] = time.perf_counter,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.is_camera = source.isdigit()
        self.path: Path | None = None if self.is_camera else Path(source)
        self.latest_only = self.is_camera
        self.paced = realtime and not self.is_camera
        self.clock, self._sleep = clock, sleep
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
        self._start: float | None = None  # clock at the first read of a paced file
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
        try:
            for index, image in enumerate(self._frames()):
                with self._ready:
                    while not self.latest_only and self._slot is not None and not self._stop.is_set():
                        self._ready.wait(0.1)
                    if self._stop.is_set():
                        return
                    if self._slot is not None:
                        self.dropped += 1
                    self._slot = Captured(image, index, self.clock())
                    if self.latest_only:
                        self.frames_read = index + 1
                    self._ready.notify_all()
        except BaseException as error:  # noqa: BLE001 - re-raised by read()
            self._error = error
        finally:
            with self._ready:
                self._ended = True
                self._ready.notify_all()

    def _take(self) -> Captured | None:
        """The frame in the reader's slot once there is one, or None once the input has ended."""
        with self._ready:
            while self._slot is None and not self._ended:
                self._ready.wait(0.1)
            if self._error is not None:
                raise self._error
            item, self._slot = self._slot, None
            self._ready.notify_all()
        return item

    def _take_due(self) -> Captured | None:
        """Paced file: waits until the next frame is due, then the newest frame due by now (older ones are
        dropped), stamped with its due time; None once the file has ended."""
        if self._start is None:
            self._start = self.clock()
        wait = self._start + self.frames_read / self.fps - self.clock()
        if wait > 0:
            self._sleep(wait)
        due = int((self.clock() - self._start) * self.fps)
        item = self._take()
        while item is not None and item.index < due:
            later = self._take()
            if later is None:
                break
            self.dropped += 1
            item = later
        if item is None:
            return None
        return Captured(item.image, item.index, self._start + item.index / self.fps)

    def read(self) -> Captured | None:
        """The next frame (the newest one in latest-only and paced modes), or None once the input has ended."""
        if self.paced:
            item = self._take_due()
        else:
            item = self._take()
            if item is not None and not self.latest_only:
                # Every-frame mode: the frame was read ahead; count its latency from when it is taken.
                item = Captured(item.image, item.index, self.clock())
        if item is not None and not self.latest_only:
            self.frames_read = item.index + 1
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
