"""The head mask beside the jaw corners: no thin notch between the jaw and the hair beside it.

Below the jaw line the head mask keeps only the face (`head_proxy._under_jaw`: the region under the jaw
line widens outwards from each jaw angle), while the hair beside the jaw, outside that region, is head.
Between the two a thin notch runs down from each jaw angle: the jaw line turns in towards the chin, the
region's side runs out. What lies in the notch (the hair's shadow under the jaw corner) stays in the
plate, its top (inside the plate's hole) filled with the background's colour, while the jaw and the hair
on both sides of it move: a talking head showed pale slivers (the fill in the gap) and dark ones (hair
left behind, cut along the region's side) beside the jaw corners (lp_s5 x lp_d12; `jaw_slivers`). Here
the notch joins the head: the head mask (with the hair hanging below the jaw line, `hanging_hair`, where
it is on) closed by a disc `NOTCH_WIDTH` face sizes wide, on the person, within `CORNER_REACH` face sizes of
the jaw angles.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel

NOTCH_WIDTH = 0.12
"""Face sizes: a notch of the head mask narrower than this beside a jaw corner joins the head."""
CORNER_REACH = 0.2
"""Face sizes from a jaw angle within which notches are closed."""


def close_jaw_corners(head: np.ndarray, person: np.ndarray, angles: np.ndarray, face_px: float,
                      background: np.ndarray | None = None) -> np.ndarray:
    """(h, w) float32: the head mask `head` ((h, w) float32 in [0, 1]) with its notches narrower than
    `NOTCH_WIDTH` face sizes filled where `person` ((h, w) float32 in [0, 1]) is > 0.5, within
    `CORNER_REACH` face sizes of the jaw angles `angles` ((2, 2) crop px), not on `background` ((h, w) bool,
    `jaw_edge.background_pixels`: the wall seen between an ear lobe and the jaw, which the closed notch carried
    with the head as a wall-coloured strip along the moved ear; None: all); face_px: the face size, px."""
    solid = (head > 0.5).astype(np.uint8)
    closed = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, disc_kernel(max(1, round(NOTCH_WIDTH * face_px / 2))),
                              borderType=cv2.BORDER_REPLICATE)
    near = np.zeros_like(solid)
    for x, y in np.round(angles).astype(int):
        cv2.circle(near, (int(x), int(y)), max(1, round(CORNER_REACH * face_px)), 1, -1)
    notch = ((closed > solid) & (near > 0) & (person > 0.5)).astype(np.uint8)
    notch = cv2.morphologyEx(notch, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)).astype(np.float32)
    if background is not None:
        notch[background] = 0.0
    notch = np.maximum(notch, cv2.GaussianBlur(notch, (0, 0), 1.0))  # whole inside, soft at its open side
    return np.maximum(head, notch).astype(np.float32)
