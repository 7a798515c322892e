"""A soft edge's colour unmixed against a plate: one pixel of the photo `S` with the head's alpha `a` is
a F + (1 - a) P over a plate `P`, so the head carries the premultiplied colour a F = S - (1 - a) P, and its own
colour is F = a F / a (the alpha at least `ALPHA_FLOOR`).

Where the photo's edge is darker than the plate's share alone (its dark hair over a lighter hole fill) a F is below 0:
over the plate it was unmixed against it gives the photo back, but moved over a darker plate the sum went below 0 and
saturated to black (a 1 px hooked line on lp_d11's hair beside the jaw, h36-fresh (3); `figures.black_fringe`).
`laid_below_zero` takes such a colour towards 0 (the edge's own share given up, the plate's behind it kept) as far as
the plate it is laid over, darker than the one it was unmixed against, takes the photo's own colour from the sum: at
rest, moved over a plate alike or lighter (the sum then lighter than the photo, never below 0), and where a darker
plate takes only a small share of a light photo's colour, nothing (or little) changes. Taking it by how far the plates
differ either way (h37-clip) lightened 12-40 levels the soft ramp from sr_4's hair band to a side-lit wall, unmixed
against a fill up to ~45 levels lighter than the ramp: pale flecks down the ramp (`figures.wall_wisps` 4 -> 13). Where
the photo's channel is `LEAST_TAKEN` grey levels or more the sum is never below 0; under that a darker plate may still
take a near-black photo's channel to 0."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, below_zero_taken

ALPHA_FLOOR = 1e-3  # the unmixed colour's divisor is the alpha, at least this
SHARE_TAKEN = 0.5
"""The share of the photo's own colour (a channel's) that the plate laid under a moved edge, darker than the one it
was unmixed against, takes from their sum for `laid_below_zero` to take that edge's colour below 0 to 0 in full."""
LEAST_TAKEN = 12.0
"""Grey levels: what the darker plate takes from the sum for `laid_below_zero` to act in full is at least this (on a
near-black photo a plate's few levels of change took its whole colour: sr_8's hood edge, a wall-blue 1 px line)."""


def premultiplied(source: np.ndarray, alpha: np.ndarray, plate: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32 a F = S - (1 - a) P for `source` S and `plate` P ((h, w, 3) float32) and `alpha` a
    ((h, w) float32 in [0, 1])."""
    inverse = cv2.subtract(1.0, alpha)
    return source - cv2.multiply(plate, cv2.merge([inverse, inverse, inverse]))


def unmixed(source: np.ndarray, alpha: np.ndarray, plate: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32 F, grey levels (outside 0..255 where `plate` cannot be what lies behind the edge):
    `premultiplied` over max(alpha, `ALPHA_FLOOR`)."""
    return premultiplied(source, alpha, plate) / np.maximum(alpha, ALPHA_FLOOR)[..., None]


def laid_below_zero(head: np.ndarray, maps: np.ndarray, against: np.ndarray, plate: np.ndarray,
                    neck: np.ndarray, neck_row: int, neck_col: int) -> None:
    """Sets in place the moved head layer's premultiplied colour (`head`, (b, a, 4) float32, read by the backward map
    `maps`, (b, a, 2) float32 crop px) where its alpha is over 0 (its soft edge: at 0 it carries the photo less the
    plate, for the pixels far from the head to stay the photo bit for bit) and a channel is below 0: that channel
    towards 0 as far as the plate it is laid over (`plate`, (b, a, 3) float32, with the moved `neck` (n, m, 3)
    float32 in its place from row `neck_row`, column `neck_col`), darker than the one it was unmixed against
    (`against`, (h, w, 3) float32 on the crop, read at `maps`), takes from their sum the photo's own colour (the
    edge's colour over `against`): in full where in some channel it takes `SHARE_TAKEN` of it (at least `LEAST_TAKEN`
    grey levels), the sum then at or below half the photo's. One compiled pass (`draw_kernels.below_zero_taken`)."""
    below_zero_taken(head, maps, against, plate, neck, neck_row, neck_col, BILINEAR_WEIGHTS, np.float32(SHARE_TAKEN),
                     np.float32(LEAST_TAKEN))
