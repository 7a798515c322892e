"""Grey smeared along a turned photo's far jaw when a turn brings it into view (issue #9 item 2).

sr_4 (own size) x preset:turn frames 82-92 (warp health up to 0.015 at 86): the photo shows the lower cheek between
his far mouth corner and jaw edge-on (19 px from mouth corner 61 to jaw point 172, 0.27 mouth widths; 0.59 on the
frontal template), its triangles turned over (`MeshAnimator._unseen`). Turned towards that side with the chin raised,
they open to 65 px (0.84 mouth widths) and read the photo's silhouette there (`fill_sources`): the moustache's
tail and the grey blend of skin and dark background at the jaw line are drawn out in a fan from the mouth corner to
the jaw angle, a grey patch at the jaw angle. `jaw_grey` is the share of the far lower cheek (the polygon
`RIGHT_CHEEK` or its mirror `LEFT_CHEEK` of the drawn landmarks) whose colour is grey: CIELAB chroma at most `GREY`
and L* at least `DARK` (not the dark moustache or background). A ratio of areas, so a cheek stretched evenly reads
as the photo does; the photo's own share is the do-nothing baseline (sr_4's 0.021).
"""

from __future__ import annotations

import numpy as np
from skimage.draw import polygon

from facereel.engines.mesh.figures.wall_strip import lab

RIGHT_CHEEK = (61, 57, 212, 214, 135, 172, 136, 150, 149, 106, 43)
"""Landmark ids: the lower cheek between the subject's right mouth corner (61) and right jaw (172, 136, 150), in
order round it (the image's left side on a frontal face)."""
LEFT_CHEEK = (291, 287, 432, 434, 364, 397, 365, 379, 378, 335, 273)
"""Landmark ids: `RIGHT_CHEEK`'s mirror on the subject's left side (the same canonical points, x negated)."""
GREY = 21.0
"""CIELAB chroma: at most this coloured is the smear's grey (sr_4 x preset:turn 86's patch at the jaw angle 15-21,
RGB ~110, 83, 60; his lower cheek's skin 23-30)."""
DARK = 30.0
"""CIELAB L*: darker than this is the moustache itself or the background beyond the jaw (sr_4's 18-28), not the
grey drawn out of them."""


def jaw_grey(frame: np.ndarray, landmarks: np.ndarray, right: bool) -> float:
    """Share (0-1) of the lower cheek on the subject's right (`right`, `RIGHT_CHEEK`) or left (`LEFT_CHEEK`) side of
    `frame` ((H, W, 3) uint8 RGB, its face at `landmarks` (478, 2+) px) that is grey (`GREY`, `DARK`); 0 where the
    cheek covers no pixel of the frame."""
    points = np.asarray(landmarks, np.float64)[list(RIGHT_CHEEK if right else LEFT_CHEEK), :2]
    rows, cols = polygon(points[:, 1], points[:, 0], frame.shape[:2])
    if len(rows) == 0:
        return 0.0
    colour = lab(frame[rows, cols][None])[0]
    grey = (np.hypot(colour[:, 1], colour[:, 2]) <= GREY) & (colour[:, 0] >= DARK)
    return float(grey.mean())
