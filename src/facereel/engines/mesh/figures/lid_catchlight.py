"""A catchlight under a lowered lid: `lid_light` (issue #9).

A squinting lid (sr_8 at 448 x lp_d3 5-40, frames 4-15, image-right eye) comes down to 1-2 px above the iris's
catchlight, laid unresampled at full strength (`eye.catchlight`): a cyan dot in the lid's dark band (the lash line and
the shadow under the lid's edge). `lid_light` reads the brightest spot under the lid's edge: the highest white top-hat
(grey levels, 0-255; a disc of `eye.catchlight.spot_radius`) over the target's iris disc from above the tracked upper
lid down to `NEAR` target eye widths under it (the width of the lash line drawn along a lowered lid's edge,
`eye.eyes.LASH_WIDTH`: 1.5 px on sr_8 at 448). NaN where the band holds fewer than `LEAST` pixels of the disc.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import (
    box_around,
    disc_kernel,
    grey_image,
    polygon_mask,
)
from facereel.engines.mesh.eye.catchlight import spot_radius
from facereel.engines.mesh.eye.eyes import LASH_WIDTH
from facereel.engines.mesh.figures.slit_white import EYES

NEAR = 1.0 / LASH_WIDTH  # target eye widths under the upper lid read: the drawn lash line's width
LEAST = 4  # disc pixels in the band below which an eye is not read


def lid_light(frame: np.ndarray, points: np.ndarray, eye: str) -> float:
    """Grey levels: the highest white top-hat in the band under `eye`'s ("image-left" / "image-right") upper lid
    (module docstring) of `frame` (H, W, 3) uint8 RGB whose landmarks are `points` (478, >=2) px."""
    upper, _, iris = EYES[eye]
    pts = np.asarray(points, np.float32)[:, :2]
    lid = pts[list(upper)]
    centre = pts[iris[0]]
    radius = float(np.linalg.norm(pts[list(iris[1:])] - centre, axis=1).mean())
    width = float(np.linalg.norm(lid[-1] - lid[0]))
    band = np.vstack([lid + (0, NEAR * width), (lid - (0, 2 * radius))[::-1]])
    x0, y0, x1, y1 = box_around(np.vstack([band, centre[None]]), radius + 2, (frame.shape[1], frame.shape[0]))
    ys, xs = np.mgrid[y0:y1, x0:x1]
    read = (polygon_mask([band], (y1 - y0, x1 - x0), (x0, y0)) > 0.5) & (np.hypot(xs - centre[0], ys - centre[1])
                                                                         <= radius)
    if int(read.sum()) < LEAST:
        return float("nan")
    top_hat = cv2.morphologyEx(grey_image(frame[y0:y1, x0:x1]), cv2.MORPH_TOPHAT, disc_kernel(spot_radius(radius)),
                               borderType=cv2.BORDER_REPLICATE)
    return float(top_hat[read].max())
