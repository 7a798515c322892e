"""The photo's jaw crease left on the neck a moved head uncovers: an old chin under a rolled jaw (issue #9).

sr_18 at 512 px, `edit --roll` 20-30 (crop x 320-410, y 140-215 at 4x): the chin swings aside and the jaw beside it
rises ~15 px, but there the photo's neck runs only a few px from the jaw's dark crease to the shirt's collar, so the
neck layer cannot lay it up to the moved jaw (`neck.MAX_STRETCH`, `neck.SHIFT_SLOPE`) and the columns beside them,
background below the hole, stay still: the crease stays where the photo's chin had it, a V under the moved jaw with
the plate's tone above it, read as the old chin. `left_crease` counts the columns where the moved head uncovers the
neck (its drawn lower outline at least `UNCOVERED` face sizes above the photo's) that show such a crease there: the
steepest fall of the lightness going down (`chin_ghost.lightness_fall`: lit above, dark below) from `GAP` face sizes
under the drawn outline to `PAST` face sizes under the photo's is at least `FALL`; in face sizes of columns. The
source repeated reads 0 (nothing uncovered).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.chin_ghost import lightness_fall

UNCOVERED = 0.06
"""Face sizes the drawn head's lower outline must lie above the photo's for a column to count (a smaller rise leaves
the crease as the moved jaw's own shadow)."""
GAP = 0.03
"""Face sizes under the drawn outline where the window starts (past the moved head's own soft edge)."""
PAST = 0.03
"""Face sizes under the photo's outline where the window ends (the crease lies at and just below it)."""
FALL = 8.0
"""Lightness (OpenCV's 8-bit L) per px of fall from which a column shows a crease (sr_18's reads 12-25; the plain
neck and the plate's tone under 5)."""


def lower_ends(alpha: np.ndarray, top: int) -> np.ndarray:
    """(w,) int: per column of `alpha` ((h, w) in [0, 1]) the last row >= 0.5 at or below row `top`; -1 where none."""
    head = alpha[top:] >= 0.5
    last = head.shape[0] - 1 - np.argmax(head[::-1], axis=0)
    return np.where(head.any(0), top + last, -1)


def left_crease(frame: np.ndarray, alpha: np.ndarray, source_alpha: np.ndarray, jaw: np.ndarray,
                face_px: float) -> float:
    """Face sizes: how many columns of `frame` ((h, w, 3) uint8 RGB) between the jaw angles show a crease on the neck
    the moved head uncovered (module docstring). alpha: (h, w) float32, the head alpha as drawn on the frame
    (`MeshAnimator.drawn_alpha`); source_alpha: (h, w) float32, the photo's (`layer.alpha`); jaw: (2, 2) px, the
    photo's jaw angles (landmarks 132 and 361), whose columns are read and whose higher row is where the outlines
    are looked for from; face_px: the face size, px."""
    top = max(0, int(np.floor(jaw[:, 1].min())))
    x0, x1 = (int(np.clip(round(v), 0, alpha.shape[1] - 1)) for v in np.sort(jaw[:, 0]))
    moved, photo = lower_ends(alpha[:, x0:x1 + 1], top), lower_ends(source_alpha[:, x0:x1 + 1], top)
    fall = lightness_fall(frame, face_px)[:, x0:x1 + 1]
    count = 0
    for i in np.flatnonzero((moved >= 0) & (photo - moved >= UNCOVERED * face_px)):
        start, stop = moved[i] + round(GAP * face_px), min(fall.shape[0], photo[i] + round(PAST * face_px) + 1)
        if stop > start and fall[start:stop, i].max() >= FALL:
            count += 1
    return count / face_px
