"""How hard the moved chin's lower edge is over the neck (issue #9), against the photo's own chin edge.

lp_s1 x lp_d18 (frames 100-140): the jaw drops, and the chin's lower outline, the head mask's edge blurred
by 1 px, lay over the neck and necklace as a cut-out line, where the photo's chin meets its neck in a soft
shadow. `edge_steepness`: in each column within `SPAN` face sizes of the chin, the head alpha's lower
outline (its last crossing of 0.5 going down from the chin) and, within `WINDOW` face sizes of it, the
largest step of the frame's grey levels from one row to the next; the median over the columns, grey levels
per px. `chin_edge` is the rendered frame's minus the source's own (its photo, its head alpha, its chin):
0 on the source repeated, > 0 where the moved chin's edge is harder than the photo's.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

SPAN = 0.1
"""Face sizes either side of the chin landmark (152) whose columns are read."""
WINDOW = 0.04
"""Face sizes above and below the outline within which the grey levels' steepest step is read."""


def lower_outline(alpha: np.ndarray, chin: np.ndarray, face_px: float, span: float = SPAN,
                  above: float = 0.15) -> list[tuple[int, int]]:
    """(x, y) px of the head alpha's lower outline in each column within `span` face sizes of the chin: its
    last row >= 0.5 going down from `above` face sizes above the chin (alpha (h, w) in [0, 1]; chin (2,) px)."""
    top = max(0, round(chin[1] - above * face_px))
    half = round(span * face_px)
    out = []
    for x in range(max(0, round(chin[0]) - half), min(alpha.shape[1], round(chin[0]) + half + 1)):
        head = np.flatnonzero(alpha[top:, x] >= 0.5)
        if len(head):
            out.append((x, top + int(head[-1])))
    return out


def edge_steepness(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float) -> float:
    """Grey levels per px: the median over the chin's columns of the steepest vertical step of `frame`'s
    grey levels across the head alpha's lower outline.

    frame: (h, w, 3) uint8 RGB; alpha: (h, w) float32 in [0, 1], the head layer's alpha as drawn on it
    (`MeshAnimator.drawn_alpha`; the source's own `layer.alpha` on the photo); chin: (2,) px in that box,
    the chin landmark; face_px: the face size, px. NaN when no column has an outline inside the box.
    """
    grey = grey_image(frame)
    h = alpha.shape[0]
    reach = max(2, round(WINDOW * face_px))
    steps = []
    for x, y in lower_outline(alpha, chin, face_px):
        y0, y1 = y - reach, y + reach + 1
        if y0 < 0 or y1 > h:
            continue
        steps.append(float(np.abs(np.diff(grey[y0:y1, x])).max()))
    return float(np.median(steps)) if steps else float("nan")


def chin_edge(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, source: np.ndarray,
              source_alpha: np.ndarray, source_chin: np.ndarray, face_px: float) -> float:
    """Grey levels per px: `edge_steepness` of a rendered frame (its drawn alpha, its chin) minus that of
    the photo (`source` (h, w, 3) uint8 with the source's head alpha and chin): 0 on the source repeated."""
    return (edge_steepness(frame, alpha, chin, face_px)
            - edge_steepness(source, source_alpha, source_chin, face_px))
