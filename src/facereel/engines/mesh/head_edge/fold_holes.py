"""Pin holes a folded warp reads into the head layer along its neck cut, filled (issue #12 part 4).

lp_d19's frame 0 (glasses, 480 x 480) `edit --roll 30 --mouth-open 1.5 --smile 1.5`: the jaw dropped and rolled
stretches the band below the ear lobe, and its backward map folds back and forth (the map's Jacobian turns over)
across the head layer's lower edge there, where the neck layer takes the neck off the head (the head alpha ends
inside the person: the neck cut). The remapped alpha came out with 1-3 px holes inside the opaque skin along the
ear's edge, and the plate behind them (the wall there: the neck layer's plate does not move above the neck) showed as
a column of white and pink specks (`figures.lone_specks`). `FoldHoles` fills the pixels of the remapped head that a
closing of its alpha along a row, a column or a diagonal `SPECK` face sizes long raises by over `GAIN`, only where the map is folded within
`FOLD_NEAR` px, the closing reaches `OPAQUE` and the pixel reads within `CUT_NEAR` face sizes of the neck cut: the
photo's own notches (between hair strands, along its outline against the wall) stay, and where the map does not fold
(at rest, any plain motion) nothing changes, bit for bit.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np

from facereel.engines.mesh.head_edge.pendants import SPECK

GAIN = 0.3
"""Alpha: a pixel the closing raises by more than this is in a hole (lp_d19's holes 0.0-0.4 inside skin at 1.0; the
anti-aliased outline's own steps stay under it)."""

FOLD_NEAR = 1
"""Px: a hole is the fold's where the map folds (its Jacobian's determinant <= 0) this near it (lp_d19: 23 of the 57
hole pixels along the ear lie on a folded pixel, 56 within 1 px; the fold turns over between samples)."""

CUT_NEAR = 0.014
"""Face sizes: a hole is the neck cut's where the map reads it this near a pixel of the cut (the photo's head alpha <
0.5 inside its person, beside alpha >= 0.5): the fold reads into the strip of the person under the lobe the head
lacks (lp_d19, face 284 px: of the 56 folded hole pixels along the ear 49 read within 2 px, 54 within 3, all within
4 px = 0.014)."""

OPAQUE = 0.95
"""Alpha: a hole is filled only where the closing reaches this (lp_d19's holes along the ear lie between skin at 1.0;
a notch in the head's edge closes lower: sr_18's under its ear on preset:turn 25, astronaut's jaw step on
preset:turn 43 at 0.92 by a disc), and its colour is read from the pixels at or over it round it (the opaque skin: an edge
pixel's premultiplied colour, unmixed against a plate it no longer lies over, drew a pink dot on sr_18)."""

ROUND = 5
"""Px: the side of the square whose opaque pixels (`OPAQUE`) give a filled pixel its colour (holes 1-3 px wide: a ring
of 1-2 px of the skin round them)."""


def closing(alpha: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32: the largest of the grey closings of `alpha` ((h, w) float32 in [0, 1]) along the rows, the
    columns and both diagonals over `SPECK` face sizes (`face_px` px), at least 3 px: a pixel is raised only where
    the head lies on both its sides along a line (a hole between the lobe's sliver and the skin), less into a
    concave corner of the outline than by a disc (a disc's closing filled astronaut x preset:turn 43's jaw step, 1
    px that moved `figures.neck_ghost` 1.03 -> 0.97)."""
    side = 2 * max(1, round(SPECK * face_px / 2)) + 1
    lines = (np.ones((1, side), np.uint8), np.ones((side, 1), np.uint8), np.eye(side, dtype=np.uint8),
             np.fliplr(np.eye(side, dtype=np.uint8)).copy())
    closed = [cv2.morphologyEx(alpha, cv2.MORPH_CLOSE, line, borderType=cv2.BORDER_REPLICATE) for line in lines]
    return functools.reduce(np.maximum, closed)  # (not np.max of the stack: a copy of all four)


def folded_near(maps: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """(N,) bool: whether the backward map `maps` ((b, a, 2) float32 px, b and a >= 2) turns over (the determinant of
    its Jacobian <= 0, by np.gradient's differences: central, one-sided on the edge) within `FOLD_NEAR` px (a
    square) of each pixel rows, cols ((N,) int): read at those few pixels only (over the whole head box it cost ~1.7
    CPU ms a frame on lp_s1 512 x lp_d3)."""
    b, a = maps.shape[:2]
    near = np.zeros(len(rows), bool)
    for dy in range(-FOLD_NEAR, FOLD_NEAR + 1):
        for dx in range(-FOLD_NEAR, FOLD_NEAR + 1):
            y, x = rows + dy, cols + dx
            inside = (y >= 0) & (y < b) & (x >= 0) & (x < a)
            y, x = y[inside], x[inside]
            along_x, along_y = _difference(maps, y, x, 1), _difference(maps, y, x, 0)
            near[inside] |= along_x[:, 0] * along_y[:, 1] - along_y[:, 0] * along_x[:, 1] <= 0
    return near


def _difference(maps: np.ndarray, y: np.ndarray, x: np.ndarray, axis: int) -> np.ndarray:
    """(N, 2) float32: np.gradient of `maps` ((b, a, 2) float32) along `axis` (0: down the rows, 1: along them) at
    the pixels y, x ((N,) int): half the difference of the two neighbours, the one-sided difference on the edge."""
    n = maps.shape[axis]
    at = (y, x)[axis]
    before, after = np.maximum(at - 1, 0), np.minimum(at + 1, n - 1)
    step = maps[after, x] - maps[before, x] if axis == 0 else maps[y, after] - maps[y, before]
    inner = (at > 0) & (at < n - 1)
    step[inner] = step[inner] / 2.0
    return step


def neck_cut(alpha: np.ndarray, person: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) bool: the pixels within `CUT_NEAR` face sizes (`face_px` px), at least 1 px, of the head's lower edge
    inside the person (head `alpha` < 0.5 where `person` > 0.5, beside alpha >= 0.5; both (h, w) float32 in [0, 1])."""
    near = max(1, round(CUT_NEAR * face_px))
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * near + 1, 2 * near + 1))
    inside = ((alpha < 0.5) & (person > 0.5)).astype(np.uint8)
    return (cv2.dilate(inside, disc) > 0) & (cv2.dilate((alpha >= 0.5).astype(np.uint8), disc) > 0)


class FoldHoles:
    """Fills the holes a folded map reads into a head layer along its neck cut (module docstring). alpha, person:
    (H, W) float32 in [0, 1] on the crop, the head layer's alpha and the person; face_px: px."""

    def __init__(self, alpha: np.ndarray, person: np.ndarray, face_px: float) -> None:
        self.cut = neck_cut(alpha, person, face_px)  # (H, W) bool on the crop
        self.face_px = face_px

    def fill(self, head: np.ndarray, maps: np.ndarray) -> None:
        """Sets in place the fold's holes of `head` ((b, a, 4) float32, premultiplied colour and alpha, remapped by
        `maps` (b, a, 2) float32 crop px) along the neck cut to the colour of the opaque skin round them, at the
        closing's alpha."""
        closed = closing(head[..., 3], self.face_px)
        holes = closed - head[..., 3] > GAIN
        if not holes.any():
            return
        rows, cols = np.nonzero(holes & (closed >= OPAQUE))
        h, w = self.cut.shape
        at = np.rint(maps[rows, cols]).astype(np.intp)
        on_cut = self.cut[np.clip(at[:, 1], 0, h - 1), np.clip(at[:, 0], 0, w - 1)]
        rows, cols = rows[on_cut], cols[on_cut]
        fold = folded_near(maps, rows, cols)
        rows, cols = rows[fold], cols[fold]
        if not len(rows):
            return
        opaque = np.where((head[..., 3] >= OPAQUE)[..., None], head, 0)
        summed = cv2.boxFilter(opaque, -1, (ROUND, ROUND), normalize=False, borderType=cv2.BORDER_REPLICATE)
        skin = summed[rows, cols, 3] > 0
        rows, cols, summed = rows[skin], cols[skin], summed[rows[skin], cols[skin]]
        head[rows, cols, :3] = summed[:, :3] / summed[:, 3:] * closed[rows, cols, None]
        head[rows, cols, 3] = closed[rows, cols]
