"""The photo's shadowed jaw underside drawn as the moved head's lower rim over a lit neck: a second chin (issue #9).

sr_4 x lp_d12 cut at 140 (512 px, frames 26-32; h50-chin): the head moved ~0.4 face sizes right carries the photo's
shadowed left jaw underside (the head layer's last rows above its end, lightness ~55 where the photo's neck beside
it is as dark) over the neck laid under it, lit (~100-120): a dark stroke along the drawn head's lower outline left
of the chin, read as a second chin. `chin_ghost` reads the neck 0.03-0.1 face sizes under the outline within 0.1
face sizes of the chin and so misses it (the stroke lies on the outline, 0.2-0.3 face sizes left of the chin).

`rim_depth`: in each column within `SPAN` face sizes of the chin where the head alpha has a lower outline (its last
row >= 0.5 going down from `ABOVE` face sizes above the chin, `chin_edge.lower_outline`), 1 minus the darkest
lightness (OpenCV's 8-bit Lab L) of its last `RIM` face sizes of rows and the row below over the lesser of the medians
of the jaw above (`JAW`) and the neck below (`NECK`) (0 where not darker than both): a thin dark line between them
reads high, a chin's own soft underside shading, darkening over more rows than `JAW` leaves, low (lp_s1); the `SHARE`
quantile over the columns (the stroke need not span them all). `chin_rim` is the rendered frame's minus the photo's own (its head alpha, its chin): 0 on the source
repeated (and while the chin moved less than `chin_ghost.MOVED`), > 0 where the moved head's rim is a darker line
between the jaw and the neck than the photo's jaw contour is: sr_4 0.25-0.29 on frames 26-32, lp_s1 0.10-0.13.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.chin_edge import lower_outline
from facereel.engines.mesh.figures.chin_ghost import MOVED

SPAN = 0.4
"""Face sizes either side of the chin landmark (152) whose columns are read."""
ABOVE = 0.4
"""Face sizes above the chin from which each column's lower outline is looked for going down."""
RIM = 0.03
"""Face sizes: the head's last rows above its lower outline (and the row below it), the rim."""
JAW = (0.03, 0.05)
"""Face sizes above the outline: the jaw's skin the rim is read against."""
NECK = (0.03, 0.08)
"""Face sizes below the outline: the neck the rim is read against."""
SHARE = 0.75
"""The quantile over the columns taken."""


def rim_depth(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float) -> float:
    """Share of the lightness in [0, 1]: the `SHARE` quantile over the chin's columns of how much darker the head's
    lower rim is than both the jaw above and the neck below it.

    frame: (h, w, 3) uint8 RGB; alpha: (h, w) float32 in [0, 1], the head layer's alpha as drawn on it
    (`MeshAnimator.drawn_alpha`; the source's own `layer.alpha` on the photo); chin: (2,) px, the chin landmark;
    face_px: the face size, px. NaN when no column's windows lie inside the frame.
    """
    lightness = cv2.cvtColor(frame, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    h = alpha.shape[0]
    rim = max(1, round(RIM * face_px))
    jaw = [max(1, round(v * face_px)) for v in JAW]
    neck = [max(1, round(v * face_px)) for v in NECK]
    depths = []
    for x, y in lower_outline(alpha, chin, face_px, SPAN, ABOVE):
        if y - jaw[1] < 0 or y + neck[1] > h:
            continue
        column = lightness[:, x]
        darkest = float(column[y - rim + 1:y + 2].min())
        sides = min(float(np.median(column[y - jaw[1]:y - jaw[0] + 1])), float(np.median(column[y + neck[0]:y + neck[1]])))
        depths.append(max(1 - darkest / max(sides, 1.0), 0.0))
    return float(np.quantile(depths, SHARE)) if depths else float("nan")


def chin_rim(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, source: np.ndarray, source_alpha: np.ndarray,
             source_chin: np.ndarray, face_px: float) -> float:
    """Share of the lightness: `rim_depth` of a rendered frame (its drawn head alpha and chin) minus that of the photo
    (`source` (h, w, 3) uint8 with the source's head alpha and chin); 0 while the chin moved less than `MOVED` face
    sizes (the source repeated)."""
    if np.linalg.norm(np.asarray(chin, float) - np.asarray(source_chin, float)) < MOVED * face_px:
        return 0.0
    return rim_depth(frame, alpha, chin, face_px) - rim_depth(source, source_alpha, source_chin, face_px)
