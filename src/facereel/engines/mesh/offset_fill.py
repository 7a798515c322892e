"""The plate's hole filled with the background beside it, shifted, so its structure goes on into the hole.

The ring fill (`plate.ring_fill`) carries the colour right outside the hole inwards: beside lp_s1's hair the
curtain's folds became one flat dark smear, the pelmet's black edge a blur drawn into the wall. A curtain, a
wall's edge, a window frame repeats, or goes on, along a few shifts: the background beside the hole looks
the same moved by them (a fold's width sideways for folds, any sideways shift for a level edge, any
vertical one for an upright strip). After He and Sun ("Statistics of patch offsets for image completion",
2012):

1. the shifts: each patch of the background within `BAND` hole margins of the hole finds its most similar
   patch of the background at least `MIN_SHIFT` hole margins away (PatchMatch, Barnes et al. 2009); the
   `SHIFTS` most frequent shifts of that search are the labels;
2. each hole pixel takes one shift (its label) that lands on the background, and the photo's pixel that far
   away: the labels minimise, by iterated conditional modes (`MODES` rounds, starting from the ring fill),
   how much the fill round each hole pixel (Gaussian over `AGGREGATE` hole margins) differs from the photo
   shifted, plus `SMOOTH` for each neighbour with another label, so whole stretches of the hole copy one
   shift and the structure goes on unbroken (a fold's phase, an edge's height);
3. the labels are found at a size where the hole's margin is `WORK_MARGIN` px; the pixels are copied at
   full size (the background's own texture), softened along the seams between labels.

Only the background is copied (never the person, another face, or the hole); a pixel that no shift takes
to the background (deep in a large hole) keeps the ring fill. The search is seeded: the same photo gives
the same plate.
"""

from __future__ import annotations

import cv2
import numpy as np

WORK_MARGIN = 6.0  # px: the shifts are chosen at a size where the hole's margin is about this wide
PATCH = 3  # px at the work size: the shift search compares 7 x 7 patches, read on every second pixel
BAND = 4.0  # hole margins: the background this near the hole is searched for its shifts
MIN_SHIFT = 1.0  # hole margins: shorter shifts are not counted (every patch is like its neighbour)
REACH = 10.0  # hole margins: no shift is longer
SHIFTS = 24  # the labels: this many most frequent shifts
SEARCH_ROUNDS = 6  # PatchMatch rounds of the shift search
SMOOTH = 4.0
"""Cost of a neighbour with another label, in units of the median difference of the first round's best labels
(lower drew the folds as short blocks with steps between them, lp_s1)."""
AGGREGATE = 1.5  # hole margins: a shift's difference is averaged over about this round each pixel (Gaussian)
MODES = 6  # rounds of iterated conditional modes
SEAM_SIGMA = 1.0  # work px: the copy is blurred over about this along the seams between labels
_SEED = 9  # the random search is seeded: the same source gives the same plate
_FAR = np.float32(1e12)


def _moved(array: np.ndarray, dy: int, dx: int, fill: float = 0) -> np.ndarray:
    """`array` (h, w, ...) read `dy`, `dx` px away: out[y, x] = array[y + dy, x + dx] (`fill` off the edge)."""
    h, w = array.shape[:2]
    out = np.full_like(array, fill)
    if abs(dy) >= h or abs(dx) >= w:
        return out
    out[max(0, -dy):h - max(0, dy), max(0, -dx):w - max(0, dx)] = array[max(0, dy):h - max(0, -dy),
                                                                          max(0, dx):w - max(0, -dx)]
    return out


def _shifts(image: np.ndarray, band: np.ndarray, known: np.ndarray, margin: float) -> list[tuple[int, int]]:
    """The `SHIFTS` most frequent (dy, dx) (work px) from each `band` ((h, w) bool) pixel's patch of `image`
    ((h, w, 3) float32) to its most similar patch of `known` ((h, w) bool) `MIN_SHIFT` to `REACH` margins
    (`margin` work px) away (PatchMatch)."""
    h, w = band.shape
    span = np.arange(-PATCH, PATCH + 1, 2)
    oy, ox = (a.ravel() for a in np.meshgrid(span, span, indexing="ij"))
    whole = cv2.erode(known.astype(np.uint8), np.ones((2 * PATCH + 1,) * 2, np.uint8), borderValue=0) > 0
    ys, xs = np.nonzero(band & whole)
    if len(ys) < 16:
        return []
    patches = image[ys[:, None] + oy, xs[:, None] + ox]
    least, most = (max(2.0, MIN_SHIFT * margin)) ** 2, (REACH * margin) ** 2

    def cost(sy: np.ndarray, sx: np.ndarray) -> np.ndarray:
        inside = (sy >= 0) & (sy < h) & (sx >= 0) & (sx < w)
        sy, sx = np.where(inside, sy, ys), np.where(inside, sx, xs)
        far = (sy - ys) ** 2 + (sx - xs) ** 2
        valid = inside & whole[sy, sx] & (far >= least) & (far <= most)
        sy, sx = np.where(valid, sy, ys), np.where(valid, sx, xs)
        square = ((image[sy[:, None] + oy, sx[:, None] + ox] - patches) ** 2).sum((1, 2))
        return np.where(valid, square, _FAR)

    rng = np.random.default_rng(_SEED)
    reach = int(REACH * margin)
    my = ys + rng.integers(-reach, reach + 1, len(ys))
    mx = xs + rng.integers(-reach, reach + 1, len(xs))
    best = cost(my, mx)
    field = np.zeros((2, h, w), np.int64)
    for k in range(SEARCH_ROUNDS):
        field[0][ys, xs], field[1][ys, xs] = my - ys, mx - xs  # offsets
        candidates = []
        for sy, sx in ((1, 0), (-1, 0), (0, 1), (0, -1)) if k % 2 == 0 else ((2, 0), (-2, 0), (0, 2), (0, -2)):
            ny, nx = np.clip(ys + sy, 0, h - 1), np.clip(xs + sx, 0, w - 1)
            candidates.append((ys + field[0][ny, nx], xs + field[1][ny, nx]))
        r = reach
        while r >= 1:
            candidates.append((my + rng.integers(-r, r + 1, len(ys)), mx + rng.integers(-r, r + 1, len(xs))))
            r //= 2
        for cy, cx in candidates:
            c = cost(cy, cx)
            better = c < best
            my, mx, best = np.where(better, cy, my), np.where(better, cx, mx), np.where(better, c, best)
    found = best < _FAR
    if not found.any():
        return []
    dy, dx = my[found] - ys[found], mx[found] - xs[found]
    size = 2 * reach + 1
    counts = np.zeros((size, size), np.float32)
    np.add.at(counts, (dy + reach, dx + reach), 1)
    counts = cv2.GaussianBlur(counts, (0, 0), 1.0)
    peaks = (counts >= cv2.dilate(counts, np.ones((5, 5), np.uint8))) & (counts > 0)
    py, px = np.nonzero(peaks)
    order = np.argsort(-counts[py, px])[:SHIFTS]
    return [(int(py[i] - reach), int(px[i] - reach)) for i in order]


def offset_fill(image: np.ndarray, start: np.ndarray, hole: np.ndarray, known: np.ndarray, margin_px: float
                ) -> np.ndarray | None:
    """(h, w, 3) float32: `start` ((h, w, 3) float32, the ring fill) with the pixels of `hole` ((h, w) bool)
    filled with the photo `image` ((h, w, 3) float32) shifted (module doc), from `known` ((h, w) bool, the
    background outside the hole); elsewhere, and where no shift reaches, `start`. margin_px: how far the hole
    reaches past the head (px), the unit of the shifts. None when no shift is found."""
    h, w = hole.shape
    hy, hx = np.nonzero(hole)
    if not len(hy):
        return None
    scale = min(1.0, WORK_MARGIN / max(margin_px, 1.0))
    margin = margin_px * scale
    reach = int(np.ceil((REACH + BAND) * margin_px)) + 1
    y0, y1 = max(0, hy.min() - reach), min(h, hy.max() + reach + 1)
    x0, x1 = max(0, hx.min() - reach), min(w, hx.max() + reach + 1)
    box = np.s_[y0:y1, x0:x1]
    size = (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
    small_hole = cv2.resize(hole[box].astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    small_known = cv2.resize(known[box].astype(np.float32), size, interpolation=cv2.INTER_AREA) > 0.99
    small_known &= ~small_hole
    current = cv2.resize(np.where(hole[box][..., None], start[box], image[box]), size,
                         interpolation=cv2.INTER_AREA)
    outside = cv2.distanceTransform((~small_hole).astype(np.uint8), cv2.DIST_L2, 5)
    shifts = _shifts(current, small_known & (outside <= BAND * margin), small_known, margin)
    if not shifts:
        return None
    labels = _labels(current, small_hole, small_known, shifts, max(1.0, AGGREGATE * margin))
    out = start.copy()
    out[box] = _copy(image[box], start[box], hole[box], known[box], labels, shifts, scale)
    return out


def _labels(current: np.ndarray, hole: np.ndarray, known: np.ndarray, shifts: list[tuple[int, int]],
            spread: float) -> np.ndarray:
    """(h, w) int32: each `hole` ((h, w) bool) pixel's shift (index into `shifts`, (dy, dx) px; -1 where none
    lands on `known`, (h, w) bool), by iterated conditional modes (module doc), the differences averaged over
    `spread` px (Gaussian sigma); `current` ((h, w, 3) float32, the photo with the ring fill in the hole)
    becomes the fill."""
    weight = (hole | known).astype(np.float32)
    labels = np.full(hole.shape, -1, np.int32)
    unit = None
    for _ in range(MODES):
        costs, moved = [], []
        for dy, dx in shifts:
            there = _moved(current, dy, dx)
            seen = weight * _moved(known, dy, dx, False)  # the target's pixels against the photo's
            square = ((current - there) ** 2).sum(2) * seen
            near = cv2.GaussianBlur(square, (0, 0), spread) / np.maximum(cv2.GaussianBlur(seen, (0, 0), spread), 1e-6)
            costs.append(np.where(_moved(known, dy, dx, False), near, np.inf))
            moved.append(there)
        costs = np.stack(costs)
        if unit is None:
            first = costs.min(0)[hole]
            unit = max(float(np.median(first[np.isfinite(first)])) if np.isfinite(first).any() else 1.0, 1.0)
        for k in range(len(shifts)):
            same = sum((_moved(labels, sy, sx, -1) == k).astype(np.float32)
                       for sy, sx in ((1, 0), (-1, 0), (0, 1), (0, -1)))
            costs[k] += unit * SMOOTH * (4 - same)
        labels = np.where(hole & np.isfinite(costs.min(0)), costs.argmin(0), -1).astype(np.int32)
        for k in range(len(shifts)):
            at = labels == k
            current[at] = moved[k][at]
    return labels


def _copy(image: np.ndarray, start: np.ndarray, hole: np.ndarray, known: np.ndarray, labels: np.ndarray,
          shifts: list[tuple[int, int]], scale: float) -> np.ndarray:
    """(h, w, 3) float32: `start` with the pixels of `hole` copied from `image` through their work pixel's
    shift (`labels`, (h', w') int32 into `shifts`, work px; -1: none), softened along the seams between
    labels; elsewhere, and where no copy lands on `known`, `start`."""
    h, w = hole.shape
    big = cv2.resize(labels, (w, h), interpolation=cv2.INTER_NEAREST)
    step = np.array([(round(dy / scale), round(dx / scale)) for dy, dx in shifts] + [(0, 0)], np.int64)
    ys, xs = np.nonzero(hole)
    k = big[ys, xs]
    sy, sx = np.clip(ys + step[k, 0], 0, h - 1), np.clip(xs + step[k, 1], 0, w - 1)
    landed = (k >= 0) & known[sy, sx]
    out = start.copy()
    out[ys[landed], xs[landed]] = image[sy[landed], sx[landed]]
    seams = np.zeros((h, w), np.uint8)
    for dy, dx in ((1, 0), (0, 1)):
        seams |= (big != _moved(big, dy, dx, -2)).astype(np.uint8)
    sigma = max(1.0, SEAM_SIGMA / scale)
    size = 2 * int(np.ceil(2 * sigma)) + 1
    seams = cv2.dilate(seams * hole.astype(np.uint8), np.ones((size, size), np.uint8)).astype(np.float32)
    seams = cv2.GaussianBlur(seams, (0, 0), sigma)[..., None]
    soft = cv2.GaussianBlur(out, (0, 0), sigma)
    return np.where(hole[..., None], out + seams * (soft - out), out)
