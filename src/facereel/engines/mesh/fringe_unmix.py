"""The head's soft edge unmixed against the plate it is laid over (issue #9, grace_hopper's orange jaw line).

A pixel of the head's soft edge (alpha `a` in (0, 1)) is the photo `S` = a F + (1 - a) P: the head layer carries
the premultiplied colour a F = S - (1 - a) P against a plate `P` (`unmix`). Under the jaw the plate is drawn with
the neck's shadowed tone laid in (`layers.HeadLayer`'s neck plate), while the head's colour was unmixed against the
fill without it; behind the cut `neck_side` makes through the skin below the ear that fill is the background's
(grace_hopper: the sky's blue), and the skin unmixed against blue is past the colour range (red over 255, blue
under 0). Laid over the neck's skin as a turned head moves, that edge drew a saturated orange line along the
cheek and the jaw (preset:turn frames 8-16; `figures.fringe_tint`). `unmix_over_neck` unmixes each pixel of
the neck's box against the neck plate instead where that leaves its colour nearer the range (`excess`): there
the head laid over its own plate at rest is the photo again, and moved it carries a real colour.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.unmix import premultiplied, unmixed


def excess(source: np.ndarray, alpha: np.ndarray, plate: np.ndarray) -> np.ndarray:
    """(h, w) float32 grey levels: how far the colour F unmixed from `source` ((h, w, 3) float32) with the head
    `alpha` ((h, w) float32 in [0, 1]) over `plate` ((h, w, 3) float32) lies outside 0..255 (its worst
    channel; 0 inside the range)."""
    colour = unmixed(source, alpha, plate)
    return np.maximum(np.maximum(-colour, colour - 255.0).max(2), 0.0)


def unmix_over_neck(head: np.ndarray, source: np.ndarray, alpha: np.ndarray, plate: np.ndarray,
                    neck_plate: np.ndarray) -> None:
    """Sets in place the premultiplied colour `head` ((n, m, 3) float32, unmixed against `plate`) to the
    `source`'s unmixed against `neck_plate` where that is nearer the colour range (`excess`); all (n, m, 3)
    float32 on the neck's box, `alpha` (n, m) float32."""
    better = (alpha > 0) & (excess(source, alpha, neck_plate) < excess(source, alpha, plate))
    head[better] = premultiplied(source, alpha, neck_plate)[better]
