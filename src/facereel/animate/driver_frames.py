"""A driving video's frames and tracked face, read forward as an output frame asks for them: the mesh
engine's driver-mouth interior when the driver was tracked ahead (several faces, each with its own driver)."""

from __future__ import annotations

from pathlib import Path

from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.face_track import FaceTrack
from facereel.face.turned_video import turned_frames
from facereel.media.video import open_video


class DriverFrames:
    """`at(t)`: the driver's frame and landmarks shown at output frame t of an output at `rate` fps.

    path: the driving video; track: its face, tracked at the video's own rate (`track_video`). Frames are
    decoded in order, once while t does not decrease (a smaller t, a looped driver, decodes from the start
    again); memory is one frame."""

    def __init__(self, path: Path, track: FaceTrack, rate: float) -> None:
        self._path = path
        self._track = track
        self._step = track.fps / rate
        self._rewind()

    def _rewind(self) -> None:
        """Decode from the video's first frame on the next `at`."""
        self._video = open_video(self._path)
        # timed and turned as the tracked frames
        self._frames = turned_frames(self._video.frames(fps=self._video.fps), self._track.turn)
        self._index = -1
        self._frame = None

    def at(self, t: int) -> DriverFrame | None:
        """The driver frame for output frame `t`; None where its face was lost (filled in) or the video ended."""
        k = min(round(t * self._step), len(self._track.valid) - 1)
        if k < self._index:
            self.close()
            self._rewind()
        while self._index < k:
            self._frame = next(self._frames, None)
            self._index += 1
        if self._frame is None or not self._track.valid[k]:
            return None
        return DriverFrame(self._frame, self._track.landmarks[k])

    def close(self) -> None:
        self._video.close()
