"""The head's shift in a driver's long gap: the ease back to rest (`face.tracking.rest_weights`) taken on the limited
shift, not on the driver's.

The gap's frames are filled in the driver's landmarks (`face.tracking.fill_missing`): held from the nearest face,
then eased toward the rest (its first face) by a weight w. The shift limit (`RetargetOptions.shift_limit`, a soft
limit towards a ceiling) comes after: a far-out last face (lp_d19 shifted out: ~5 IOD) eased by (1 - w) stayed at the
limit's ceiling until w was ~0.8 and then slid back in ~0.3 s, so lp_s12's head stood 10 px or more off its neck in
32 of 44 faceless frames. Here the gap's frames take (1 - w) of the held face's limited shift and w of the rest's:
the head leaves the ceiling as soon as the ease starts and is back as the driver's landmarks are."""

from __future__ import annotations

import numpy as np

from facereel.motion.soft_limit import soft_limit_lengths


def limited_shift(shift: np.ndarray, knee: float, ceiling: float, rest_weight: np.ndarray | None,
                  rest: np.ndarray) -> np.ndarray:
    """(T, 2) float64 IOD: the head's `shift` ((T, 2) IOD, of the filled landmarks) soft-limited at `knee` towards
    `ceiling` (`soft_limit.soft_limit_lengths`); in a frame with rest_weight w > 0 ((T,) in [0, 1], None: none) the
    limit of the shift before the ease, S_f = rest + (1 - w) (S - rest) read back from the filled shift S_f, eased:
    (1 - w) limit(S) + w limit(rest) (rest: (2,) IOD, the rest face's shift). Frames with w = 0 are `soft_limit_lengths`'
    bit for bit."""
    out = soft_limit_lengths(shift, knee, ceiling)
    if rest_weight is None or not np.any(rest_weight > 0):
        return out
    eased = np.flatnonzero(rest_weight > 0)
    w = np.asarray(rest_weight, np.float64)[eased, None]
    rest = np.asarray(rest, np.float64)[None]
    held = rest + (shift[eased] - rest) / np.maximum(1.0 - w, 1e-6)  # (its limit is bounded: (1 - w) of it is small)
    out[eased] = (1.0 - w) * soft_limit_lengths(held, knee, ceiling) + w * soft_limit_lengths(rest, knee, ceiling)
    return out
