"""The SkyReels-A1 condition drawing style (the one place that knows it).

The released weights were trained on line drawings of mediapipe landmarks on black: eye contours, the two
edges of each eyebrow, and the lips as 8 segments in their own colours (face oval not drawn), 1 px lines,
pupils as small squares and the nose tip as a white square. Colours are RGB.

The release draws its driving frames with 3 px pupil squares and a 5 px white nose tip. Frame 0 (the
reference's own landmarks, `first_motion` in its inference.py) it draws differently, and so do we
(`condition.render.draw_a1_reference`): its `draw_landmarks_v3` draws mediapipe-normalised coordinates
relative to the face box on a canvas of the face box's size (the final `cv2.resize` to that same size
changes nothing), so a point is at floor(u * box width) and lines with an end outside the box are dropped;
parts in the order of its connection table (left eye, right eye, left brow, right brow, lips); then
2x2 pupil squares and a 4x4 grey (200) nose tip, each from (p - half) to (p + half) exclusive; the box is
pasted into a black 480x720 frame.
"""

from __future__ import annotations

from facereel.face import landmark_ids as ids

LINE_THICKNESS = 1


def _chain(points: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    return tuple(zip(points[:-1], points[1:]))


def _closed(corner_a: int, upper: tuple[int, ...], corner_b: int, lower: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    return _chain((corner_a,) + upper + (corner_b,)) + _chain((corner_a,) + lower + (corner_b,))


_half = len(ids.OUTER_UPPER_LIP) // 2  # index of the lip's centre point (0 / 17 / 13 / 14)

# (colour, edges) per part, in drawing order.
PARTS: tuple[tuple[tuple[int, int, int], tuple[tuple[int, int], ...]], ...] = (
    ((10, 200, 180), _closed(ids.RIGHT_EYE_CORNERS[0], ids.RIGHT_UPPER_LID, ids.RIGHT_EYE_CORNERS[1], ids.RIGHT_LOWER_LID)),
    ((180, 200, 10), _closed(ids.LEFT_EYE_CORNERS[0], ids.LEFT_UPPER_LID, ids.LEFT_EYE_CORNERS[1], ids.LEFT_LOWER_LID)),
    ((10, 220, 180), _chain(ids.RIGHT_BROW_UPPER) + _chain(ids.RIGHT_BROW_LOWER)),
    ((180, 220, 10), _chain(ids.LEFT_BROW_UPPER) + _chain(ids.LEFT_BROW_LOWER)),
    ((10, 180, 20), _chain(ids.OUTER_LOWER_LIP[:_half + 1])),   # outer bottom, right half
    ((20, 10, 180), _chain(ids.OUTER_LOWER_LIP[_half:])),       # outer bottom, left half
    ((100, 100, 30), _chain(ids.INNER_LOWER_LIP[:_half + 1])),  # inner bottom, right half
    ((100, 150, 50), _chain(ids.INNER_LOWER_LIP[_half:])),      # inner bottom, left half
    ((20, 80, 100), _chain(ids.OUTER_UPPER_LIP[:_half + 1])),   # outer top, right half
    ((80, 100, 20), _chain(ids.OUTER_UPPER_LIP[_half:])),       # outer top, left half
    ((120, 100, 200), _chain(ids.INNER_UPPER_LIP[:_half + 1])), # inner top, right half
    ((150, 120, 100), _chain(ids.INNER_UPPER_LIP[_half:])),     # inner top, left half
)

# (landmark, colour, square side in px)
SQUARES: tuple[tuple[int, tuple[int, int, int], int], ...] = (
    (ids.RIGHT_PUPIL, (10, 200, 250), 3),
    (ids.LEFT_PUPIL, (250, 200, 10), 3),
    (ids.NOSE_TIP, (255, 255, 255), 5),
)

# Frame 0: part order of the release's connection table (left eye, right eye, left brow, right brow, lips).
REFERENCE_PARTS = (PARTS[1], PARTS[0], PARTS[3], PARTS[2]) + PARTS[4:]
# (landmark, colour, half width in px): rows/columns p - half .. p + half - 1, drawn after the lines.
REFERENCE_POINTS: tuple[tuple[int, tuple[int, int, int], int], ...] = (
    (ids.RIGHT_PUPIL, (10, 200, 250), 1),
    (ids.LEFT_PUPIL, (250, 200, 10), 1),
    (ids.NOSE_TIP, (200, 200, 200), 2),
)
