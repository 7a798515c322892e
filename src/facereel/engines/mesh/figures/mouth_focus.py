"""An open mouth's interior sharper than the face round it (issue #9), read on a frame and its (478, 3) px landmarks.

lp_s5 shrunk to 256 px and given at 1024 x lp_d18 60-90 (`--mouth driver`), frames 6-24: the driver's interior,
magnified and unsharp-masked (`mouth_driver.sharpened`), crisp with a polygon's outline in the blurred face. A
photo's opening is as sharp as its face.

`opening_focus`: the `mouth_finish.fine_share` (detail energy under 1 px against 1-2 px) of the opening and its
outline (`mouth_finish.opening_seen`) over the face's round it (`mouth_finish.face_share`); NaN where the opening is
under `teeth_band.TALKING` mouth widths or that area holds under `MIN_PX` pixels.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_finish import face_share, fine_share, opening_seen
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap

MIN_PX = 40
"""Fewest pixels of the opening and its outline the figure reads."""


def opening_focus(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """The opening's fine detail share over the face's round it (module docstring) in (H, W, 3) uint8 RGB `frame`
    with (478, 3) px `landmarks`: about 1 or under on a photo's own open mouth."""
    if not teeth_band_reads(landmarks, TALKING):
        return float("nan")
    poly = np.asarray(landmarks, np.float32)[INNER_LIP_CONTOUR, :2]
    x0, y0, x1, y1 = box_around(poly, 3, (frame.shape[1], frame.shape[0]))
    seen = opening_seen(polygon_mask([poly], (y1 - y0, x1 - x0), (x0, y0)))
    if seen.sum() < MIN_PX:
        return float("nan")
    return fine_share(frame[y0:y1, x0:x1], seen) / max(face_share(frame, poly, mouth_gap(landmarks)[1]), 1e-6)
