"""How steeply the head's own motion fades down its neck: the `neck_fold` figure (issue #9, --body).

With body following the neck is in the head layer (`head_proxy.head_mask`), and the head's motion fades out down
it while the torso's (`body.BodyWarp`) ramps in on the whole frame. Faded out within ~0.5 oval radii below the chin
(`MeshOptions.body_reach`), a head moved far sideways (lp_s5 x sr_1 52-60 at its own size: 80 px) dragged the
top of its neck off the hole's fill in ~15 rows: a flat brown band under the chin, pale streaks at its left where
the neck was drawn out sideways over the blouse. The figure reads the head layer's backward map under the moved
chin.
"""

from __future__ import annotations

import numpy as np

HALF_WIDTH = 0.35
"""Face sizes either side of the moved chin that the figure reads (the neck's width, not the shoulders)."""
PERCENTILE = 80
"""Per row, of the neck's columns: the fade's steepest columns, not the map's jumps along the neck's moved sides
(seams, a few columns) nor the face's columns beside a chin moved far sideways (moved rigidly: no change)."""


def neck_fold(displacement: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face: float) -> float:
    """The largest change, px per row, of the head layer's backward `displacement` ((h, w, 2) float32, crop px)
    down the head layer's neck: per row below the moved `chin` ((2,) crop px) the `PERCENTILE` of the change over
    the columns within `HALF_WIDTH` face sizes (`face` px) of it where the drawn `alpha` ((h, w) in [0, 1]) covers
    both rows, the largest over the rows.
    0 for the source repeated (no motion); past 1 the neck folds (a row samples at or above the row over it)."""
    h, w = alpha.shape
    top = int(np.clip(np.ceil(chin[1]), 0, h))
    left = int(np.clip(np.floor(chin[0] - HALF_WIDTH * face), 0, w))
    right = int(np.clip(np.ceil(chin[0] + HALF_WIDTH * face) + 1, 0, w))
    field, cover = displacement[top:, left:right], alpha[top:, left:right] > 0.5
    step = np.hypot(*np.moveaxis(np.diff(field, axis=0), -1, 0))
    rows = [np.percentile(row[on], PERCENTILE) for row, on in zip(step, cover[1:] & cover[:-1]) if on.any()]
    return float(max(rows)) if rows else 0.0
