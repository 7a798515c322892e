"""A pale line of the driver's own lower lip left under its carried teeth (issue #9), read on a rendered frame and
its (478, 3) px landmarks.

lp_d11's frame 124 as a still at 320 px x lp_d19 195-230 (a thin grin with teeth): lp_d19's tracked inner-lip contour
holds 1-3 px of its lower lip on its right half; kept short and hung from the child's upper lip (`slit_stretch`),
that band runs as a pale pink line (L* 34-41, a* over b*) under the teeth (a* under b*), over the cavity below
(L* 10-27). Its lips match the child's in colour (CIELAB < 6), so `lip_band_cut` leaves it in.

`teeth_lip_line`: per column of the opening (the inner-lip contour), the lowest teeth pixel (L* at least
`TEETH_L`, a* under b*: yellow-grey, not pink); within `BELOW_PX` px under it, a lip-hued pixel (a* over b* by
`LIP_WARMTH`) lighter by `LIFT` L* than the darkest pixel in the `BELOW_PX` px under that one (a pale ridge over
the cavity). The share of the columns with teeth that hold such a ridge; 0 without teeth (the still repeated: the
child's lower teeth are pink, a* over b*).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab

TEETH_L = 40.0
"""CIELAB L*: a teeth pixel at least this light (lp_d19's matched teeth 44-64; the cavity and lips under 41)."""
LIP_WARMTH = 3.0
"""CIELAB a* - b*: a pixel this much redder than yellow reads lip-hued (the line 3-8; lp_d19's teeth -4 to -1)."""
LIFT = 8.0
"""CIELAB L*: a lip-hued pixel this much lighter than the darkest under it reads as a line (the line 10-24 over the
cavity; a lip's own shading into the cavity takes it darker, not lighter)."""
BELOW_PX = 4
"""px: how far under the teeth the line is sought, and how far under it the cavity."""


def teeth_lip_line(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Share (0-1) of the columns with teeth inside (H, W, 3) uint8 RGB `frame`'s inner-lip opening (landmarks
    (478, 2+) px) holding a pale lip-hued ridge under their teeth (module docstring)."""
    pts = np.asarray(landmarks, np.float32)[:, :2]
    x0, y0, x1, y1 = box_around(pts[INNER_LIP_CONTOUR], 2 * BELOW_PX, (frame.shape[1], frame.shape[0]))
    inside = polygon_mask([pts[INNER_LIP_CONTOUR]], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    lab = to_lab(frame[y0:y1, x0:x1].astype(np.float32))
    light, warmth = lab[..., 0], lab[..., 1] - lab[..., 2]
    teeth = inside & (light >= TEETH_L) & (warmth < 0)
    h = light.shape[0]
    columns = lines = 0
    for x in np.flatnonzero(teeth.any(0)):
        columns += 1
        low = int(np.flatnonzero(teeth[:, x])[-1])
        for y in range(low + 1, min(low + 1 + BELOW_PX, h - 1)):
            under = light[y + 1:min(y + 1 + BELOW_PX, h), x]
            if warmth[y, x] >= LIP_WARMTH and light[y, x] - under.min() >= LIFT:
                lines += 1
                break
    return lines / columns if columns else 0.0
