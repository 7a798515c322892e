"""Wall band: the light wall carried by the head's fringe onto darker background (issue #9, h22-curtain).

The head mask's grown fringe held the white wall beside lp_s1's hair at alpha ~1; rolled 20-30 deg it slid down
along the hair's outline as a white band over the pelmet's black and the curtain (`head_mask.hair_fringe`).
`wall_band` counts the frame's pixels outside the target's face oval (grown by `NEAR` face sizes: the moved face's
own light skin over the photo's hair is not background) that are as light as the wall (grey at least `WALL`) and
lighter by at least `LIGHTER` than both the photo and the plate there: light that neither the background in place
nor the fill behind the head shows. The source repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, polygon_mask
from facereel.face import landmark_ids as ids

NEAR = 0.05
"""Face sizes past the target's face oval before a pixel is read."""
WALL = 180
"""Grey level: a band pixel is at least this light (lp_s1's wall ~205)."""
LIGHTER = 60
"""Grey levels: a band pixel is this much lighter than the photo and the plate at its place."""


def wall_band(frame: np.ndarray, photo: np.ndarray, plate: np.ndarray, target: np.ndarray) -> int:
    """Pixels of the wall band (module doc) on `frame`, beside `photo` and the `plate` behind the head ((h, w, 3)
    uint8 RGB each, the plate the photo outside the engine's crop); target: (478, 2+) px, the frame's landmarks."""
    grey = [cv2.cvtColor(a, cv2.COLOR_RGB2GRAY).astype(np.int16) for a in (frame, photo, plate)]
    oval = polygon_mask([target[list(ids.FACE_OVAL), :2]], grey[0].shape, (0.0, 0.0)) > 0.5
    outside = cv2.distanceTransform((~oval).astype(np.uint8), cv2.DIST_L2, 3) > NEAR * face_size(target)
    band = outside & (grey[0] >= WALL) & (grey[0] - np.maximum(grey[1], grey[2]) >= LIGHTER)
    return int(np.count_nonzero(band))
