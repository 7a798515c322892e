"""A face cut by the edge of another person's photo laid over its own: where the face's picture ends, not where the
nearest-face rule splits the frame.

Two portraits laid one over the other (lp_s1's photo over lp_s12's from x 300, his right cheek and ear behind her
photo's edge): the nearest-face rule (`face_regions`) gave him her photo's wall left of her hair (x 300-357), so his
moved cheek was drawn past her photo's edge over her wall, with a shard of his hair at its top (issue #12 / #9,
h29-fresh3 find (3)). A face is cut by such an edge when a straight column of colour steps (`EDGE_STEP`) runs along
`EDGE_SHARE` of the frame's height between it and another face, and its oval grown by `REACH` reaches that column:
the pixels past it are the other photo's (`beyond`), which the face neither owns nor draws its layer over.
"""

from __future__ import annotations

import numpy as np

EDGE_STEP = 12
"""Grey levels (the largest of the channels) between two neighbouring columns that make a step of a photo's edge (lp_s1
over lp_s12 at x 300: 0.98 of the rows, his cheek as light as her wall on the rest)."""
EDGE_SHARE = 0.9
"""The share of the frame's rows along which one column steps by `EDGE_STEP` or more: a photo's edge running the frame's
height (lp_s1 over lp_s12 0.98, lp_s6 over lp_s0 0.995); a straight edge in a photo is crossed by what stands in front of
it (the flag's edge beside grace_hopper's hair, 0.20 face sizes from her oval, 0.61)."""
REACH = 0.3
"""Face sizes beyond its oval within which an edge cuts the face: its hair beside the oval (lp_s0 at 87 px behind lp_s6's
photo edge 0.19 beside her oval, her hair against it; lp_s12 behind lp_s1's, his oval past it)."""


def edge_column(image: np.ndarray, columns: range) -> int | None:
    """The column x in `columns` (x: between pixel columns x - 1 and x) along which `image` ((H, W, 3) uint8) steps by
    `EDGE_STEP` on the largest share of its rows, if that share is `EDGE_SHARE` or more; else None."""
    if len(columns) == 0:
        return None
    band = image[:, columns.start - 1:columns.stop].astype(np.int16)
    share = (np.abs(np.diff(band, axis=1)).max(2) >= EDGE_STEP).mean(0)  # (len(columns),)
    best = int(np.argmax(share))
    return columns.start + best if share[best] >= EDGE_SHARE else None


def beyond(image: np.ndarray, ovals: np.ndarray, sizes: np.ndarray, index: int) -> np.ndarray | None:
    """(H, W) bool: the pixels past the photo edges (columns, `edge_column`) that cut face `index`, each between its
    oval's centre and another face's, within `REACH` of its oval; None when none does. ovals: (F, K, 2) image px;
    sizes: (F,) px."""
    oval = ovals[index]
    centre, reach, width = float(oval[:, 0].mean()), REACH * float(sizes[index]), image.shape[1]
    past = np.zeros(image.shape[:2], bool)
    for other in range(len(ovals)):
        if other == index:
            continue
        there = float(ovals[other][:, 0].mean())
        if there > centre:
            columns = range(max(int(centre) + 1, 1), min(int(oval[:, 0].max() + reach), int(there), width - 1) + 1)
        else:
            columns = range(max(int(np.ceil(oval[:, 0].min() - reach)), int(there) + 1, 1), min(int(centre), width - 1) + 1)
        edge = edge_column(image, columns)
        if edge is not None:
            past[:, edge:] |= there > centre
            past[:, :edge] |= there < centre
    return past if past.any() else None


def carried_past(image: np.ndarray, past: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: `image` with the columns `past` ((H, W) bool, `beyond`: whole columns on one side) taken by its
    last column before them, carried on: the cut face's own photo behind the edge, which its plate fills its hole from
    and its head layer's edge is read on (with the other photo there, a light line of her wall showed between his
    moved hair and the edge)."""
    columns = np.flatnonzero(past[0])
    side = columns[0] - 1 if columns[0] > 0 else columns[-1] + 1
    out = image.copy()
    out[:, columns] = image[:, side:side + 1]
    return out
