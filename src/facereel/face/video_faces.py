"""Every face through a video, each keeping its number: faces are counted from the left in the first frame
where any face is found, and each is followed from frame to frame (mediapipe's tracking mode on a crop
around its last place). A face lost in a frame (it left, or was hidden) is looked for again with the
detector: a detected face that no followed face covers goes to the lost face whose last place is nearest,
within `RETURN_REACH` of that face's size, so a face that leaves and comes back keeps its number. Every
`NEW_FACE_EVERY` frames the detector also looks for faces that came in later: each one that no face covers
and no lost face claims takes the next number (several at once: from the left)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from facereel.errors import InputError
from facereel.face.exposure import Faceless, no_face_error
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import FaceTracker, assemble_track, centre_size, detect_faces, detection_box, one_face

RETURN_REACH = 2.0
"""A lost face is found again in a detection whose centre lies within this many of its face sizes of its
last centre."""
NEW_FACE_EVERY = 8
"""Frames between two looks for faces that came in after the first frame with faces (about a quarter of a
second at 30 fps; a newcomer stays as filmed until it is found)."""

def _covered(face: tuple[float, float, float, float, float], found: list[np.ndarray]) -> bool:
    """Whether the detector box's centre lies inside the landmark box of a face already found."""
    cx, cy = (face[0] + face[2]) / 2, (face[1] + face[3]) / 2
    return any(p[:, 0].min() <= cx <= p[:, 0].max() and p[:, 1].min() <= cy <= p[:, 1].max() for p in found)


class EveryFaceTracker:
    """Call on consecutive RGB frames: each call returns one entry per numbered face, (478, 3) landmarks
    in image px or None where that face is not in the frame. The faces are numbered at the first frame
    that shows any (left to right), later newcomers after them; before the first face the list is empty."""

    def __init__(self) -> None:
        self._trackers: list[FaceTracker] = []
        self._last: list[tuple[np.ndarray, float]] = []  # each face's last centre and size
        self._since_look = 0  # frames since the detector last looked at the whole frame

    def __call__(self, image: np.ndarray) -> list[np.ndarray | None]:
        if not self._trackers:
            return self._add_new(image, [], detect_faces(image, every_face=True))
        points = [tracker.follow(image) for tracker in self._trackers]
        self._drop_doubles(points)
        self._since_look += 1
        lost = any(p is None for p in points)
        if lost or self._since_look >= NEW_FACE_EVERY:  # a newcomer is looked for in the whole frame only
            self._since_look = 0
            found = [p for p in points if p is not None]
            fresh = [face for face in detect_faces(image, every_face=lost) if not _covered(face, found)]
            points = self._add_new(image, points, self._find_lost(image, points, fresh))
        for index, p in enumerate(points):
            if p is not None:
                self._last[index] = centre_size(p)
        return points

    def _add_new(self, image: np.ndarray, points: list[np.ndarray | None],
                 detections: list[tuple[float, float, float, float, float]]) -> list[np.ndarray | None]:
        """`points` with every detected face (left to right) that no face in it covers appended as a new one."""
        for face in detections:
            if _covered(face, [p for p in points if p is not None]):
                continue
            tracker = FaceTracker()
            found = tracker.start(image, detection_box(face))
            if found is None:
                tracker.close()
                continue
            self._trackers.append(tracker)
            self._last.append(centre_size(found))
            points.append(found)
        return points

    def _drop_doubles(self, points: list[np.ndarray | None]) -> None:
        """Where two followed faces landed on one face, the one whose last centre was farther is lost."""
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                if points[i] is None or points[j] is None:
                    continue
                if one_face(points[i], points[j]):  # type: ignore[arg-type]
                    centre = centre_size(points[i])[0]  # type: ignore[arg-type]
                    far = max((i, j), key=lambda k: float(np.linalg.norm(self._last[k][0] - centre)))
                    points[far] = None

    def _find_lost(self, image: np.ndarray, points: list[np.ndarray | None],
                   fresh: list[tuple[float, float, float, float, float]]
                   ) -> list[tuple[float, float, float, float, float]]:
        """Fresh detections (ones no found face covers) go to the nearest lost face within RETURN_REACH
        (`points` filled in place); returns the detections no lost face claimed."""
        pairs = sorted((float(np.linalg.norm(np.array([(f[0] + f[2]) / 2, (f[1] + f[3]) / 2]) - self._last[k][0])),
                        k, n) for k in range(len(points)) if points[k] is None for n, f in enumerate(fresh))
        taken: set[int] = set()
        for distance, k, n in pairs:
            if points[k] is not None or n in taken or distance > RETURN_REACH * self._last[k][1]:
                continue
            points[k] = self._trackers[k].start(image, detection_box(fresh[n]))
            taken.add(n)
        return [face for n, face in enumerate(fresh) if n not in taken]

    def close(self) -> None:
        for tracker in self._trackers:
            tracker.close()


def track_every_face(frames: Iterable[np.ndarray], fps: float, progress: Callable[[int], None] | None = None,
                     what: str | Path = "video") -> list[FaceTrack]:
    """One FaceTrack per face (numbered left to right in the first frame that shows a face, newcomers after
    them in the order they are found), one entry per frame (frames without that face filled and flagged
    invalid, as `track_frames`). InputError naming `what` when no frame shows a face."""
    rows: list[list[np.ndarray | None]] = []
    faceless = Faceless()  # the frames before the first face
    size = (0, 0)
    tracker = EveryFaceTracker()
    try:
        for frame in frames:
            size = (frame.shape[1], frame.shape[0])
            rows.append(tracker(frame))
            if not rows[-1]:
                faceless.add(frame)
            if progress is not None:
                progress(1)
    finally:
        tracker.close()
    if not rows:
        raise InputError("video has no frames", what)
    count = max(len(row) for row in rows)
    if count == 0:
        raise no_face_error(what, faceless, video=True)
    return [assemble_track([row[k] if k < len(row) else None for row in rows], fps, size, what)
            for k in range(count)]
