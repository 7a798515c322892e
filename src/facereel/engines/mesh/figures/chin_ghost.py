"""The photo's chin edge left on the neck after the chin moved: a second chin (issue #9).

lp_s0 x preset:turn (frames 24-48), sr_8 x preset:turn (15-21): the head mask's chin outline (the face
oval's landmarks) lay inside the photo's own chin, so when the chin moved up the chin's tip below that
outline stayed behind with the neck (laid by the neck layer right under the moved chin): a pale
chin-shaped patch with a second chin line under the real one. `neck_fall`: in each column within 0.1
face sizes of the chin (`chin_edge.lower_outline`), below a chin edge (from `GAP` to `REACH` face sizes
under it), the steepest fall of the lightness going down (lit above, shadowed below: a chin's edge),
blurred by 0.01 face sizes; the median over the columns, lightness (OpenCV's 8-bit L) per px. `chin_ghost` is that read under the drawn
head's lower outline in a rendered frame minus that read under the photo's own chin edge in the photo (the
steepest fall below the photo's head outline): ~0 where the neck under the moved chin is as plain as the
photo's neck, > 0 where a second chin edge lies on it; 0 while the chin has moved less than `MOVED`.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.chin_edge import lower_outline

GAP = 0.03
"""Face sizes below the chin edge where the window starts (past the edge's own soft shadow)."""
REACH = 0.1
"""Face sizes below the chin edge where the window ends."""
MOVED = 0.03
"""Face sizes: a chin moved less than this leaves no ghost of its edge apart from itself."""


def lightness_fall(frame: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32: how fast `frame`'s ((h, w, 3) uint8 RGB) lightness falls going down, per px."""
    lightness = cv2.cvtColor(frame, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    grey = cv2.GaussianBlur(lightness, (0, 0), max(0.01 * face_px, 0.5))
    fall = np.zeros_like(grey)
    fall[1:-1] = (grey[:-2] - grey[2:]) / 2
    return fall


def neck_fall(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float,
              to_edge: bool = False) -> float:
    """Lightness per px: the median over the chin's columns of the steepest fall of `frame`'s lightness
    going down, `GAP` to `REACH` face sizes under the chin edge.

    frame: (h, w, 3) uint8 RGB; alpha: (h, w) float32 in [0, 1], the head layer's alpha as drawn on it
    (`MeshAnimator.drawn_alpha`; the source's `layer.alpha` on the photo); chin: (2,) px in that box, the
    chin landmark; face_px: the face size, px. The chin edge is the alpha's lower outline (its last row >=
    0.5 going down), or with `to_edge` the steepest fall within 0.1 face sizes under it (the photo's own
    chin, which the outline may miss). NaN when no column's window lies inside the box.
    """
    fall = lightness_fall(frame, face_px)
    h = alpha.shape[0]
    gap, reach = max(1, round(GAP * face_px)), max(2, round(REACH * face_px))
    values = []
    for x, y in lower_outline(alpha, chin, face_px):
        if to_edge and y + reach <= h:
            y += int(fall[y:y + reach, x].argmax())
        if y + reach > h:
            continue
        values.append(float(fall[y + gap:y + reach, x].max()))
    return float(np.median(values)) if values else float("nan")


def chin_ghost(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, source: np.ndarray,
               source_alpha: np.ndarray, source_chin: np.ndarray, face_px: float) -> float:
    """Lightness per px: `neck_fall` under a rendered frame's drawn head (`alpha`, its `chin`) minus that
    under the photo's own chin edge (`source` (h, w, 3) uint8 with the source's head alpha and chin); 0 while
    the chin has moved less than `MOVED` face sizes (the source repeated)."""
    if np.linalg.norm(np.asarray(chin, float) - np.asarray(source_chin, float)) < MOVED * face_px:
        return 0.0
    return (neck_fall(frame, alpha, chin, face_px)
            - neck_fall(source, source_alpha, source_chin, face_px, to_edge=True))
