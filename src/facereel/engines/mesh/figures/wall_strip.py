"""Wall strip: the wall shown at the frame's side where a photo cut there showed hair (issue #9).

A portrait cut at the frame's side (lp_s1 cut at x 320-1145, y 150-1145: her near ear and hair off the left edge)
driven by lp_d12 90-150: a head moved 20-40 px away from the cut drew the photo's cut side moved and, between it and
the frame's edge, the plate's fill, a white strip of wall (frames 24, 48), where the whole photo shows hair going on.
`wall_strip` is the mean over a band of rows of how many px from the cut side each row runs before its colour comes
within `NEAR` of the photo's own side pixel in that row: 0 for the source repeated, the strip's width where the wall
shows. From the frame and the photo alone.
"""

from __future__ import annotations

import cv2
import numpy as np

NEAR = 30.0
"""CIELAB distance under which a frame's pixel is taken for the photo's side pixel of its row (hair against hair of
another strand reads 5-25; the white wall against lp_s1's brown hair 60 or more)."""


def lab(pixels: np.ndarray) -> np.ndarray:
    """(..., 3) float32 CIELAB of (..., 3) uint8 RGB `pixels`."""
    return cv2.cvtColor(np.ascontiguousarray(pixels).astype(np.float32) / 255, cv2.COLOR_RGB2LAB)


def wall_strip(frame: np.ndarray, source: np.ndarray, rows: tuple[int, int], left: bool = True) -> float:
    """Mean px (over `rows` (y0, y1)) from the cut side (`left` or right) of `frame` ((H, W, 3) uint8 RGB) to its
    first pixel within `NEAR` of the photo `source`'s ((H, W, 3) uint8 RGB) side pixel in that row (W: none is)."""
    y0, y1 = rows
    band, side = (frame[y0:y1], source[y0:y1, :1]) if left else (frame[y0:y1, ::-1], source[y0:y1, -1:])
    near = np.linalg.norm(lab(band) - lab(side), axis=-1) < NEAR  # (rows, W)
    runs = np.where(near.any(1), near.argmax(1), near.shape[1])
    return float(runs.mean())
