"""Dark specks and crease lines along a turned photo's far cheek outline (issue #9, sr_8 x lp_d12 frames 33-49),
read from a frame's pixels and landmarks.

Turned back towards frontal, the far cheek of a turned photo unfolds: the seen triangles along its outline spread
over the frame's cheek and read the photo's outline there. Where the head mask holds the background opaque beyond the
face's colour edge (sr_8: 3-5 px of dark teal), those reads showed as 1-3 px black dots and short dark crease lines
inside the cheek. `cheek_specks` counts the pixels of the far cheek (`far_tear.cheek_box`, from the mouth corner
out) that are much darker than
the grey closing of their neighbourhood over `WIDTH` face sizes: dark features narrower than that with lighter
pixels round them. The face's own outline against a dark background is an edge, not a speck: a photo repeated reads
close to 0 (sr_8 0.0)."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.far_tear import cheek_box

WIDTH = 0.02
"""Face sizes: the closing's radius; dark features up to about twice as wide count (sr_8's dots 1-3 px, its creases
1-2 px wide at 512, face size 186 px)."""
DEPTH = 0.3
"""Of the closed lightness: a pixel at least this much darker than it is a speck (sr_8's dots 31 against the cheek's
~60-70 of 255)."""


def cheek_specks(frame: np.ndarray, landmarks: np.ndarray, side: int, size: float) -> float:
    """Face sizes^2 x 1000: the area of the dark specks and creases in the far cheek. frame: (H, W, 3) uint8 RGB;
    landmarks: (478, 2+) px, the frame's; side: the photo's far side (`far_tear.far_side`); size: the photo's face
    size px (`composite.face_size`)."""
    box = cheek_box(frame.shape[:2], landmarks, side, size, from_mouth=True)
    if box is None:
        return 0.0
    top, bottom, x0, x1 = box
    r = max(1, round(WIDTH * size))
    h, w = frame.shape[:2]
    y0, y1, c0, c1 = max(0, top - r), min(h, bottom + r), max(0, x0 - r), min(w, x1 + r)
    grey = cv2.cvtColor(np.ascontiguousarray(frame[y0:y1, c0:c1]), cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2)
    closed = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, kernel, borderType=cv2.BORDER_REPLICATE)
    specks = grey < (1 - DEPTH) * closed
    return 1000.0 * float(specks[top - y0:bottom - y0, x0 - c0:x1 - c0].sum()) / size ** 2
