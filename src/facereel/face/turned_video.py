"""A driving video on its side or upside down (a phone clip filmed sideways and saved without the rotation metadata
that would set it upright): the face tracker finds upright faces (rolled up to ~45 deg), so such a driver's face
was found in few frames (lp_d18 0-30 turned 90 deg driving lp_s1: 1 of 30, the pose filled in for the rest, the
output's mouth not following). Now its first frames (`KEY_FRAMES`) are looked at once: where none shows a face standing upright but one shows it
on the frame turned (`turned_photo.TURNS`, the mesh confirming), every frame is turned so before tracking and
said (`turned_note`). The turn is read from the frames as `media.video` gives them, already turned by the
metadata's rotation (its display matrix), so a clip whose metadata sets it upright is not turned twice."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

import cv2
import numpy as np

from facereel.face.roll import face_roll
from facereel.face.turned_photo import SIDEWAYS, TURNS

KEY_FRAMES = 5
"""Frames at a video's start its orientation is read from: a face standing upright in any of them keeps the video as
it is; only where none shows one are they searched turned (up to three searches each). Five frames (0.2 s at 25 fps)
ride over a blink or a hand passing the face at the start, and cost nothing more on an upright driver (its first
frame settles it)."""

TURN_WORDS: dict[int, str] = {cv2.ROTATE_90_CLOCKWISE: "90 deg clockwise",
                              cv2.ROTATE_90_COUNTERCLOCKWISE: "90 deg anticlockwise", cv2.ROTATE_180: "180 deg"}
"""The cv2 turns of `turned_photo.TURNS` as a note names them."""


def _standing_face(image: np.ndarray) -> bool:
    """Whether (H, W, 3) uint8 RGB `image` shows a face (detected, the mesh confirming) rolled at most
    `turned_photo.SIDEWAYS`: a video on its side can show its face found rolled ~90 deg."""
    from facereel.face.tracking import FaceTracker, choose_face, detect_faces

    box = choose_face(detect_faces(image), None)
    if box is None:
        return False
    with FaceTracker(video=False) as tracker:
        points = tracker.start(image, box)
    return points is not None and abs(face_roll(points)) <= SIDEWAYS


def upright_turn(key_frames: Sequence[np.ndarray]) -> int | None:
    """The cv2 turn (one of `turned_photo.TURNS`) that sets the face of the (H, W, 3) uint8 RGB `key_frames` (a
    video's first frames) upright; None where one of them shows a face standing upright as it is, or where no turn
    shows one either."""
    if any(_standing_face(frame) for frame in key_frames):
        return None
    for frame in key_frames:
        for turn in TURNS:
            if _standing_face(np.ascontiguousarray(cv2.rotate(frame, turn))):
                return turn
    return None


def turned_frames(frames: Iterable[np.ndarray], turn: int | None) -> Iterator[np.ndarray]:
    """The (H, W, 3) uint8 `frames` turned by the cv2 `turn` (contiguous), or as they are for None."""
    if turn is None:
        yield from frames
        return
    for frame in frames:
        yield np.ascontiguousarray(cv2.rotate(frame, turn))


def upright_frames(frames: Iterable[np.ndarray]) -> tuple[int | None, Iterator[np.ndarray]]:
    """(the cv2 turn `upright_turn` reads from the first `KEY_FRAMES` of the (H, W, 3) uint8 RGB `frames`, or None;
    every frame turned by it, lazily). The key frames are held (`KEY_FRAMES` frames of memory) and given again."""
    stream = iter(frames)
    key = list(islice(stream, KEY_FRAMES))
    turn = upright_turn(key)
    return turn, turned_frames(chain(key, stream), turn)


def turned_note(turn: int, what: str) -> str:
    """Said for a video `what` ("driving video") whose frames are turned by the cv2 `turn` before tracking."""
    lies = "is upside down" if turn == cv2.ROTATE_180 else "lies on its side"
    return (f"the {what} {lies} (no face upright in its first {KEY_FRAMES} frames): every frame is turned "
            f"{TURN_WORDS[turn]} before its face is tracked")
