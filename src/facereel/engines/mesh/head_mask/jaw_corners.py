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
WALL_PX = 2
"""px: the half width of the cracks along a closed notch's walls that are closed (`close_walls`)."""
OUTSIDE = 0.25
"""Head alpha under which a pixel is outside the head (`inside_outline`)."""
OUTLINE_PX = 2.5
"""px: the cracks along a notch's walls nearer than this to the head's outside are kept (`inside_outline`)."""


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
    notch = cv2.morphologyEx(notch, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    left = np.zeros_like(notch)  # the notch's pixels left out as background: their walls stay soft round them
    if background is not None:
        left[background] = notch[background]
        notch[background] = 0
    soft = notch.astype(np.float32)
    soft = np.maximum(soft, cv2.GaussianBlur(soft, (0, 0), 1.0))  # whole inside, soft at its open side
    return close_walls(np.maximum(head, soft).astype(np.float32), notch, left, near)


def close_walls(head: np.ndarray, notch: np.ndarray, left: np.ndarray, near: np.ndarray) -> np.ndarray:
    """(h, w) float32: `head` ((h, w) float32 in [0, 1], the head mask with the notch filled) with the valleys
    narrower than 2 `WALL_PX` + 1 px along the filled `notch` ((h, w) uint8 in {0, 1}) closed (a grey closing by a
    disc), within `WALL_PX` of it, on `near` ((h, w) uint8, the jaw angles' reach) and not within `WALL_PX` of `left`
    ((h, w) uint8, the notch's pixels left out as background). The notch's walls are the head's own soft edge (0.5-0.95
    beside the filled notch at 1): left as they were, a crack 1-2 px wide ran inside the closed head along each wall
    (grace_hopper's ear lobes, 512 px high: moved over another plate, the plate showed through it as a pale streak).
    A wider soft patch beside the notch keeps its alpha (a closing keeps a step's two sides). Not within
    `OUTLINE_PX` of the head's outside (`inside_outline`), nor beside the notch's pixels there: a notch pixel on the
    outline's soft edge (a 1 px dent the notch's closing filled) has no walls, only that edge round it (lp_s5 512's
    near jaw: its 0.57-0.87 edge raised to 0.85-0.97 round one such pixel, four cracks between them, `notch_crack`
    0.103 -> 0.140)."""
    kernel = disc_kernel(WALL_PX)
    inside = inside_outline(head)
    walled = notch * inside.astype(np.uint8)  # the notch's pixels off the outline
    beside = (cv2.dilate(walled, kernel) & near & (1 - cv2.dilate(left, kernel))) > 0
    closed = cv2.morphologyEx(head, cv2.MORPH_CLOSE, kernel, borderType=cv2.BORDER_REPLICATE)
    return np.where(beside & inside, closed, head).astype(np.float32)


def inside_outline(head: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels of `head` ((h, w) float32 in [0, 1], the head mask with the notch filled) over
    `OUTLINE_PX` px from its outside (alpha under `OUTSIDE`). Where a notch opens onto the head's outline the crack
    along its wall is the outline's own soft edge, a mix of the head and the photo's background: closed, that
    background was carried with the head (lp_s0 512's near jaw over the sofa: two pixels of her cheek's edge mixed
    with the dark leaf, 0.64-0.78 raised to 1, a dark dash at the turned jaw, tests/mesh/test_carried_fringe.py)."""
    far = cv2.distanceTransform((head >= OUTSIDE).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    return far > OUTLINE_PX

