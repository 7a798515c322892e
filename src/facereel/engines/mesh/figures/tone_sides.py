"""Hard vertical sides inside the neck's shadowed tone: blocks under a moved jaw (issue #9, h27-staircase).

sr_8 (own size) x sr_1 frames 30-80, output frames 22-28 (the head moved ~0.3 face sizes left and down): between the
moved jaw and the neck (x 710-930, y 410-585) the tone showed a staircase of dark and light rectangular blocks. The
photo's jaw shadow right of its chin lightens gradually along the jaw; `shadow_band.dark_rim` took it column by
column, so the tone was the rim's dark colour up to one column and the lit neck mirrored up (`neck._mirrored`) in
the few columns beside it: vertical sides the neck's warp sheared into steps.

`side_steps` counts, where the frame shows the tone (`tone_shown`: the drawn tone's share over half, the head's
alpha under `HEAD_ALPHA`), the pixel pairs side by side whose grey levels differ by at least `STEP`: the photo's own
soft shading there (the source repeated, read on the same pixels) has none.
"""

from __future__ import annotations

import cv2
import numpy as np

STEP = 6.0
"""Grey levels between two pixels side by side from which a pair is a hard side (sr_8's photo under the jaw: at
most 4, the rim's side in the tone 6-30)."""
HEAD_ALPHA = 0.05
"""The drawn head alpha under which the tone shows (the head's soft edge over it left out)."""


def tone_shown(tone: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """(h, w) bool: where a frame shows the neck's tone: its share of the plate laid (`MeshAnimator.drawn_tone`,
    (h, w) float32) over half and the drawn head alpha (`MeshAnimator.drawn_alpha`, (h, w) float32) under
    `HEAD_ALPHA`."""
    return (tone > 0.5) & (alpha < HEAD_ALPHA)


def side_steps(frame: np.ndarray, shown: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """The pixel pairs side by side, both `shown` ((h, w) bool) and inside `box` ((x0, y0, x1, y1) px), whose grey
    levels in `frame` ((h, w, 3) uint8 RGB) differ by at least `STEP`."""
    x0, y0, x1, y1 = box
    grey = cv2.cvtColor(frame[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).astype(np.float32)
    inside = shown[y0:y1, x0:x1]
    pairs = inside[:, 1:] & inside[:, :-1]
    return int((pairs & (np.abs(grey[:, 1:] - grey[:, :-1]) >= STEP)).sum())
