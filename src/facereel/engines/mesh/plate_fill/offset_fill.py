"""The plate's hole filled with the background beside it, shifted, so its structure goes on into the hole.

The ring fill (`plate.ring_fill`) carries the colour right outside the hole inwards: beside lp_s1's hair the
curtain's folds became one flat dark smear, the pelmet's black edge a blur drawn into the wall. A curtain, a
wall's edge, a window frame repeats, or goes on, along a few shifts: the background beside the hole looks
the same moved by them (a fold's width sideways for folds, any sideways shift for a level edge, any
vertical one for an upright strip). After He and Sun ("Statistics of patch offsets for image completion",
2012):

1. the shifts: each patch of the background within `BAND` hole margins of the hole finds its most similar
   patch of the background at least `MIN_SHIFT` hole margins away (PatchMatch, Barnes et al. 2009, its
   random steps hashed from each pixel's place in the photo); the hole is cut into squares `REGION`
   margins wide on a grid fixed in the photo, and each square's labels are the `SHIFTS` most frequent
   shifts found beside it (in it and `AROUND` squares round it). So what the fill copies on one side of the
   hole depends on the background beside that side only: a change of the mask under the chin left
   lp_s1's curtain with other shifts when the search was seeded once over the whole band;
2. each hole pixel takes one shift (its label) that lands on the background, and the photo's pixel that far
   away: the labels minimise, by iterated conditional modes (`MODES` rounds, starting from the ring fill),
   how much the fill round each hole pixel (Gaussian over `AGGREGATE` hole margins) differs from the photo
   shifted, plus `SMOOTH` x `UNIT` for each neighbour with another label, so whole stretches of the hole
   copy one shift and the structure goes on unbroken (a fold's phase, an edge's height);
3. the labels are found at a size where the hole's margin is about `WORK_MARGIN` px (block means of whole
   pixels, on a grid fixed in the photo); the pixels are copied at full size (the background's own
   texture), softened along the seams between labels.

Only the background is copied (never the person, another face, or the hole); a pixel that no shift takes
to the background (deep in a large hole) keeps the ring fill. Nothing is random: the same photo gives the
same plate.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import padded_box

WORK_MARGIN = 6.0  # px: the shifts are chosen at a size where the hole's margin is about this wide
PATCH = 3  # px at the work size: the shift search compares 7 x 7 patches, read on every second pixel
BAND = 4.0  # hole margins: the background this near the hole is searched for its shifts
MIN_SHIFT = 1.0  # hole margins: shorter shifts are not counted (every patch is like its neighbour)
REACH = 10.0  # hole margins: no shift is longer
SHIFTS = 8  # each region's labels: this many most frequent shifts
SEARCH_ROUNDS = 6  # PatchMatch rounds of the shift search
REGION = 4.0  # hole margins: each square of the hole this wide takes the shifts found in it and `AROUND` squares round it
AROUND = 2  # squares
UNIT = 80.0
"""Grey levels squared (summed over RGB): the unit of `SMOOTH`, about the median difference of the best shifts
on lp_s1 (fixed, so no statistic of the whole hole changes the labels of one side of it)."""
SMOOTH = 4.0
"""Cost of a neighbour with another label, in `UNIT`s (lower drew the folds as short blocks with steps
between them, lp_s1)."""
AGGREGATE = 1.5  # hole margins: a shift's difference is averaged over about this round each pixel (Gaussian)
MODES = 6  # rounds of iterated conditional modes
SEAM_SIGMA = 1.0  # work px: the copy is blurred over about this along the seams between labels
_SEED = 9  # the search's random steps are hashed from this and the pixel: the same source gives the same plate
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


def _noise(ys: np.ndarray, xs: np.ndarray, draw: int, r: int) -> np.ndarray:
    """(n,) int64 in [-r, r]: the `draw`-th pseudo-random step of the pixels at absolute work coordinates
    (`ys`, `xs`, (n,) int): a hash of the pixel and the draw, so a pixel's search never depends on how many
    other pixels are searched (a change of the mask under the chin left lp_s1's curtain with other shifts)."""
    v = (ys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (xs.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F))
    v ^= np.uint64((draw * 0x165667B19E3779F9 + _SEED) & 0xFFFFFFFFFFFFFFFF)
    for shift, factor in ((31, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB)):
        v ^= v >> np.uint64(shift)
        v *= np.uint64(factor)
    v ^= v >> np.uint64(31)
    return (v % np.uint64(2 * r + 1)).astype(np.int64) - r


def _search(image: np.ndarray, band: np.ndarray, known: np.ndarray, margin: float, origin: tuple[int, int]
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each `band` ((h, w) bool) pixel's patch of `image` ((h, w, 3) float32) matched to its most similar
    patch of `known` ((h, w) bool) `MIN_SHIFT` to `REACH` margins (`margin` work px) away (PatchMatch, its
    random steps hashed from the pixel's absolute work coordinates: `origin`, (y, x) of pixel (0, 0)):
    the pixels (ys, xs) and their shifts (dy, dx), (n,) int64 each, work px."""
    h, w = band.shape
    span = np.arange(-PATCH, PATCH + 1, 2)
    oy, ox = (a.ravel() for a in np.meshgrid(span, span, indexing="ij"))
    whole = cv2.erode(known.astype(np.uint8), np.ones((2 * PATCH + 1,) * 2, np.uint8), borderValue=0) > 0
    ys, xs = np.nonzero(band & whole)
    empty = np.zeros(0, np.int64)
    if len(ys) < 16:
        return empty, empty, empty, empty
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

    ay, ax = ys + origin[0], xs + origin[1]
    reach = int(REACH * margin)
    my, mx = ys + _noise(ay, ax, 0, reach), xs + _noise(ay, ax, 1, reach)
    best = cost(my, mx)
    field = np.zeros((2, h, w), np.int64)
    draw = 2
    for k in range(SEARCH_ROUNDS):
        field[0][ys, xs], field[1][ys, xs] = my - ys, mx - xs  # offsets
        candidates = []
        for sy, sx in ((1, 0), (-1, 0), (0, 1), (0, -1)) if k % 2 == 0 else ((2, 0), (-2, 0), (0, 2), (0, -2)):
            ny, nx = np.clip(ys + sy, 0, h - 1), np.clip(xs + sx, 0, w - 1)
            candidates.append((ys + field[0][ny, nx], xs + field[1][ny, nx]))
        r = reach
        while r >= 1:
            candidates.append((my + _noise(ay, ax, draw, r), mx + _noise(ay, ax, draw + 1, r)))
            draw, r = draw + 2, r // 2
        for cy, cx in candidates:
            c = cost(cy, cx)
            better = c < best
            my, mx, best = np.where(better, cy, my), np.where(better, cx, mx), np.where(better, c, best)
    found = best < _FAR
    return ys[found], xs[found], my[found] - ys[found], mx[found] - xs[found]


def _frequent(dy: np.ndarray, dx: np.ndarray, reach: int) -> list[tuple[int, int]]:
    """The `SHIFTS` most frequent of the shifts (`dy`, `dx`, (n,) int, within `reach` work px), each a peak
    of their counts (blurred over 1 px), most frequent first."""
    size = 2 * reach + 1
    counts = np.bincount((dy + reach) * size + dx + reach, minlength=size * size).astype(np.float32)
    counts = cv2.GaussianBlur(counts.reshape(size, size), (0, 0), 1.0)
    peaks = (counts >= cv2.dilate(counts, np.ones((5, 5), np.uint8))) & (counts > 0)
    py, px = np.nonzero(peaks)
    order = np.argsort(-counts[py, px], kind="stable")[:SHIFTS]
    return [(int(py[i] - reach), int(px[i] - reach)) for i in order]


def _regional_shifts(image: np.ndarray, hole: np.ndarray, known: np.ndarray, margin: float,
                     origin: tuple[int, int]) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The shifts (dy, dx), work px, and (k, h, w) bool: where in the `hole` ((h, w) bool) shift k may be
    copied. The hole is cut into square regions `REGION` margins (`margin` work px) wide on a grid fixed
    in absolute work coordinates (`origin`, (y, x) of pixel (0, 0)); each region takes the `SHIFTS` most
    frequent shifts of the background of `known` ((h, w) bool) within `BAND` margins of the hole in it and
    the 8 regions round it (`_search` on `image`, (h, w, 3) float32): a change of the mask far away (under
    the chin) leaves a region's shifts as they were."""
    outside = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, 5)
    ys, xs, dy, dx = _search(image, known & (outside <= BAND * margin), known, margin, origin)
    if not len(ys):
        return [], np.zeros((0,) + hole.shape, bool)
    side = max(1, round(REGION * margin))
    h, w = hole.shape
    ry, rx = (np.arange(h) + origin[0]) // side, (np.arange(w) + origin[1]) // side
    region = (ry[:, None] - ry[0]) * (rx[-1] - rx[0] + 1) + (rx[None, :] - rx[0])
    band_region = region[ys, xs]
    reach = int(REACH * margin)
    chosen: dict[int, list[tuple[int, int]]] = {}
    for r in np.unique(region[hole]):
        cy, cx = divmod(int(r), int(rx[-1] - rx[0] + 1))
        near = np.zeros(len(ys), bool)
        for sy in range(-AROUND, AROUND + 1):
            for sx in range(-AROUND, AROUND + 1):
                if 0 <= cy + sy <= ry[-1] - ry[0] and 0 <= cx + sx <= rx[-1] - rx[0]:
                    near |= band_region == (cy + sy) * (rx[-1] - rx[0] + 1) + cx + sx
        if near.any():
            chosen[int(r)] = _frequent(dy[near], dx[near], reach)
    shifts = sorted({s for found in chosen.values() for s in found})
    allowed = np.zeros((len(shifts), h, w), bool)
    for r, found in chosen.items():
        at = hole & (region == r)
        for s in found:
            allowed[shifts.index(s)] |= at
    return shifts, allowed


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
    step = max(1, round(margin_px / WORK_MARGIN))  # the work size is 1/step of the photo's, on a fixed grid
    margin = margin_px / step
    reach = int(np.ceil((REACH + BAND) * margin_px)) + 1
    y0, x0 = max(0, hy.min() - reach) // step * step, max(0, hx.min() - reach) // step * step
    y1, x1 = min(h, hy.max() + reach + 1), min(w, hx.max() + reach + 1)
    box = np.s_[y0:y1, x0:x1]
    pad = ((0, -(y1 - y0) % step), (0, -(x1 - x0) % step))

    def shrunk(array: np.ndarray, mode: str) -> np.ndarray:  # block means over step x step px
        array = np.pad(array, pad + ((0, 0),) * (array.ndim - 2), mode=mode)
        sh, sw = array.shape[0] // step, array.shape[1] // step
        return array.reshape(sh, step, sw, step, *array.shape[2:]).mean((1, 3))

    small_hole = shrunk(hole[box].astype(np.float32), "constant") > 0
    small_known = (shrunk(known[box].astype(np.float32), "constant") > 0.99) & ~small_hole
    current = shrunk(np.where(hole[box][..., None], start[box], image[box]), "edge").astype(np.float32)
    shifts, allowed = _regional_shifts(current, small_hole, small_known, margin, (y0 // step, x0 // step))
    if not shifts:
        return None
    labels = _labels(current, small_hole, small_known, shifts, allowed, max(1.0, AGGREGATE * margin))
    labels = np.repeat(np.repeat(labels, step, 0), step, 1)[:y1 - y0, :x1 - x0]
    out = start.copy()
    out[box] = _copy(image[box], start[box], hole[box], known[box], labels, shifts, step)
    return out


def _labels(current: np.ndarray, hole: np.ndarray, known: np.ndarray, shifts: list[tuple[int, int]],
            allowed: np.ndarray, spread: float) -> np.ndarray:
    """(h, w) int32: each `hole` ((h, w) bool) pixel's shift (index into `shifts`, (dy, dx) px, of those
    `allowed` there, (k, h, w) bool; -1 where none lands on `known`, (h, w) bool), by iterated conditional
    modes (module doc), the differences averaged over `spread` px (Gaussian sigma); `current` ((h, w, 3)
    float32, the photo with the ring fill in the hole) becomes the fill."""
    weight = (hole | known).astype(np.float32)
    labels = np.full(hole.shape, -1, np.int32)
    pad = int(np.ceil(3 * spread)) + 1
    far = max(max(abs(dy), abs(dx)) for dy, dx in shifts)
    windows = []  # each shift's costs are read only round where it is allowed
    for k in range(len(shifts)):
        ys, xs = np.nonzero(allowed[k])
        rows, cols = padded_box(ys, xs, pad, hole.shape)
        windows.append((rows.start, rows.stop, cols.start, cols.stop))
    lands_all = np.pad(known, far)
    for _ in range(MODES):
        padded = np.pad(current, ((far, far), (far, far), (0, 0)))
        best = np.full(hole.shape, np.inf, np.float32)
        chosen = np.full(hole.shape, -1, np.int32)
        around = np.pad(labels, 1, constant_values=-1)
        for k, (dy, dx) in enumerate(shifts):
            y0, y1, x0, x1 = windows[k]
            at = np.s_[y0:y1, x0:x1]
            there = padded[y0 + far + dy:y1 + far + dy, x0 + far + dx:x1 + far + dx]
            lands = lands_all[y0 + far + dy:y1 + far + dy, x0 + far + dx:x1 + far + dx]
            seen = weight[at] * lands  # the target's pixels against the photo's
            square = ((current[at] - there) ** 2).sum(2) * seen
            near = cv2.GaussianBlur(square, (0, 0), spread) / np.maximum(cv2.GaussianBlur(seen, (0, 0), spread), 1e-6)
            same = sum((around[y0 + 1 + sy:y1 + 1 + sy, x0 + 1 + sx:x1 + 1 + sx] == k).astype(np.float32)
                       for sy, sx in ((1, 0), (-1, 0), (0, 1), (0, -1)))
            cost = np.where(allowed[k][at] & lands, near + UNIT * SMOOTH * (4 - same), np.inf)
            better = cost < best[at]
            best[at] = np.where(better, cost, best[at])
            chosen[at] = np.where(better, k, chosen[at])
        labels = np.where(hole, chosen, -1).astype(np.int32)
        ys, xs = np.nonzero(labels >= 0)
        step = np.array(shifts, np.int64)[labels[ys, xs]]
        current[ys, xs] = padded[ys + far + step[:, 0], xs + far + step[:, 1]]
    return labels


def _copy(image: np.ndarray, start: np.ndarray, hole: np.ndarray, known: np.ndarray, labels: np.ndarray,
          shifts: list[tuple[int, int]], step: int) -> np.ndarray:
    """(h, w, 3) float32: `start` with the pixels of `hole` copied from `image` through their shift
    (`labels`, (h, w) int32 into `shifts`, work px of `step` px each; -1: none), softened along the seams
    between labels; elsewhere, and where no copy lands on `known`, `start`."""
    h, w = hole.shape
    big = labels
    moves = np.array([(dy * step, dx * step) for dy, dx in shifts] + [(0, 0)], np.int64)
    ys, xs = np.nonzero(hole)
    k = big[ys, xs]
    sy, sx = np.clip(ys + moves[k, 0], 0, h - 1), np.clip(xs + moves[k, 1], 0, w - 1)
    landed = (k >= 0) & known[sy, sx]
    out = start.copy()
    out[ys[landed], xs[landed]] = image[sy[landed], sx[landed]]
    seams = np.zeros((h, w), np.uint8)
    for dy, dx in ((1, 0), (0, 1)):
        seams |= (big != _moved(big, dy, dx, -2)).astype(np.uint8)
    sigma = max(1.0, SEAM_SIGMA * step)
    size = 2 * int(np.ceil(2 * sigma)) + 1
    seams = cv2.dilate(seams * hole.astype(np.uint8), np.ones((size, size), np.uint8)).astype(np.float32)
    seams = cv2.GaussianBlur(seams, (0, 0), sigma)[..., None]
    soft = cv2.GaussianBlur(out, (0, 0), sigma)
    return np.where(hole[..., None], out + seams * (soft - out), out)
