"""A driving video on its side or upside down (a phone clip filmed sideways and saved without the rotation metadata
that would set it upright): the face tracker finds upright faces (rolled up to ~45 deg), so such a driver's face
was found in few frames (lp_d18 0-30 driving lp_s1: 15 of 30 turned 90 deg; turned 270, 13 or none, the output's
mouth not following; upside down, all, by a mesh fitted upside down). Now its first frames (`KEY_FRAMES`) are
looked at once, as they are and turned each way (`turned_photo.TURNS`): where the face scores best turned
(`standing_score`, the mesh confirming), every frame is turned so before tracking and said (`turned_note`). The
turn is read from the frames as `media.video` gives them, already turned by the metadata's rotation (its display
matrix), so a clip whose metadata sets it upright is not turned twice."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

import cv2
import numpy as np

from facereel.face.roll import face_roll
from facereel.face.turned_photo import SIDEWAYS, TURNS, rotated

KEY_FRAMES = 5
"""Frames at a video's start its orientation is read from, up to the first that shows a face any way (four searches
each: as it is and each of `turned_photo.TURNS`): five frames (0.2 s at 25 fps) ride over a hand passing the face
at the start; a driver whose face shows first later is left as it is."""

TURN_WORDS: dict[int, str] = {cv2.ROTATE_90_CLOCKWISE: "90 deg clockwise",
                              cv2.ROTATE_90_COUNTERCLOCKWISE: "90 deg anticlockwise", cv2.ROTATE_180: "180 deg"}
"""The cv2 turns of `turned_photo.TURNS` as a note names them."""


def standing_score(image: np.ndarray, tiles: bool) -> float:
    """The face detector's score (0-1) of the best-scored face of (H, W, 3) uint8 RGB `image` where the mesh finds it
    standing (rolled at most `turned_photo.SIDEWAYS`); 0.0 where there is none. tiles: the detector's tiles too
    (`tracking.detect_faces`), else the whole frame only. A face on its side can be found rolled ~90 deg, and an
    upside-down one is found standing by both (lp_d18's first frame upside down: 0.76 on a tile, the mesh's roll 3
    deg; lp_d12's scored above its upright one with the tiles), but on the whole frame upright scores higher (lp_d3
    0.85 against 0.71 upside down; lp_d12 0.75, upside down no face)."""
    from facereel.face.tracking import FaceTracker, detect_faces, detection_box

    faces = detect_faces(image, tiles=tiles)
    if not faces:
        return 0.0
    best = max(faces, key=lambda face: face[4])
    with FaceTracker(video=False) as tracker:
        points = tracker.start(image, detection_box(best))
    return best[4] if points is not None and abs(face_roll(points)) <= SIDEWAYS else 0.0


def upright_turn(key_frames: Sequence[np.ndarray]) -> int | None:
    """The cv2 turn (one of `turned_photo.TURNS`) that sets the face of the (H, W, 3) uint8 RGB `key_frames` (a
    video's first frames) upright, or None (the frames as they are): read on the first key frame that shows a face
    standing as it is or turned, the way it scores best (`standing_score`; as it is on a tie), on the whole frame
    first, then with the detector's tiles (a small face)."""
    for frame in key_frames:
        for tiles in (False, True):
            scores = {None: standing_score(frame, tiles)}
            scores.update({turn: standing_score(rotated(frame, turn), tiles)
                           for turn in TURNS})
            best = max(scores, key=lambda turn: scores[turn])
            if scores[best] > 0:
                return best
    return None


def turned_frames(frames: Iterable[np.ndarray], turn: int | None) -> Iterator[np.ndarray]:
    """The (H, W, 3) uint8 `frames` turned by the cv2 `turn` (contiguous), or as they are for None."""
    if turn is None:
        yield from frames
        return
    for frame in frames:
        yield rotated(frame, turn)


def upright_frames(frames: Iterable[np.ndarray]) -> tuple[int | None, Iterator[np.ndarray]]:
    """(the cv2 turn `upright_turn` reads from the first `KEY_FRAMES` of the (H, W, 3) uint8 RGB `frames`, or None;
    every frame turned by it, lazily). The key frames are held (`KEY_FRAMES` frames of memory) and given again."""
    stream = iter(frames)
    key = list(islice(stream, KEY_FRAMES))
    turn = upright_turn(key)
    return turn, turned_frames(chain(key, stream), turn)


def turned_note(turn: int, what: str, drawn: bool = False) -> str:
    """Said for a video `what` ("driving video") whose frames are turned by the cv2 `turn` before tracking; drawn:
    a video source, whose frames are drawn turned and written back as filmed."""
    lies = "is upside down" if turn == cv2.ROTATE_180 else "lies on its side"
    done = " and drawn, each output frame turned back as filmed" if drawn else ""
    return (f"the {what} {lies} (its face found turned in its first frames): every frame is turned "
            f"{TURN_WORDS[turn]} before its face is tracked{done}")
