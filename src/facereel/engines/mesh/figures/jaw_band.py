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

`flat_band` reads how much of that band is laid without grain (grace_hopper x preset:turn at 512, frames 42-46: the
band laid on the plate's grain-free fill right of her turned chin, a flat grey-brown strip): per read column of the
frame, the band window's shortfall weighed by how much flatter it is there than the photo's jaw skin (1 - the
frame's `jaw_shadow.fine_grain` over the photo's median fine grain `BAND` face sizes above its head's lower edge in
its read columns, at least 0), summed; the median over the columns over the photo's band darkness. The source
repeated reads ~0.01 (its band is as grained as its jaw); a band laid flat 0.3.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.neck_layer.jaw_shadow import fine_grain

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


def _windows(face_px: float) -> tuple[int, int]:
    """Rows of the band window and of the neck level's below it (`BAND`, `LEVEL` face sizes)."""
    return max(2, round(BAND * face_px)), max(2, round(LEVEL * face_px))


def _read_columns(lab: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float) -> list[tuple[int, int]]:
    """(column, first row below the head) of the columns read (module doc) under the head whose alpha is `alpha`
    ((h, w) float32) in the image whose 8-bit OpenCV Lab is `lab` ((h, w, 3) uint8), within `SPAN` face sizes of
    the chin (`chin`, (2,) px)."""
    warm, lit = lab[..., 1] >= SKIN_A, lab[..., 0] >= SKIN_L
    head = alpha >= 0.5
    h, w = head.shape
    band, level = _windows(face_px)
    x0, x1 = (int(np.clip(round(chin[0] + s * SPAN * face_px), 0, w)) for s in (-1, 1))
    out = []
    for x in range(x0, x1):
        rows = np.flatnonzero(head[:, x])
        if not len(rows):
            continue
        top = rows[-1] + 1
        window = slice(top, top + band + level)
        if window.stop <= h and warm[window, x].all() and lit[top + band:window.stop, x].all():
            out.append((x, top))
    return out


def _shortfalls(image: np.ndarray, alpha: np.ndarray, chin: np.ndarray,
                face_px: float) -> tuple[np.ndarray, list[tuple[int, int]], np.ndarray]:
    """Per read column (`_read_columns`) of `image` ((h, w, 3) uint8 RGB): the band window's lightness shortfall under
    the column's neck level (module doc), (c, band rows) float32 8-bit L; the columns; and the image's lightness
    ((h, w) float32 8-bit L)."""
    lab = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB)
    grey = lab[..., 0].astype(np.float32)
    smooth = cv2.GaussianBlur(grey, (0, 0), max(0.005 * face_px, 0.5))
    band, level = _windows(face_px)
    columns = _read_columns(lab, alpha, chin, face_px)
    out = np.zeros((len(columns), band), np.float32)
    for k, (x, top) in enumerate(columns):
        neck = float(np.median(smooth[top + band:top + band + level, x]))
        out[k] = np.clip(neck - smooth[top:top + band, x], 0, None)
    return out, columns, grey


def band_darkness(image: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float) -> tuple[float, int]:
    """The median over the read columns of the band's darkness (L times face sizes, module doc) under the head
    whose alpha is `alpha` ((h, w) float32) in `image` ((h, w, 3) uint8 RGB), the columns within `SPAN` face
    sizes of the chin (`chin`, (2,) px); and how many columns were read (NaN with fewer than `MIN_COLUMNS`)."""
    shortfall, columns, _ = _shortfalls(image, alpha, chin, face_px)
    if len(columns) < MIN_COLUMNS:
        return float("nan"), len(columns)
    return float(np.median(shortfall.sum(1) / face_px)), len(columns)


def _jaw_skin_grain(image: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float) -> float:
    """Grey levels: the head's fine grain (`jaw_shadow.fine_grain`) in `image` ((h, w, 3) uint8 RGB), the median over
    the head (`alpha`, (h, w) float32, > 0.99) `BAND` face sizes above where it ends in the read columns (within
    `SPAN` of the chin, (2,) px); NaN with fewer than `MIN_COLUMNS` columns."""
    lab = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB)
    columns = _read_columns(lab, alpha, chin, face_px)
    if len(columns) < MIN_COLUMNS:
        return float("nan")
    grain = fine_grain(lab[..., 0].astype(np.float32), face_px)
    band = _windows(face_px)[0]
    values = [grain[max(0, top - band):top, x][alpha[max(0, top - band):top, x] > 0.99] for x, top in columns]
    values = np.concatenate(values)
    return float(np.median(values)) if len(values) else float("nan")


def flat_band(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, source: np.ndarray, source_alpha: np.ndarray,
              source_chin: np.ndarray, face_px: float) -> float:
    """The band's darkness laid without grain under the moved jaw, a share of the photo's band's darkness (module
    doc): per read column of `frame`, the band window's shortfall under the neck level weighed by how much flatter
    the frame is there than the photo's jaw skin (1 - `jaw_shadow.fine_grain` over the photo's, `_jaw_skin_grain`,
    at least 0), summed (L times face sizes); the median over the columns, over the photo's `band_darkness`.
    Arguments as `band_loss`'s. NaN where either is not read."""
    photo, _ = band_darkness(source, source_alpha, source_chin, face_px)
    skin = _jaw_skin_grain(source, source_alpha, source_chin, face_px)
    shortfall, columns, grey = _shortfalls(frame, alpha, chin, face_px)
    if len(columns) < MIN_COLUMNS or not photo > 0 or not skin > 0:
        return float("nan")
    grain = fine_grain(grey, face_px)
    band = shortfall.shape[1]
    flat = np.stack([np.clip(1 - grain[top:top + band, x] / skin, 0, 1) for x, top in columns])
    return float(np.median((shortfall * flat).sum(1) / face_px) / photo)


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
