"""How steeply the torso's motion ramps in down the neck: the `torso_fold` figure (issue #9, --body).

With body following (`body.BodyWarp`) the torso's displacement rises from zero below the chin to the torso's
full motion over a vertical ramp. Where that ramp was short (a lowered chin starts it lower) and the torso moved
far, the displacement changed by more than a pixel a row: the neck between chin and torso was folded over itself
(lp_s5 x sr_1 52-60 at its own size: a flat brown band with a hard lower edge; lp_s3 x sr_1 70-77: the neckline
in wavy stretched pieces, a second chin's shadow drawn down into the neck).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.body import BodyWarp


def torso_fold(warp: BodyWarp, affine: np.ndarray, drop: float = 0.0) -> float:
    """The largest change, in px per row, of the torso's backward displacement down any column of `warp` for the
    torso's `affine` ((2, 3) forward, px) and a chin moved `drop` px down: 0 for the source repeated (no
    motion), 1 or more where the neck folds (a row samples at or above the row over it), up to 0.5 by design
    (`body.RAMP_PER_SHIFT`) plus the similarity's own slope."""
    dx, dy, _ = warp.displacement(affine, drop)
    step = np.hypot(np.diff(dx, axis=0), np.diff(dy, axis=0))
    return float(step.max()) if step.size else 0.0
