"""The background's straight stripes carried on across the plate's hole along their own direction (issue #9).

The ring fill (`plate.ring_fill`) carries the colour of the nearest ring pixel inwards and blurs it deeper in: where the
background beside the hole is a set of broad straight stripes running into it at a slant (grace_hopper's flag: the blue
canton's edge, a white stripe, sloping up towards her head), the nearest ring pixels under her far ear are the gold
cord's and fringe's, and the fill there was one wide flat pale wedge where a turned head bared it (h47-ghwedge,
`figures/pale_wedge`). Here each hole pixel tries `ANGLES` directions; along each it walks both ways to where it leaves
the hole onto the known background, within `REACH` hole margins; a side counts as far as the background's broad
structure there (thin lines gone, `_broad`) runs along that direction: the structure tensor's coherence times how little
its gradient crosses the direction (`ACROSS`) times its contrast (`CONTRAST`, `_along`), and as far as the direction
leaves the hole squarely (`GRAZE`; h50-ghwedge: no soft gradient, no oblique ray reading an edge's blend, no stripe
running along the hole's edge is carried). The best direction's sides give the pixel's colour (the nearer side
more): the broad colour where the stripe leaves the hole, with the stripe's grain (`GRAIN`: its weave and folds)
repeated along it from the `SPAN` past the hole's edge, so each stripe goes on into the hole as a stripe with its weave,
not flat (h49-ghwedge); its weight over the ring fill that score (`SCORE`) fading out over `REACH`. A side that leaves
the hole onto the person (not the background) is none, and a carried colour nearer the person's beside the hole than the
background's is not laid (`_own_side`, h49-ghwedge): the plate keeps each side's colour (tests/mesh/test_plate_fill.py),
and sr_4's dark column beside the nape, which the person mask holds in part, is not drawn up as jagged dark streaks.
Laid only in `ear_bared`'s band (`layers.background_plate`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel

BROAD = 0.5
"""Hole margins: the known background's colours are median-filtered over this radius before its structure is read and
its colour carried, so broad colour edges (the flag's stripes) stand and thin lines (its cord, the fringe's threads,
the folds) go."""
TENSOR = 1.5
"""Hole margins: the structure tensor's window (Gaussian sigma) over the background beside the hole."""
ANGLES = 16  # directions tried per hole pixel, over half a turn
REACH = 6.0
"""Hole margins: a stripe goes on this far into the hole from where it meets it (smoothstep to the ring fill)."""
CHOICE = 1.0  # hole margins: the directions' scores are smoothed over this (Gaussian sigma) before one is chosen
CONTRAST = (30.0, 60.0)
"""Grey levels: the broad background's gradient where a stripe leaves the hole (the RMS over `TENSOR` of its Sobel
gradient, summed over the channels) from which its direction is scored at all, fully from the second: a stripe's edge,
not a soft gradient or a faint wall's shading (the flag's stripes where they meet grace_hopper's bared wedge ~60-160;
sr_18's blurred dark wall 1-20, whose carry took his held grey off the plate; sr_4's cream wall 5-17, lp_s0's sofa
and the astronaut's wall 13-17)."""
ACROSS = 0.2
"""The share of the structure's gradient energy across a direction at which that direction scores 0 (linearly from 1
at none): within ~26 deg of the stripe's grain (at a half, ~45 deg, oblique rays read an edge's blend: lp_s0's leaf
edge drawn over the sofa, `dark_streak` 9 over its bound 8)."""
GRAZE = (0.92, 1.0)
"""|cos| of the angle between a direction and the hole's outward normal where it leaves the hole, from which it is
carried at all, fully from the second: a stripe running into the hole, not along its edge (sr_4's dark column beside
its nape, carried up it as a dark sliver: at 0.75-0.95 the plate's 90th percentile off the ring 9.3, bound 8; grace_hopper's
wedge 0.0007-0.0015 there, 0.0033-0.0046 here)."""
SCORE = (0.1, 0.3)
"""A side's score (`_along`, in [0, 1]) from which a direction is carried, fully from the second."""
OWN_CONTRAST = 20.0
"""Grey levels (RGB distance): a carried colour nearer the photo's nearest person colour than its nearest background
colour by this is not laid (the plate keeps each side's colour, tests/mesh/test_plate_fill.py): sr_4's dark column,
which the person mask holds in part, was carried up beside the nape as jagged dark streaks."""
EDGE_GAP = 0.25
"""Hole margins: the radius over which a thin gap in `_own_side`'s keep along a carried edge is closed
(`_edge_gaps_closed`; grace_hopper's margin 9 px: 2 px, her canton edge's gap ~3 px wide, h49-ghline2)."""
GRAIN = 1.0
"""Hole margins: a stripe's grain is the image minus its blur at this sigma: its weave and folds (1.5 px, the ring's
fine texture, left the carried white stripe pale and flat: `pale_wedge` 0.0051-0.0069 against 0.0025-0.0043)."""
SPAN = 2.0  # hole margins: the stretch of a stripe past the hole whose grain is repeated along it into the hole
GRAIN_LIMIT = 2.5  # the grain is clipped at this many times its median absolute value on the known background


def _broad(image: np.ndarray, known: np.ndarray, margin_px: float) -> np.ndarray:
    """(h, w, 3) float32: the known background's broad colours: `image` ((h, w, 3) float32) with every pixel off
    `known` ((h, w) bool) its nearest known pixel's, median-filtered over `BROAD` hole margins (`margin_px` px)."""
    filled = _nearest_colour(image, known).reshape(image.shape)
    size = 2 * max(1, round(BROAD * margin_px)) + 1
    return cv2.medianBlur(np.clip(np.rint(filled), 0, 255).astype(np.uint8), size).astype(np.float32)


def _tensor(image: np.ndarray, known: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The structure tensor's parts (Jxx, Jxy, Jyy), each (h, w) float32, of `image` ((h, w, 3) float32) summed over
    its channels, from the gradients whose 3 x 3 px lie on `known` ((h, w) bool) only, averaged over `sigma` px."""
    gx = cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3)
    inner = cv2.erode(known.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(np.float32)
    weight = np.maximum(cv2.GaussianBlur(inner, (0, 0), sigma), 1e-6)
    return tuple(cv2.GaussianBlur((a * b).sum(axis=2) * inner, (0, 0), sigma) / weight
                 for a, b in ((gx, gx), (gx, gy), (gy, gy)))


def _walk(inside: np.ndarray, known: np.ndarray, ys: np.ndarray, xs: np.ndarray, dy: float, dx: float, most: int
          ) -> tuple[np.ndarray, np.ndarray]:
    """From each hole pixel (ys, xs) (n,) px, unit steps (dy, dx): the steps (n,) float32 to the first pixel off the
    hole `inside` ((h, w) bool), np.inf where that is not `known` ((h, w) bool), lies past `most` steps or off the
    image; and that pixel's flat index (n,) int64 (0 where none)."""
    h, w = inside.shape
    steps = np.full(len(ys), np.inf, np.float32)
    index = np.zeros(len(ys), np.int64)
    going = np.ones(len(ys), bool)
    for s in range(1, most + 1):
        y, x = np.rint(ys + s * dy).astype(np.int64), np.rint(xs + s * dx).astype(np.int64)
        going &= (y >= 0) & (y < h) & (x >= 0) & (x < w)
        flat = np.clip(y, 0, h - 1) * w + np.clip(x, 0, w - 1)
        out = going & ~inside.ravel()[flat]
        hit = out & known.ravel()[flat]
        steps[hit], index[hit] = s, flat[hit]
        going &= ~out
        if not going.any():
            break
    return steps, index


def _along(tensor: tuple[np.ndarray, np.ndarray, np.ndarray], at: np.ndarray, dy: float, dx: float) -> np.ndarray:
    """(n,) float32 in [0, 1]: how much the structure at flat pixels `at` (n,) runs along (dy, dx): the `tensor`'s
    coherence times 1 - 2x the share of its gradient energy across that direction (0 from half), times its contrast's
    ramp over `CONTRAST` (0 below the first)."""
    jxx, jxy, jyy = (part.ravel()[at] for part in tensor)
    trace = np.maximum(jxx + jyy, 1e-6)
    coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy) / trace
    across = (jxx * dx * dx + 2 * jxy * dx * dy + jyy * dy * dy) / trace
    contrast = np.clip((np.sqrt(trace) - CONTRAST[0]) / (CONTRAST[1] - CONTRAST[0]), 0, 1)
    return (coherence * np.clip(1 - across / ACROSS, 0, 1) * contrast).astype(np.float32)


def _outward(inside: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hole's (`inside`, (h, w) bool) outward unit normal (x, y), each (h, w) float32: the gradient of the distance
    from it, smoothed over 2 px."""
    distance = cv2.GaussianBlur(cv2.distanceTransform((~inside).astype(np.uint8), cv2.DIST_L2, 5), (0, 0), 2)
    gx, gy = cv2.Sobel(distance, cv2.CV_32F, 1, 0), cv2.Sobel(distance, cv2.CV_32F, 0, 1)
    norm = np.maximum(np.hypot(gx, gy), 1e-6)
    return gx / norm, gy / norm


def _bilinear(image: np.ndarray, at: np.ndarray) -> np.ndarray:
    """(n, 3) float32: `image` ((h, w, 3) float32) read bilinearly at `at` ((n, 2) px, (y, x)), clamped to it."""
    h, w = image.shape[:2]
    y, x = np.clip(at[:, 0], 0, h - 1), np.clip(at[:, 1], 0, w - 1)
    y0, x0 = np.minimum(y.astype(np.int64), h - 2), np.minimum(x.astype(np.int64), w - 2)
    fy, fx = (y - y0)[:, None], (x - x0)[:, None]
    return ((1 - fy) * ((1 - fx) * image[y0, x0] + fx * image[y0, x0 + 1])
            + fy * ((1 - fx) * image[y0 + 1, x0] + fx * image[y0 + 1, x0 + 1])).astype(np.float32)


def _nearest_colour(image: np.ndarray, of: np.ndarray) -> np.ndarray:
    """(h * w, 3) float32: at every pixel the colour of `image` ((h, w, 3) float32) at the nearest pixel of `of`
    ((h, w) bool, not empty)."""
    _, labels = cv2.distanceTransformWithLabels((~of).astype(np.uint8), cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL)
    table = np.zeros((int(labels.max()) + 1, 3), np.float32)
    table[labels[of]] = image[of]
    return table[labels].reshape(-1, 3)


def _own_side(image: np.ndarray, inside: np.ndarray, known: np.ndarray, carried: np.ndarray, hole: np.ndarray
              ) -> np.ndarray:
    """(n,) float32 in [0, 1]: how far the colours `carried` ((n, 3) float32) at the hole's flat pixels `hole` (n,)
    keep to the background's side: 1 where nearer the photo's nearest background colour than its nearest person's
    colour (`known` off the hole, the rest off it: (h, w) bool), to 0 where nearer the person's by `OWN_CONTRAST`."""
    person = ~inside & ~known
    if not person.any():
        return np.ones(len(hole), np.float32)
    background = _nearest_colour(image, ~inside & known)[hole]
    theirs = _nearest_colour(image, person)[hole]
    lead = np.linalg.norm(carried - background, axis=1) - np.linalg.norm(carried - theirs, axis=1)
    return np.clip(1 - lead / OWN_CONTRAST, 0, 1).astype(np.float32)


def _edge_gaps_closed(own: np.ndarray, colour: np.ndarray, margin_px: float) -> np.ndarray:
    """(h, w) float32: `_own_side`'s keep `own` ((h, w) float32 in [0, 1]) closed over a disc of `EDGE_GAP` hole
    margins (`margin_px` px) where the carried `colour` ((h, w, 3) float32) crosses an edge over it (its mean over the
    channels spans `OWN_CONTRAST` twice): a stripe's edge carried is a blend of its two sides, which may read nearer
    the person's colour than the nearest background's and was left as a thin gap of ring fill along it."""
    disc = disc_kernel(max(1, round(EDGE_GAP * margin_px)))
    luma = np.ascontiguousarray(colour.mean(axis=2))
    edge = cv2.morphologyEx(luma, cv2.MORPH_GRADIENT, disc) >= 2 * OWN_CONTRAST
    return np.where(edge, cv2.morphologyEx(own, cv2.MORPH_CLOSE, disc), own)


def _structure(image: np.ndarray, known: np.ndarray, margin_px: float
               ) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The known background's broad colours (`_broad`) and their structure tensor (`_tensor`)."""
    broad = _broad(image, known, margin_px)
    return broad, _tensor(broad, known, max(1.0, TENSOR * margin_px))


def _may_carry(tensor: tuple[np.ndarray, np.ndarray, np.ndarray], known: np.ndarray, margin_px: float,
               where: np.ndarray) -> bool:
    """Whether any direction can score `SCORE`'s first from the hole pixels on `where` ((h, w) bool): a side's score
    is at most the `tensor`'s coherence times its contrast ramp on the `known` pixel it reaches within `REACH`
    hole margins (`margin_px` px) of its hole pixel, so where none of those reaches it, `stripe_carry` carries
    nothing (exactly; the walks over `ANGLES` directions, most of its time, are then left out)."""
    most = int(np.ceil(REACH * margin_px))
    reached = known & (cv2.dilate(where.astype(np.uint8), np.ones((2 * most + 3, 2 * most + 3), np.uint8)) > 0)
    if not reached.any():
        return False
    jxx, jxy, jyy = (part[reached] for part in tensor)
    trace = np.maximum(jxx + jyy, 1e-6)
    coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy) / trace
    contrast = np.clip((np.sqrt(trace) - CONTRAST[0]) / (CONTRAST[1] - CONTRAST[0]), 0, 1)
    return bool((coherence * contrast).max() >= SCORE[0])


def stripe_carry(image: np.ndarray, inside: np.ndarray, known: np.ndarray, margin_px: float, where: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray] | None:
    """The background's stripes carried across the hole (module docstring): (h, w, 3) float32 colour and (h, w)
    float32 in [0, 1] its weight over the ring fill (0 outside the hole's pixels on `where`), or None where it carries
    nothing. image: (h, w, 3) float32; inside: (h, w) bool, the hole; known: (h, w) bool, the known background;
    margin_px: the hole's margin (px); where: (h, w) bool, the hole's pixels to carry into (`ear_bared`'s band)."""
    carried_into = inside & where
    broad, tensor = _structure(image, known, margin_px)
    if not _may_carry(tensor, known, margin_px, carried_into):
        return None
    grain = (image - cv2.GaussianBlur(image, (0, 0), max(1.0, GRAIN * margin_px))).reshape(-1, 3)
    limit = GRAIN_LIMIT * max(float(np.median(np.abs(grain[np.flatnonzero(known)[::7]]))), 1e-3)
    grain = np.clip(grain, -limit, limit)
    known_flat = known.ravel()
    hole = np.flatnonzero(carried_into)
    h, w = inside.shape
    ys, xs = np.divmod(hole, w)
    reach = REACH * margin_px
    normal = _outward(inside)
    scores, colours = [], []
    for angle in np.linspace(0, np.pi, ANGLES, endpoint=False):
        sides = []
        for dy, dx in ((np.sin(angle), np.cos(angle)), (-np.sin(angle), -np.cos(angle))):
            steps, index = _walk(inside, known, ys, xs, dy, dx, int(np.ceil(reach)))
            facing = np.abs(normal[0].ravel()[index] * dx + normal[1].ravel()[index] * dy)
            score = np.where(np.isfinite(steps), _along(tensor, index, dy, dx)
                             * np.clip((facing - GRAZE[0]) / (GRAZE[1] - GRAZE[0]), 0, 1), 0)
            found = np.where(np.isfinite(steps), steps, 0)
            # the stripe's grain out along it past its end, at the pixel's depth in the hole wrapped to `SPAN`
            beyond_at = found + 1 + np.mod(found, max(SPAN * margin_px, 1.0))
            beyond = (np.clip(np.rint(ys + beyond_at * dy), 0, h - 1).astype(np.int64) * w
                      + np.clip(np.rint(xs + beyond_at * dx), 0, w - 1).astype(np.int64))
            grained = np.where(known_flat[beyond][:, None], grain[beyond], 0)
            sides.append((steps, score,
                          _bilinear(broad, np.stack([ys + found * dy, xs + found * dx], axis=1)) + grained))
        (d1, s1, c1), (d2, s2, c2) = sides
        w1, w2 = (np.where(s >= SCORE[0], 1 / np.maximum(d, 1), 0) for d, s in ((d1, s1), (d2, s2)))
        reached = np.maximum(s1 * np.clip(1 - d1 / reach, 0, 1), s2 * np.clip(1 - d2 / reach, 0, 1))
        score = np.where(w1 + w2 > 0, reached, 0)
        scores.append(score)
        colours.append((w1[:, None] * c1 + w2[:, None] * c2) / np.maximum(w1 + w2, 1e-6)[:, None])
    scores = np.array(scores, np.float32)
    if not (scores.max(axis=0) >= SCORE[0]).any():
        return None
    # the direction chosen from the scores smoothed over the hole (`CHOICE`): whole stretches take one direction
    sigma = max(1.0, CHOICE * margin_px)
    norm = np.maximum(cv2.GaussianBlur(carried_into.astype(np.float32), (0, 0), sigma), 1e-6).ravel()[hole]
    smooth = np.zeros_like(scores)
    for k, score in enumerate(scores):
        plane = np.zeros(h * w, np.float32)
        plane[hole] = score
        smooth[k] = cv2.GaussianBlur(plane.reshape(h, w), (0, 0), sigma).ravel()[hole] / norm
    chosen = smooth.argmax(axis=0)
    pick = np.arange(len(hole))
    colour = image.reshape(-1, 3).copy()
    colour[hole] = np.array(colours, np.float32)[chosen, pick]
    own = np.zeros(h * w, np.float32)
    own[hole] = _own_side(image, inside, known, colour[hole], hole)
    own = _edge_gaps_closed(own.reshape(h, w), colour.reshape(h, w, 3), margin_px).ravel()
    weight = np.zeros(h * w, np.float32)
    weight[hole] = np.clip((scores[chosen, pick] - SCORE[0]) / (SCORE[1] - SCORE[0]), 0, 1) * own[hole]
    return colour.reshape(h, w, 3), weight.reshape(h, w)
