"""Pin holes a folded warp reads into the head layer along its neck cut, filled (issue #12 part 4).

lp_d19's frame 0 (glasses, 480 x 480) `edit --roll 30 --mouth-open 1.5 --smile 1.5`: the jaw dropped and rolled
stretches the band below the ear lobe, and its backward map folds back and forth (the map's Jacobian turns over)
across the head layer's lower edge there, where the neck layer takes the neck off the head (the head alpha ends
inside the person: the neck cut). The remapped alpha came out with 1-3 px holes inside the opaque skin along the
ear's edge, and the plate behind them (the wall there: the neck layer's plate does not move above the neck) showed as
a column of white and pink specks (`figures.lone_specks`). `FoldHoles` fills the pixels of the remapped head that a
closing of its alpha along a row, a column or a diagonal `SPECK` face sizes long raises by over `GAIN`, only where
the map is folded within `FOLD_NEAR` px, the closing reaches `OPAQUE`, the pixel reads within `CUT_NEAR` face sizes of
the neck cut and the fold reads the cut along at least `FOLD_LEAST` face sizes round it (`FOLD_SPAN`): the photo's own
notches (between hair strands, along its outline against the wall) stay, an ordinary turn's point fold where the hair
meets the jaw is left (filled, its crack between the skin's soft edge and a strand took the hair's colour: dark lumps
into the cheek, h33-folds), and where the map does not fold along the cut (at rest, any plain motion) nothing changes,
bit for bit, and the closings are not run.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.draw_kernels import folds_on_cut
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

FOLD_SPAN = 0.2
"""Face sizes: the side of the square round a hole over which the fold along the neck cut is measured (`FOLD_LEAST`)."""

FOLD_LEAST = 0.12
"""Face sizes (a count of px per face px): a hole is filled only where at least this many folded pixels that read the
neck cut lie in the square `FOLD_SPAN` wide round it: the jaw rolled and dropped folds the map back and forth along the
strip under the lobe (lp_d19 `--roll 30 --mouth-open 1.5 --smile 1.5`, face 284 px: 59-119 round each hole along the
ear, 0.21-0.42 face sizes), an ordinary turn only at a point where the hair meets the jaw (lp_s1 x preset:turn at 512,
face 170 px: 1-13, <= 0.08; there the hole is the crack between the skin's soft lower edge and a strand of hair, and
the opaque pixels round it the hair's: filled, 3 x 3 px dark lumps into the cheek)."""

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


def folded(maps: np.ndarray) -> np.ndarray:
    """(b, a) bool: where the backward map `maps` ((b, a, 2) float32 px, b, a >= 2) turns over (the determinant of its
    central-difference Jacobian <= 0, one-sided differences on the box's edges, as `np.gradient`'s)."""
    (xx, xy), (yx, yy) = ((_differences(maps[..., i], 1), _differences(maps[..., i], 0)) for i in range(2))
    return xx * yy - xy * yx <= 0


def _differences(values: np.ndarray, axis: int) -> np.ndarray:
    """(b, a) float32: `np.gradient(values, axis=axis)` of `values` ((b, a) float32) but not halved inside: each term
    of `folded`'s determinant is a product of one column and one row difference, so the halving scales it by a power
    of 2 and leaves its sign as it was, exactly (lp_s1 x preset:turn, a ~400 px box: 2.1 -> 1.5 ms CPU a frame)."""
    out = np.empty_like(values)
    inner, first, last = ((slice(None),) * axis + (part,) for part in (slice(1, -1), 0, -1))
    ahead, behind = ((slice(None),) * axis + (part,) for part in (slice(2, None), slice(None, -2)))
    np.subtract(values[ahead], values[behind], out=out[inner])
    out[first] = values[(slice(None),) * axis + (1,)] - values[first]
    out[last] = values[last] - values[(slice(None),) * axis + (-2,)]
    return out


def neck_cut(alpha: np.ndarray, person: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) bool: the pixels within `CUT_NEAR` face sizes (`face_px` px), at least 1 px, of the head's lower edge
    inside the person (head `alpha` < 0.5 where `person` > 0.5, beside alpha >= 0.5; both (h, w) float32 in [0, 1])."""
    near = max(1, round(CUT_NEAR * face_px))
    disc = disc_kernel(near)
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
        closing's alpha: only those with a fold along the cut of at least `FOLD_LEAST` in the square `FOLD_SPAN` wide
        round them (none such in the whole frame: returns before the closings)."""
        along = np.empty(maps.shape[:2], bool)
        least = FOLD_LEAST * self.face_px
        if folds_on_cut(maps, self.cut, along) < least:  # the fold's pixels that read the cut, counted in one pass
            return
        fold = folded(maps)
        closed = closing(head[..., 3], self.face_px)
        holes = closed - head[..., 3] > GAIN
        if not holes.any():
            return
        disc = np.ones((2 * FOLD_NEAR + 1, 2 * FOLD_NEAR + 1), np.uint8)
        holes &= (cv2.dilate(fold.astype(np.uint8), disc) > 0) & (closed >= OPAQUE)
        span = 2 * max(1, round(FOLD_SPAN * self.face_px / 2)) + 1
        # (outside the box counts none: no square counts more than the frame's total read above)
        holes &= cv2.boxFilter(along.astype(np.float32), -1, (span, span), normalize=False,
                               borderType=cv2.BORDER_CONSTANT) >= least
        rows, cols = np.nonzero(holes)
        on_cut = self.reads_cut(maps[rows, cols])
        rows, cols = rows[on_cut], cols[on_cut]
        if not len(rows):
            return
        opaque = np.where((head[..., 3] >= OPAQUE)[..., None], head, 0)
        summed = cv2.boxFilter(opaque, -1, (ROUND, ROUND), normalize=False, borderType=cv2.BORDER_REPLICATE)
        skin = summed[rows, cols, 3] > 0
        rows, cols, summed = rows[skin], cols[skin], summed[rows[skin], cols[skin]]
        head[rows, cols, :3] = summed[:, :3] / summed[:, 3:] * closed[rows, cols, None]
        head[rows, cols, 3] = closed[rows, cols]

    def reads_cut(self, at: np.ndarray) -> np.ndarray:
        """(n,) bool: whether each of the crop positions `at` ((n, 2) float32 px, x y) reads a pixel of the cut."""
        h, w = self.cut.shape
        px = np.rint(at).astype(np.intp)
        return self.cut[np.clip(px[:, 1], 0, h - 1), np.clip(px[:, 0], 0, w - 1)]
