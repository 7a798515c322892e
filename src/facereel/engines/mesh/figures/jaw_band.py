"""The soft shadow band under a moved jaw, against the photo's under its own jaw (issue #9).

sr_18 x preset:turn at 512 (frames 12-22, 33-48): the photo's jaw casts a soft dark band ~0.06 face sizes
tall on the neck; with `jaw_shadow` it was lifted where it was and laid back only as a thin line or not at
all under the moved jaw (the line laid by the jaw's landmark offset fell partly under the moved head).
`band_loss` reads, per column within `SPAN` face sizes of the chin, the lightness profile from the head's
lower edge (the lowest row of head alpha >= 0.5) down `BAND` face sizes, against the column's neck level
`BAND` to `BAND + LEVEL` below the edge (median); the band's darkness is the sum of the profile's shortfall
under that level (8-bit OpenCV L times face sizes). Only columns whose whole window is warm (skin and its
shadow: OpenCV a >= `SKIN_A`) and whose level is lit skin (L >= `SKIN_L`) are read (not the dark jacket or
background beside a turned chin); the median over them. On
the frame (drawn alpha, moved chin) and on the photo (its own alpha and chin):
1 - frame / photo, the share of the photo's band missing under the moved jaw: 0 on the source repeated, 1
with no band, < 0 darker than the photo's. NaN while fewer than `MIN_COLUMNS` columns read.
"""

from __future__ import annotations

import cv2
import numpy as np

SPAN = 0.3
"""Face sizes either side of the chin's column: the jaw's columns read."""
BAND = 0.08
"""Face sizes below the head's lower edge: the shadow band's window."""
LEVEL = 0.06
"""Face sizes below the band: the neck's level it is read against."""
MIN_COLUMNS = 5
"""Columns a read needs."""
SKIN_L = 90
"""8-bit OpenCV L under which the neck's level is not lit skin (sr_18's jacket and background read < 15, its
lit neck ~170; the band's core reads 60-80)."""
SKIN_A = 136
"""8-bit OpenCV a under which a pixel is not skin nor its shadow (sr_18's jacket and background read ~128,
its neck and the band under the jaw 140-153)."""


def band_darkness(image: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float) -> tuple[float, int]:
    """The median over the read columns of the band's darkness (L times face sizes, module doc) under the head
    whose alpha is `alpha` ((h, w) float32) in `image` ((h, w, 3) uint8 RGB), the columns within `SPAN` face
    sizes of the chin (`chin`, (2,) px); and how many columns were read (NaN with fewer than `MIN_COLUMNS`)."""
    lab = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB)
    lightness = cv2.GaussianBlur(lab[..., 0].astype(np.float32), (0, 0), max(0.005 * face_px, 0.5))
    warm, lit = lab[..., 1] >= SKIN_A, lab[..., 0] >= SKIN_L
    head = alpha >= 0.5
    h, w = head.shape
    band, level = max(2, round(BAND * face_px)), max(2, round(LEVEL * face_px))
    x0, x1 = (int(np.clip(round(chin[0] + s * SPAN * face_px), 0, w)) for s in (-1, 1))
    reads = []
    for x in range(x0, x1):
        rows = np.flatnonzero(head[:, x])
        if not len(rows):
            continue
        top = rows[-1] + 1
        window = slice(top, top + band + level)
        if window.stop > h or not (warm[window, x].all() and lit[top + band:window.stop, x].all()):
            continue
        neck = float(np.median(lightness[top + band:window.stop, x]))
        reads.append(np.clip(neck - lightness[top:top + band, x], 0, None).sum() / face_px)
    if len(reads) < MIN_COLUMNS:
        return float("nan"), len(reads)
    return float(np.median(reads)), len(reads)


def band_loss(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, source: np.ndarray,
              source_alpha: np.ndarray, source_chin: np.ndarray, face_px: float) -> float:
    """1 - the frame's band darkness under the moved jaw over the photo's under its own (module doc).

    frame, source: (h, w, 3) uint8 RGB crops; alpha, source_alpha: (h, w) float32 in [0, 1], the head alpha as
    drawn on the frame (`MeshAnimator.drawn_alpha`) and the source's; chin, source_chin: (2,) px, the chin
    (landmark 152) moved and in the photo; face_px: the face size, px. NaN where either is not read.
    """
    moved, _ = band_darkness(frame, alpha, chin, face_px)
    photo, _ = band_darkness(source, source_alpha, source_chin, face_px)
    return 1.0 - moved / photo if photo > 0 else float("nan")
