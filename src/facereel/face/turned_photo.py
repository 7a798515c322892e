"""A photo lying on its side or upside down (turned in an editor, or a phone's picture saved without the EXIF
orientation that would set it upright): the face tracker finds upright faces (rolled up to ~45 deg), so such a
portrait read "no face found" (lp_s1 turned 90 deg or 180 deg; h32-fresh6 then named the turn that would set it
upright). Now its face is found on the photo turned each way and its landmarks carried back onto the photo, where
the face reads rolled ~90 deg or ~180 deg: the mesh engine draws a face rolled so upright and turns each frame back
(`engines.mesh.rolled_face.Upright`), so the output keeps the photo's orientation, and what does not move stays the
photo bit for bit. A photo with no face in any orientation keeps the bare "no face found"."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from facereel.face.roll import face_roll

TURNS: tuple[int, ...] = (cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_90_COUNTERCLOCKWISE, cv2.ROTATE_180)
"""The cv2 turns the face is looked for under, in this order: a photo on its side is the common case (a phone held
sideways)."""

TURN_BACK: dict[int, int] = {cv2.ROTATE_90_CLOCKWISE: cv2.ROTATE_90_COUNTERCLOCKWISE,
                             cv2.ROTATE_90_COUNTERCLOCKWISE: cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180: cv2.ROTATE_180}
"""The cv2 turn that undoes each of `TURNS` (frames drawn upright turned back as filmed or photographed: whole
quarter turns, so the pixels round-trip exactly)."""

SIDEWAYS = 45.0
"""deg: a face rolled more than this lies on its side or upside down (said, `turned_note`): the tracker's detector
finds faces rolled up to about this, so such a face was found turned (or by its mesh alone, as the astronaut turned
90 deg)."""


def rotated(image: np.ndarray, turn: int) -> np.ndarray:
    """(W, H, ...) or (H, W, ...) array: (H, W, ...) `image` (a frame or a mask) turned by the cv2 `turn` (one of
    `TURNS` or `TURN_BACK`'s values: whole quarter turns, every pixel kept exactly), C-contiguous (for the tracker,
    the encoder and the compiled draw loops)."""
    return np.ascontiguousarray(cv2.rotate(image, turn))


def on_photo(points: np.ndarray, turn: int, size: tuple[int, int]) -> np.ndarray:
    """(N, 3) float32 px of the photo of `size` (W, H): (N, 3) px `points` of the photo turned by the cv2 `turn`
    (z kept: a quarter turn keeps the px size). Continuous px: the photo's (x, y) is the turned photo's
    (H - y, x) under a clockwise turn."""
    width, height = size
    x, y = np.asarray(points, np.float32)[:, 0], np.asarray(points, np.float32)[:, 1]
    out = np.array(points, np.float32)
    if turn == cv2.ROTATE_90_CLOCKWISE:
        out[:, 0], out[:, 1] = y, height - x
    elif turn == cv2.ROTATE_90_COUNTERCLOCKWISE:
        out[:, 0], out[:, 1] = width - y, x
    else:
        out[:, 0], out[:, 1] = width - x, height - y
    return out


def quarter_turn(landmarks: np.ndarray) -> int | None:
    """The cv2 turn of `TURNS` that sets the face of (478, 3) px `landmarks` upright (the one leaving the least roll),
    for a face lying on its side or upside down (rolled past `SIDEWAYS`); None for a face standing."""
    if abs(face_roll(landmarks)) <= SIDEWAYS:
        return None
    # the roll does not depend on where the turned points lie: carried onto a turned photo of no size
    return min(TURNS, key=lambda turn: abs(face_roll(on_photo(landmarks, TURN_BACK[turn], (0, 0)))))


def turned_portrait(image: np.ndarray, landmarks: np.ndarray, turn: int) -> tuple[np.ndarray, np.ndarray]:
    """((H', W', 3) uint8, (478, 3) float32 px): (H, W, 3) uint8 `image` turned by the cv2 `turn` (whole quarter
    turns: its pixels kept exactly) and its face's (478, 3) px `landmarks` carried onto it (`on_photo` of the photo
    turned back: `image` is the turned one turned by `TURN_BACK[turn]`)."""
    turned = rotated(image, turn)
    return turned, on_photo(landmarks, TURN_BACK[turn], (turned.shape[1], turned.shape[0]))


def found_turned(image: np.ndarray, find: Callable[[np.ndarray], list[np.ndarray]]) -> list[np.ndarray]:
    """The faces `find` returns ((478, 3) px landmarks each, in its order) on (H, W, 3) uint8 RGB `image` turned by
    the first of `TURNS` under which it finds any, carried back onto `image` (`on_photo`); [] when none. `find` must
    confirm a face with the mesh: the detector alone finds face-like texture in some turned pictures (scikit-image's
    coffee upside down at 0.70, its rocket at 0.63-0.72) where it scores a real upright face 0.89-0.91. Costs up to
    three searches; run only where none was found upright."""
    size = (image.shape[1], image.shape[0])
    for turn in TURNS:
        faces = find(rotated(image, turn))
        if faces:
            return [on_photo(points, turn, size) for points in faces]
    return []


def turned_note(landmarks: np.ndarray) -> str | None:
    """The note for a portrait whose face of (478, 3) px `landmarks` lies on its side or upside down (`SIDEWAYS`),
    else None."""
    roll = face_roll(landmarks)
    if abs(roll) <= SIDEWAYS:
        return None
    lies = "is upside down" if abs(roll) > 180 - SIDEWAYS else "lies on its side"
    return (f"the portrait's face {lies} (rolled {roll:.0f} deg): it is animated turned upright, each frame turned "
            "back to the photo's orientation")
