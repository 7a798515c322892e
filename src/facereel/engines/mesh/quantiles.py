"""numpy's quantile and median of small per-frame samples, bit for bit, without their overhead (issue #9's speed).

The open mouth's colour match reads a few order statistics of the driver's mouth a frame (`mouth_driver`: the
cavity's dark floor, twice, the teeth's top; `mouth_shape`: the cheeks' and lips' median colour) on a thousand or
two pixels. `np.quantile` and `np.median` spend most of their time on that size in their general machinery (NaN
checks, index arrays, `_ureduce`): ~0.1-0.35 ms a call where the partition itself takes ~0.01-0.02 (numpy 1.26, the
2-core dev box). `quantile` partitions at the two ranks numpy reads and interpolates them with numpy's own float64
statement (`numpy.lib.function_base._lerp`, method "linear"); `byte_median` counts each channel's 256 levels
(compiled). Both give numpy's value exactly (tests/mesh/test_quantiles.py checks them against it on real pixels).
"""

from __future__ import annotations

import numpy as np

from facereel.compiled import kernel as _kernel


def quantile(values: np.ndarray, q: float) -> float:
    """`float(np.quantile(values, q))` bit for bit (method "linear") of a non-empty 1-D float array `values`, q in
    [0, 1]: the order statistics at floor((n - 1) q) and the next (the last where that passes the end) from one
    partition (with the last rank, which numpy reads for a NaN: then numpy's own answer), interpolated as numpy does
    in float64: below a weight of 0.5 from the lower value, else back from the upper one."""
    n = values.shape[0]
    at = (n - 1) * q  # numpy's virtual index (float64)
    lower = -1 if at >= n - 1 else int(np.floor(at))
    upper = -1 if lower == -1 else lower + 1
    ranks = sorted({lower % n, upper % n, n - 1})
    part = np.partition(values, ranks)
    if np.isnan(part[-1]):
        return float(np.quantile(values, q))
    a, b = part[lower], part[upper]
    diff = b - a  # in the array's float type, as numpy's subtract of the two
    t = at - lower
    return float(b) - float(diff) * (1 - t) if t >= 0.5 else float(a) + float(diff) * t


@_kernel
def _middle_levels(px: np.ndarray) -> np.ndarray:
    """(2, C) int64: per channel of px (n, C) uint8 (n >= 1), the levels ranked (n - 1) // 2 and n // 2 (from 0,
    ascending), counted from each channel's histogram."""
    n, c = px.shape
    out = np.empty((2, c), np.int64)
    counts = np.zeros(256, np.int64)
    for k in range(c):
        counts[:] = 0
        for i in range(n):
            counts[px[i, k]] += 1
        ranks = ((n - 1) // 2, n // 2)
        for r in range(2):
            seen = 0
            for level in range(256):
                seen += counts[level]
                if seen > ranks[r]:
                    out[r, k] = level
                    break
    return out


def byte_median(px: np.ndarray) -> np.ndarray:
    """(C,) float32: `np.median(px, 0).astype(np.float32)` of (n, C) uint8 pixels (n >= 1), bit for bit: the middle
    level per channel, or the mean of the two middle ones (numpy's float64 mean of two integers, exact in float32)."""
    low, high = _middle_levels(np.ascontiguousarray(px))
    return ((low + high) / 2).astype(np.float32)
