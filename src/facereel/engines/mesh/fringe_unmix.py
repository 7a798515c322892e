"""The head's soft edge unmixed against the plate it is laid over (issue #9, grace_hopper's orange jaw line).

A pixel of the head's soft edge (alpha `a` in (0, 1)) is the photo `S` = a F + (1 - a) P: the head layer carries
the premultiplied colour a F = S - (1 - a) P against a plate `P` (`unmix`). Under the jaw the plate is drawn with
the neck's shadowed tone laid in (`layers.HeadLayer`'s neck plate), while the head's colour was unmixed against the
fill without it; behind the cut `neck_side` makes through the skin below the ear that fill is the background's
(grace_hopper: the sky's blue), and the skin unmixed against blue is past the colour range (red over 255, blue
under 0). Laid over the neck's skin as a turned head moves, that edge drew a saturated orange line along the
cheek and the jaw (preset:turn frames 8-16; `figures.fringe_tint`). `unmix_over_neck` unmixes each pixel of
the neck's box against the neck plate instead where that leaves its colour as near the range or nearer (`excess`):
there the head laid over its own plate at rest is the photo again, and moved it carries a real colour. (Where both
are in range the plate it is laid over wins: with the tone reaching up under grace_hopper's far ear lobe, the lobe's
soft skin unmixed against the sky's fill and laid over the tone drew orange bits along its folds, turn 8-11.)

Where neither plate can be what lies behind the edge, the skin edge's alpha is too low (the segmentation's soft
edge across skin): grace_hopper's moved ear lobe, unmixed against the sky's fill, still drew an orange line along
its lower edge (turn frames 8-11). There the alpha is raised to the `least_alpha` that keeps the colour in range,
only where the photo is skin-coloured (`neck.NeckWarp.skin_columns`) and no darker than the plate: a raised
alpha carries the photo's own colour, so over lp_s1's white wall it carried light specks and over sr_18's dark
background dark streaks. At rest the head over that plate is the photo again.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.unmix import premultiplied, unmixed

_LUMA = np.array([0.299, 0.587, 0.114], np.float32)  # Rec. 601 grey levels of RGB


def excess(source: np.ndarray, alpha: np.ndarray, plate: np.ndarray) -> np.ndarray:
    """(h, w) float32 grey levels: how far the colour F unmixed from `source` ((h, w, 3) float32) with the head
    `alpha` ((h, w) float32 in [0, 1]) over `plate` ((h, w, 3) float32) lies outside 0..255 (its worst
    channel; 0 inside the range)."""
    colour = unmixed(source, alpha, plate)
    return np.maximum(np.maximum(-colour, colour - 255.0).max(2), 0.0)


def least_alpha(source: np.ndarray, plate: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the least alpha whose colour unmixed from `source` over `plate` ((h, w, 3)
    float32) lies in 0..255 (its worst channel): (S - P) / (255 - P) where S > P, (P - S) / P where S < P."""
    above = (source - plate) / np.maximum(255.0 - plate, 1.0)
    below = (plate - source) / np.maximum(plate, 1.0)
    return np.clip(np.maximum(above, below).max(2), 0.0, 1.0)


def unmix_over_neck(head: np.ndarray, source: np.ndarray, alpha: np.ndarray, plate: np.ndarray,
                    neck_plate: np.ndarray, skin: np.ndarray) -> None:
    """Sets in place the premultiplied colour and alpha `head` ((n, m, 4) float32, unmixed against `plate`) to
    the `source`'s unmixed against `neck_plate` where that is as near the colour range or nearer (`excess`); then,
    where `skin` ((n, m) float32 in [0, 1], the source's skin likeness) is over 0.5 and the source no darker than the
    plate chosen, raises the alpha to the `least_alpha` keeping its colour in range. `source`, `plate` and
    `neck_plate` (n, m, 3) float32 on the neck's box, `alpha` (n, m) float32."""
    better = (alpha > 0) & (excess(source, alpha, neck_plate) <= excess(source, alpha, plate))
    behind = np.where(better[..., None], neck_plate, plate)
    raised = np.where((alpha > 0) & (skin > 0.5) & (source @ _LUMA >= behind @ _LUMA),
                      np.maximum(alpha, least_alpha(source, behind)), alpha).astype(np.float32)
    head[..., :3] = premultiplied(source, raised, behind)
    head[..., 3] = raised
