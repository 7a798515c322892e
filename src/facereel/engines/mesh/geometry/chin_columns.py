"""The skin under the lower lip shares the stretch down to the chin: a band the photo has flat is not opened into a
block of one colour.

A mouth held wide open (a video source mid-word, its tongue out) stretches the lower lip and flattens the fold under
it: mediapipe then puts the skin point under the lip (18 in the middle) on the lip's outer edge (17), 0-2 px from it
or above it, while the next row (200) stays ~9 px below (lp_d6 200-240 frames 13-15, 27-39 at 512). A target that
shuts the mouth (the clip's neutral frame plus the driver's change: lp_d3 310-354) has the fold back, 15-19 px under
the lip, so the warp drew that band from the photo's one row of the lip's outer edge: a flat pink block with vertical
streaks under the shut lips (`figures.lip_below`). Where a column's top band (outer lower lip to the skin point
under it) is magnified more than `LIMIT` times the rest of the column down to the chin, `ChinColumns` places the
column's skin points (`CHAINS`) along it at the photo's shares of it: the column is magnified evenly, the photo's lip
edge and the skin under it drawn at their share of the height instead of one row of lip opened into the fold's band.

Pulled down further (lp_d6 200-240 frames 34-39, its lower lip 21 px high at a 20 deg turn), mediapipe puts the skin
points 18 and 200 up to 21 px above the lip's outer edge, on the lip itself: the photo's column folds over. The warp
then drew the lip again under the target's lower lip (rows under 17 read the photo back up from 18), a doubled lower
lip (`figures.lip_below` 0.28-0.45 on the raw track). `unfold` puts a column's skin points lying over `FLOOR_PX` above
the point before them evenly between the points in order either side (the photo's lip edge and the next skin point
below it), before the mesh is built on them, and `ChinColumns` then places that column's target points at the photo's
shares of it. Where the tracker put the lip's edge (17) itself on the lip's top (lp_d6 200-240 frames 1, 5: a lip
under it) the fold is 17's, and the column is laid out all the same.
"""

from __future__ import annotations

import numpy as np

CHAINS = np.array([(91, 106, 204, 211, 170, 149), (181, 182, 194, 32, 140, 176), (84, 83, 201, 208, 171, 148),
                   (17, 18, 200, 199, 175, 152), (314, 313, 421, 428, 396, 377), (405, 406, 418, 262, 369, 400),
                   (321, 335, 424, 431, 395, 378)])
"""mediapipe's columns from the outer lower lip down to the face's outline (the chin): the lip's middle 0.6 of its
width, where lp_d6's open frames read the flattened fold (the corners' columns run sideways)."""
LIMIT = 3.0
"""How many times the band from the outer lower lip to the skin point under it may be magnified (target over photo,
along the column) as much as the rest of the column down to the chin: lp_d6's shut targets over its pulled-down lip
asked 20-57 in the middle columns (frames 13-15, 27-30, 34-39: the photo's 0-2 px band to 15-19 px); its shut frames
(24-26) read 0.9-1.3, its half-open talking ones (16-20) 1.2-2.5, up to 5 in the outer columns."""
MIDDLE = range(1, len(CHAINS) - 1)
"""The columns `unfold` reads: the outer two run sideways along the lip's curve, and a photo's tilt or turn puts their
first skin point a few px above the lip's end point (sr_8's 3.6 px, lp_d6 200's 1-3 px) with nothing folded."""
FLOOR_PX = 0.5
"""px: the least photo band read (the tracker's half pixel; a point on or above the lip's edge reads this)."""


def unfold(source: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((478, 2) px, (C,) bool): the photo's landmarks (478, 2+) px with each middle column's (`MIDDLE`) skin points
    that lie over `FLOOR_PX` above (along the column, lip to chin) the last point in order before them placed evenly
    along it between the points in order either side (a point below the column's end is out of order too); which
    columns were folded. Columns in order, and those whose end is not below their lip point, are returned as they
    are."""
    out = np.array(np.asarray(source)[:, :2], np.float64)
    chain = out[CHAINS]  # (C, 6, 2)
    down = _unit(chain[:, -1] - chain[:, 0])
    along = np.sum((chain - chain[:, :1]) * down[:, None], axis=2)  # (C, 6) px from the lip's edge
    folded = np.zeros(len(CHAINS), bool)
    for c in MIDDLE:
        column = along[c]
        if column[-1] <= 0:
            continue
        kept = [0]
        for k in range(1, len(column) - 1):
            if column[k] >= column[kept[-1]] - FLOOR_PX and column[k] <= column[-1]:
                kept.append(k)
        kept.append(len(column) - 1)
        if len(kept) == len(column):
            continue
        folded[c] = True
        placed = np.interp(np.arange(len(column)), kept, column[kept])
        out[CHAINS[c]] += (placed - column)[:, None] * down[c]
    return out, folded


class ChinColumns:
    """Keeps the band under the lower lip from being magnified far past the skin under it.

    source: (478, 2+) px, the photo's landmarks as `unfold` gave them; folded: (C,) bool, its columns it unfolded
    (their targets are always placed at the photo's shares).
    """

    def __init__(self, source: np.ndarray, folded: np.ndarray) -> None:
        pts = np.asarray(source, np.float64)[:, :2]
        self._folded = np.asarray(folded, bool)
        chain = pts[CHAINS]  # (C, 6, 2)
        down = _unit(chain[:, -1] - chain[:, 0])
        gaps = np.maximum(np.sum(np.diff(chain, axis=1) * down[:, None], axis=2), FLOOR_PX)  # (C, 5) px
        self._share = np.cumsum(gaps, axis=1)[:, :-1] / gaps.sum(1, keepdims=True)  # (C, 4) of the column
        self._top = gaps[:, 0] / gaps.sum(1)

    def __call__(self, vertices: np.ndarray) -> np.ndarray:
        """(N, 2+) target vertices (the 478 landmarks first), px -> the same with the skin points of a column under
        the lower lip placed at the photo's shares of it, along it, where its top band is magnified more than `LIMIT`
        times the rest of it or the photo's column was folded."""
        out = np.array(vertices, copy=True)
        chain = out[CHAINS, :2].astype(np.float64)  # (C, 6, 2)
        down = _unit(chain[:, -1] - chain[:, 0])
        along = np.sum((chain - chain[:, :1]) * down[:, None], axis=2)  # (C, 6) px from the lip's edge
        span, top = along[:, -1], along[:, 1]
        over = (span > 0) & (self._folded | (top * (1 - self._top) > LIMIT * np.maximum(span - top, 0) * self._top))
        if not over.any():
            return out
        move = (self._share[over] * span[over, None] - along[over, 1:-1])[..., None] * down[over, None]  # (c, 4, 2)
        out[CHAINS[over, 1:-1], :2] = (chain[over, 1:-1] + move).astype(out.dtype)
        return out


def _unit(v: np.ndarray) -> np.ndarray:
    """(K, 2) vectors scaled to length 1 (a zero one stays straight down)."""
    length = np.linalg.norm(v, axis=1, keepdims=True)
    return np.where(length > 1e-9, v / np.maximum(length, 1e-9), np.array([0.0, 1.0]))
