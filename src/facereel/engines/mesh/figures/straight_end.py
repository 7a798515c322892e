"""The dark hair's lower end beside each jaw corner cut in one straight line, read from a frame (issue #9).

On a turn the hair hanging by the near jaw is widened with the band between the kept outline and the moved jaw
(lp_s5 at 512 x preset:turn frames 39-45: the lock beside her image-left jaw read ~1.6x wider than the photo's),
and its lower end, a short blunt edge in the photo, is drawn as a long straight edge in line with the jaw's lower
outline, over the neck: a hard straight cut. `straight_ends` reads, per jaw corner (`jaw_slivers.CORNERS`,
their landmarks' mean), within `REACH` face sizes of it and outside the face oval, the lower end of the dark
pixels (grey below `DARK`, opened by 2 px: the hair of a dark-haired portrait over a lighter wall or neck) per
pixel column: its lowest dark pixel with no dark pixel in the `BELOW` face sizes under it. Its figure is the
longest piece of consecutive columns whose ends lie within `TOL` px of the chord between its first and last
column, the chord's length in face sizes. From the image alone, so the photo and every version of the engine
read the same way; the source repeated reads the photo's own ends.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, grey_image, polygon_mask
from facereel.engines.mesh.figures.jaw_slivers import CORNERS
from facereel.face import landmark_ids as ids

REACH = 0.3
"""Face sizes round a jaw corner's landmarks' mean: where the hair's lower end is read."""
DARK = 100.0
"""Grey levels: a pixel below this is the dark hair (lp_s5's lock 40-90, her neck ~150, the wall ~180)."""
BELOW = 0.03
"""Face sizes: a column's hair ends where this far below its lowest dark pixel holds no other."""
TOL = 1.0
"""Px: a straight piece's column ends lie within this of its chord."""


def lower_ends(image: np.ndarray, landmarks: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """Per jaw corner of `CORNERS`, (x0, rows): the first image column of the window `REACH` face sizes round it
    and, per column from there, the image row (float, NaN where none) of the dark hair's lower end (module
    docstring) of `image` ((H, W, 3) uint8 RGB) with its face at `landmarks` ((478, 2+) px)."""
    size = face_size(landmarks)
    dark = (grey_image(image) < DARK).astype(np.uint8)
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)) > 0
    dark &= polygon_mask([landmarks[list(ids.FACE_OVAL), :2]], image.shape[:2], (0, 0)) <= 0.5
    below, reach = max(1, round(BELOW * size)), REACH * size
    h, w = dark.shape
    ends = []
    for corner in CORNERS:
        cx, cy = landmarks[list(corner), :2].mean(0)
        x0, x1 = max(0, int(cx - reach)), min(w, int(cx + reach))
        y0, y1 = max(0, int(cy - reach)), min(h, int(cy + reach))
        rows = np.full(x1 - x0, np.nan)
        for i, x in enumerate(range(x0, x1)):
            column = dark[y0:min(h, y1 + below), x]
            for y in np.flatnonzero(column[:y1 - y0])[::-1]:
                if not column[y + 1:y + 1 + below].any():
                    rows[i] = y0 + y
                    break
        ends.append((x0, rows))
    return ends


def longest_straight(rows: np.ndarray) -> float:
    """Px: the chord's length of the longest run of consecutive `rows` ((n,) float, NaN: no end) within `TOL` px
    of it; 0 for none of three columns or more."""
    best = 0.0
    for i in range(len(rows)):
        for j in range(i + 2, len(rows)):
            piece = rows[i:j + 1]
            if np.isnan(piece[-1]) or np.isnan(piece[0]):
                break
            if np.abs(piece - np.linspace(rows[i], rows[j], j - i + 1)).max() <= TOL:
                best = max(best, float(np.hypot(j - i, rows[j] - rows[i])))
    return best


def straight_ends(image: np.ndarray, landmarks: np.ndarray) -> tuple[float, ...]:
    """Face sizes per jaw corner of `CORNERS`: the longest straight piece of the dark hair's lower end beside it
    (module docstring) of `image` ((H, W, 3) uint8 RGB) with its face at `landmarks` ((478, 2+) px)."""
    size = face_size(landmarks)
    return tuple(longest_straight(rows) / size for _, rows in lower_ends(image, landmarks))
