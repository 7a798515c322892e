"""Which of two overlapping faces is in front, through a video: `face_regions.in_front` with hysteresis.

Decided on each frame alone, two faces near a tie (about as large, chins at about the same height; or sizes
near the `SAME_SIZE` factor, where size takes over from height) swap front and back with a pixel of tracking
jitter, and the front face's hairline and cheeks change owner each time: the hair flickers between the two
faces' layers. `FrontOrder` keeps each pair's order until the face behind is in front clearly
(`clearly_in_front`, by `SWITCH_MARGIN`) on `SWITCH_FRAMES` frames in a row; a pair is decided afresh, by
`in_front`, when both faces come into the frame together.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from facereel.engines.mesh.face_regions import SAME_SIZE, front_measures, in_front

SWITCH_MARGIN = 0.03
"""How clearly the face behind must be in front to take over: in front even with its size ratio off by this
fraction and its chin's height off by this many face sizes (3 %: four to eight times the frame-to-frame sd
of the chins' difference tracked through the near-tie clips of bench/front_order.py, 0.4-0.8 %)."""
SWITCH_FRAMES = 3
"""Frames in a row the face behind must be clearly in front before it takes over (0.12 s at 25 fps)."""


def clearly_in_front(size_a: float, chin_a: float, size_b: float, chin_b: float, margin: float) -> bool:
    """Whether face a is `in_front` of face b whatever errors of up to `margin` say (sizes in px, chins' y in
    px, down): larger by more than SAME_SIZE * (1 + margin); or, sizes within SAME_SIZE / (1 + margin) of each
    other, its chin lower by more than `margin` face sizes; between the two, both (larger and lower)."""
    ratio = max(size_a, size_b) / min(size_a, size_b)
    lower = chin_a - chin_b > margin * (size_a + size_b) / 2
    if ratio > SAME_SIZE * (1 + margin):
        return size_a > size_b
    if ratio < SAME_SIZE / (1 + margin):
        return lower
    return size_a > size_b and lower


class FrontOrder:
    """The front/back order of a video's faces, frame after frame, with hysteresis (module docstring).

    Call it once per frame, in order, with the faces the frame shows; faces are known by a number that stays
    theirs through the video (a track's index)."""

    def __init__(self, margin: float = SWITCH_MARGIN, frames: int = SWITCH_FRAMES) -> None:
        self.margin, self.frames = margin, frames
        self._front: dict[tuple[int, int], int] = {}  # (lower number, higher number): the face in front
        self._streak: dict[tuple[int, int], int] = {}  # frames in a row the other face has been clearly in front

    def __call__(self, numbers: Sequence[int], faces: np.ndarray) -> np.ndarray:
        """(F, F) bool, [a, b] = face a is in front of face b in this frame (`FaceRegions`' `front`).
        numbers: (F,) the faces' numbers; faces: (F, 478, 3) their landmarks, image px."""
        sizes, chins = front_measures(faces)
        count = len(numbers)
        front = np.zeros((count, count), bool)
        held, streaks = {}, {}
        for a in range(count):
            for b in range(a + 1, count):
                key = (min(numbers[a], numbers[b]), max(numbers[a], numbers[b]))
                ahead = self._front.get(key)
                streak = 0
                if ahead is None:
                    ahead = numbers[a] if in_front(sizes[a], chins[a], sizes[b], chins[b]) else numbers[b]
                else:
                    i, j = (b, a) if ahead == numbers[a] else (a, b)  # i: the face behind, j: the one in front
                    if clearly_in_front(sizes[i], chins[i], sizes[j], chins[j], self.margin):
                        streak = self._streak[key] + 1
                    if streak >= self.frames:
                        ahead, streak = numbers[i], 0
                held[key], streaks[key] = ahead, streak
                first = ahead == numbers[a]
                front[a, b], front[b, a] = first, not first
        self._front, self._streak = held, streaks  # pairs not both in this frame start afresh
        return front
