"""The jaw line: the face oval's landmarks from one jaw angle round the chin to the other, and where it is
lowest at a column.

What hangs under the jaw (the neck, `neck.NeckWarp`; its sides, `neck_sides`; the band the neck figures read,
`figures.neck_wedge`) hangs from the jaw line's lowest point at each column: on a turned head the far side
of the jaw folds back above the chin, so a column can cross the line more than once.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.draw_kernels import lowest_segments
from facereel.face import landmark_ids as ids

ON_OVAL = slice(9, 28)
"""Positions in `landmark_ids.FACE_OVAL` of the jaw line."""
JAW = tuple(ids.FACE_OVAL[ON_OVAL])
"""Landmark ids of the jaw line, from beside one ear lobe (323, one point above the jaw angle 361) round the chin
(152) to beside the other (93, above 132)."""
ENDS = (JAW[0], JAW[-1])
"""Landmark ids of the jaw line's two ends (323, 93), where the head's outline meets the ear lobes."""


def jaw_ends(landmarks: np.ndarray) -> np.ndarray:
    """(2, 2) px: the jaw line's two ends (`ENDS`) in `landmarks` ((478, 2+) px)."""
    return landmarks[list(ENDS), :2]


def lowest_crossings(jaw: np.ndarray, columns: np.ndarray, half: float = 0.0
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the polyline `jaw` ((J, 2) px) is lowest (largest row) over each of `columns` ((m,) px), each
    taken `half` px to either side (0: the line's crossing at the column itself; 0.5: the lowest point over
    a pixel column, however steep the line is there): (m,) that row (NaN where the line does not reach the
    column), (m,) int the segment it lies on (from point k to k + 1) and (m,) its fraction along that
    segment (0 at point k, 1 at k + 1), so that anything given per point of the line (the same points moved,
    offsets) can be read at the same place. Vertical segments are left out (the segments before and after
    them reach their ends); of equal rows the first segment's."""
    columns = np.asarray(columns)
    if columns.dtype.kind != "f":
        columns = columns.astype(np.float64)  # as numpy takes an integer column less a float
    kind = np.result_type(jaw.dtype, columns.dtype)
    rows, t, segment = np.empty(len(columns), kind), np.empty(len(columns), kind), np.empty(len(columns), np.intp)
    lowest_segments(jaw, columns, columns.dtype.type(half), rows, segment, t)  # one compiled pass (issue #9)
    return rows, segment, t
