"""The head's soft edge unmixed against the plate it is laid over (issue #9, grace_hopper's orange jaw line).

A pixel of the head's soft edge (alpha `a` in (0, 1)) is the photo `S` = a F + (1 - a) P: the head layer carries
the premultiplied colour a F = S - (1 - a) P against a plate `P` (`unmix`). Under the jaw the plate is drawn with
the neck's shadowed tone laid in (`layers.HeadLayer`'s neck plate), while the head's colour was unmixed against the
fill without it; behind the cut `neck_side` makes through the skin below the ear that fill is the background's
(grace_hopper: the sky's blue), and the skin unmixed against blue is past the colour range (red over 255, blue
under 0). Laid over the neck's skin as a turned head moves, that edge drew a saturated orange line along the
cheek and the jaw (preset:turn frames 8-16; `figures.fringe_tint`). `unmix_over_neck` unmixes each pixel of
the neck's box against the neck plate instead where that leaves its colour nearer the range (`excess`): there the
head laid over its own plate at rest is the photo again, and moved it carries a real colour. (Under the ears,
`neck.NeckWarp.under_ears`, from `neck.HELD_INSIDE` inside the jaw angles outwards, also where both are in range:
with the tone reaching up under grace_hopper's far ear lobe, the lobe's soft skin unmixed against the sky's fill and
laid over the tone drew orange bits along its folds, turn 8-11; taken everywhere, the ties moved lp_s0's chin edge
into a second chin, `tests/mesh/test_chin_edge.py`.)

Where neither plate can be what lies behind the edge, the skin edge's alpha is too low (the segmentation's soft
edge across skin): grace_hopper's moved ear lobe, unmixed against the sky's fill, still drew an orange line along
its lower edge (turn frames 8-11). There the alpha is raised to the `least_alpha` that keeps the colour in range,
only where the photo is skin-coloured (`neck.NeckWarp.skin_columns`) and no darker than the plate: a raised
alpha carries the photo's own colour, so over lp_s1's white wall it carried light specks and over sr_18's dark
background dark streaks. At rest the head over that plate is the photo again. The least alpha in range still
left the colour at the range's edge, skin plus some of skin minus sky: laid over the neck's tone the moved cheek's
lower edge drew a thin orange line (turn 14-20, once the tone reached up under the ear lobe). The alpha is raised
further under the ears, to the alpha at which the unmixed colour is nearest the box's opaque skin (`skin_alpha`): a
pixel that is that skin over the plate keeps its alpha, one that is skin alone under a low alpha is carried whole
(taken everywhere, it hardened lp_s5's soft chin edge). Under the ears both raises apply to skin darker than the plate
too: grace_hopper's moved cheek and lobe edge, skin under a segmentation alpha of ~0.5 over the light sky's fill,
kept its colour past the range (e.g. (266, 56, -48)) and drew orange dashes along the moved cheek's lower edge over
the neck's tone (turn 10-16). (The luma test still holds elsewhere in the box; under sr_18's ears the waiver
moves ~14 px a frame.) The waiver holds only where the pixel steps off the plate towards the opaque skin in
chromaticity, its brightness aside (`towards_skin`): lp_s0's olive sofa leaf beside her jaw (segmentation alpha 0-0.08,
darker than the neck plate, read as skin by the columns' likeness) was raised to 0.15-0.48 and carried past her turned
near cheek, a 6-10 px see-through band with the leaf in it (preset:turn 37-42 at 512, `figures.carried_fringe`);
sr_4's dark brown hair at the nape over the lighter fill (cosine 0.6-0.8) is raised as before (`TOWARDS_SKIN` 0.7);
sr_18's shaded crease under her near lobe, skin in shade over her dark plate, is raised as before (tested in RGB, the
step off the plate to the shade points away from the lit skin, and the lobe's foot rolled 20 left one more pixel of
the black notch, `figures.ear_notch`).

Where the head's alpha is 0 but the plate is fill (the ears' matte, `layers.edge_matte`, lowered the head alpha on
the dark hair beside the jaw while the plate kept `plate_alpha`'s fill), the head carries no colour range, only the
photo less the plate: unmixed against the fill without the tone, it drew the tone at rest, a pink box of the neck's
tone over lp_d11's dark hair beside the jaw (video-to-video `--regions eyes`, frames 113-118, `figures.still_jaw`).
There it is unmixed against the neck plate, so the head over it at rest is the photo again. Where a soft edge can
only be unmixed against the fill (the dark hair's fringe over the pink tone: its colour below 0), the tone is left
off the plate behind it where nothing moves (`unmix_over_neck`'s result, `layers.HeadLayer._untoned`): the pixel at
rest is the photo, not the photo plus the tone's share. So too where both plates leave the colour in range (a tie:
outside the ears' columns the fill is kept, lp_s0's chin edge): the hair's soft edge beside lp_d11's jaw, unmixed
against the fill over the tone, drew at rest a faint dark-pink smudge along the hair's edge (frame 115 of the clip
cut to 112-118, 102 pixels up to 37 levels, h27-v2vhoop). (Left off everywhere, the tone under a raised chin no longer
faded into dark clothes: `tests/mesh/test_tone_end.py`, `test_jaw_shadow.py`.)
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.head_edge.unmix import premultiplied, unmixed

OPAQUE = 0.99
"""Head alpha from which a skin-coloured pixel of the neck's box is the opaque skin whose median colour `skin_alpha`
reads the edge against."""
MIN_OPAQUE = 10
"""Opaque skin pixels needed for that median (with fewer, the least alpha in range alone)."""
TOWARDS_SKIN = 0.7
"""Cosine of the angle between a pixel's step off the plate in chromaticity (`chromaticity`: source's - plate's) and
the opaque skin's (skin's - plate's) from which a pixel darker than the plate under the ears is taken for skin, lit or
shaded, over the plate (`towards_skin`; sr_18's shaded crease under the lobe reads 0.97-1.0, lp_s0's sofa leaf mostly
under 0.5, sr_4's dark brown nape hair over the grey-brown fill 0.6-0.8: at 0.8 its raise went and the fill's light
showed in the hair's tuft above the turned nape)."""


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


def skin_alpha(source: np.ndarray, plate: np.ndarray, skin: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the alpha at which the colour unmixed from `source` over `plate` ((h, w, 3)
    float32) is nearest the opaque skin's colour `skin` ((3,) RGB): `source` - `plate` projected on `skin` -
    `plate`. A pixel that is that skin over the plate at alpha a reads a; the skin alone reads 1."""
    towards = skin.astype(np.float32) - plate
    share = ((source - plate) * towards).sum(-1) / np.maximum((towards * towards).sum(-1), 1.0)
    return np.clip(share, 0.0, 1.0).astype(np.float32)


def chromaticity(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) float32: the colours `rgb` ((..., 3) RGB, 0-255) over their sum (r, g, b) / (r + g + b), their
    brightness aside (black read at a sum of 1)."""
    rgb = rgb.astype(np.float32)
    return rgb / np.maximum(rgb.sum(-1, keepdims=True), 1.0)


def towards_skin(source: np.ndarray, plate: np.ndarray, skin: np.ndarray) -> np.ndarray:
    """(h, w) bool: where the step from `plate` to `source` ((h, w, 3) float32) in `chromaticity` points towards the
    opaque skin's colour `skin` ((3,) RGB) within `TOWARDS_SKIN` (the cosine of their angle): the skin over the plate,
    lit or in shade (the skin times a factor under 1), lies on the segment between their chromaticities. lp_s0's olive
    sofa leaf beside her jaw, darker than the neck plate, does not; sr_18's shaded crease under her near lobe, as dark
    as the plate but redder, does (in RGB its step points away from the lit skin: cosine -0.2 to 0)."""
    at = chromaticity(plate)
    step, towards = chromaticity(source) - at, chromaticity(skin) - at
    dot = (step * towards).sum(-1)
    return dot >= TOWARDS_SKIN * np.linalg.norm(step, axis=-1) * np.linalg.norm(towards, axis=-1)


def unmix_over_neck(head: np.ndarray, source: np.ndarray, alpha: np.ndarray, plate: np.ndarray,
                    neck_plate: np.ndarray, skin: np.ndarray, under_ear: np.ndarray,
                    against: np.ndarray) -> np.ndarray:
    """Sets in place the premultiplied colour and alpha `head` ((n, m, 4) float32, unmixed against `plate`) to the
    `source`'s unmixed against `neck_plate` where that is nearer the colour range (`excess`; as near, too, where
    `under_ear`, (n, m) bool: the columns under the ears, `neck.NeckWarp.under_ears`); then, where `skin` ((n, m)
    float32 in [0, 1], the source's skin likeness) is over 0.5 and the source no darker than the plate chosen
    (darker too where `under_ear` and the source steps towards the box's opaque skin, `towards_skin`), raises the
    alpha to the `least_alpha` keeping its colour in range, or where `under_ear` to the `skin_alpha` of that skin
    (its median where `alpha` >= `OPAQUE`) where higher. `source`, `plate` and `neck_plate` (n, m, 3) float32 on
    the neck's box, `alpha` (n, m) float32. Where `alpha` is 0, always against `neck_plate` (the photo less the
    plate it is laid over at rest). Returns (n, m) bool: the soft edge (alpha in (0, 1)) unmixed against `plate`,
    not `neck_plate` (which left its colour farther out of range, `excess`, or as far outside the ears' columns):
    laid over the neck plate at rest it is not the photo, so `layers.HeadLayer._untoned` lays the plate there
    where nothing moves. Sets `against` ((n, m, 3) float32) in place to the plate each pixel was unmixed against
    (`unmix.laid_below_zero` reads it)."""
    nearer, near = excess(source, alpha, neck_plate), excess(source, alpha, plate)
    better = (alpha <= 0) | (nearer < near) | (under_ear & (nearer <= near))
    behind = np.where(better[..., None], neck_plate, plate)
    against[:] = behind
    lighter = source @ LUMA >= behind @ LUMA
    edge = (alpha > 0) & (skin > 0.5) & (under_ear | lighter)
    least = least_alpha(source, behind)
    opaque = (alpha >= OPAQUE) & (skin > 0.5)
    if opaque.sum() >= MIN_OPAQUE and under_ear.any():
        median = np.median(source[opaque], 0)
        own = skin_alpha(source, behind, median)
        least = np.where(under_ear, np.maximum(least, own), least)
        edge &= lighter | towards_skin(source, behind, median)
    raised = np.where(edge, np.maximum(alpha, least), alpha).astype(np.float32)
    head[..., :3] = premultiplied(source, raised, behind)
    head[..., 3] = raised
    return (raised > 0) & (raised < 1) & ~better
