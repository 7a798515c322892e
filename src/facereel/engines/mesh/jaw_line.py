"""The jaw line: the face oval's landmarks from one jaw angle round the chin to the other, and where it is
lowest at a column.

What hangs under the jaw (the neck, `neck.NeckWarp`; its sides, `neck_sides`; the band the neck figures read,
`figures.neck_wedge`) hangs from the jaw line's lowest point at each column: on a turned head the far side
of the jaw folds back above the chin, so a column can cross the line more than once.
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids

ON_OVAL = slice(9, 28)
"""Positions in `landmark_ids.FACE_OVAL` of the jaw line."""
JAW = tuple(ids.FACE_OVAL[ON_OVAL])
"""Landmark ids of the jaw line, from one jaw angle (361) round the chin (152) to the other (132)."""


def lowest_crossings(jaw: np.ndarray, columns: np.ndarray, half: float = 0.0
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the polyline `jaw` ((J, 2) px) is lowest (largest row) over each of `columns` ((m,) px), each
    taken `half` px to either side (0: the line's crossing at the column itself; 0.5: the lowest point over
    a pixel column, however steep the line is there): (m,) that row (NaN where the line does not reach the
    column), (m,) int the segment it lies on (from point k to k + 1) and (m,) its fraction along that
    segment (0 at point k, 1 at k + 1), so that anything given per point of the line (the same points moved,
    offsets) can be read at the same place. Of equal rows the first segment's."""
    a, b = jaw[:-1], jaw[1:]
    dx = b[:, 0] - a[:, 0]
    columns = np.asarray(columns)[:, None]
    # Each segment's x span clipped to the columns' (m, J - 1): along a segment the row is linear in x, so
    # its lowest point there is at one end of the clipped span.
    start = np.maximum(np.minimum(a[:, 0], b[:, 0])[None], columns - half)
    stop = np.minimum(np.maximum(a[:, 0], b[:, 0])[None], columns + half)
    reaches = start <= stop
    with np.errstate(divide="ignore", invalid="ignore"):
        t0, t1 = ((x - a[None, :, 0]) / dx[None] for x in (start, stop))
    vertical = (dx == 0)[None]
    t0 = np.where(vertical, 0.0, t0).astype(t0.dtype)  # a vertical segment: lowest at one of its ends
    t1 = np.where(vertical, 1.0, t1).astype(t1.dtype)
    rise = (b[:, 1] - a[:, 1])[None]
    y0, y1 = a[None, :, 1] + t0 * rise, a[None, :, 1] + t1 * rise
    t = np.where(y1 > y0, t1, t0)
    rows = np.where(reaches, np.maximum(y0, y1), -np.inf)
    segment = np.argmax(rows, axis=1)  # the lowest
    at = np.arange(len(segment))
    lowest = rows[at, segment]
    found = np.isfinite(lowest)
    return np.where(found, lowest, np.nan), segment, np.where(found, t[at, segment], 0.0)
