"""Behind a hanging lock's end beside the neck, the plate is the wall or the neck: not a blend of the two.

In the neck band's rows the hole's fill mixes the ring's fill (the wall) with the push-pull fill from the person
below (`layers.background_plate`) by a ramp two hole margins wide, and behind the chin's soft edge the plate keeps
the photo (`HeadMask.photo`, the jaw's skin) by its own soft share, cut where the hanging hair starts. Where the hair
hangs beside the jaw both ramps lie across the wall and the neck: the plate there was a pale skin-coloured blend,
neither the wall (grey ~242 on lp_s1 at 512) nor the neck (~125), with a hard vertical side where the hanging hair's
mask cut the kept photo. A turned head uncovers it under the near hair's end: a pale smear on the white wall beside
the neck, the hair's end cut by its straight side (lp_s1 512 x preset:turn 36-48, read by `figures/neck_wall_mix`).

Within `REACH` hole margins of the hanging hair, where the ring's fill is the background's (`plate.body_side`'s side
0; not behind the far jaw, where the ring carries the body's collar in and the kept jaw only tints it), the fill's
share of the person is pushed to 0 or 1 (a smoothstep over `EDGE` either side of one half: a 2-4 px edge where the
distances to the wall and to the body are equal, the neck's side carried on up under the hair), and the photo is
kept there only as far as that fill is the person's. Elsewhere, and on photos without hanging hair, the plate is as
before, bit for bit.

The fill made the person's there is the neck band's push-pull fill from the person below (through lp_s1's choker and
blouse, grey ~150-165 on the neck's ~113), and the photo so kept the jaw's skin above the chin's edge (lp_s1 at 512:
x 186-200, y 290-318), both lighter and pinker than the neck, where the shadowed neck tone hardly lays
(`NeckWarp.below_jaw` 0.05-0.45 across those columns). A turned head lifts the hair's end and the neck layer moves
them under it: a lighter strip on the moved neck (preset:turn 36-48, `figures/neck_strip`). The neck plate lays the
tone there in full (`person_fill`), over the kept skin by how much the head hides it at rest (`hidden_kept`: where
the head is not drawn at rest the plate is the photo, as before). Where the fill is the wall's beside that person's
fill (`wall_fill`) the tone's soft share (blurred ~6 px over the wall beside the neck, which the neck layer read on a
slant as a light ramp beside the strip) is made crisp too (`crisp_share`): the tone laid in full or not at all.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.plate_fill.plate import hair_near

REACH = 3.0
"""Hole margins: how far from the hanging hair (`HeadMask.hanging` over 0.5) the shares are made crisp in full; they
fade to as before over one more margin (a reach fading all the way, `hair_near`'s, left the jaw's kept skin half
over the wall 1-2 margins from the hair: a pale beige strip beside the neck)."""

EDGE = 0.1
"""Share (of the person, 0-1): the smoothstep's half width about one half."""

BESIDE = 1.0
"""Hole margins: how far from the fill made the person's beside the hanging hair the wall's side takes the tone's
share crisp in full (`wall_fill`; the tone's blur, `layers._SHADE_SOFTNESS`, is ~0.6 of them)."""


def hair_reach(hanging: np.ndarray, margin_px: int) -> np.ndarray:
    """(h, w) float32 in [0, 1]: 1 on the hanging hair ((h, w), over 0.5) and up to `REACH` hole margins (`margin_px`
    px each) away, falling linearly to 0 one margin farther."""
    return np.clip((REACH + 1) * hair_near(hanging, round((REACH + 1) * margin_px)), 0, 1).astype(np.float32)


def crisp_share(share: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the person's `share` of the fill ((h, w) in [0, 1]) pushed to 0 or 1 where
    `reach` ((h, w) in [0, 1], `hair_reach`) is 1, as it was where it is 0, graded between."""
    crisp = smoothstep(0.5 - EDGE, 0.5 + EDGE, share)
    return (share + reach * (crisp - share)).astype(np.float32)


def photo_kept(photo: np.ndarray, share: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: where the plate keeps the photo (`HeadMask.photo`, (h, w)), within `reach` only as
    far as the fill's person `share` ((h, w), `crisp_share`'s) goes: beside the hair the wall's fill is not blended
    with the jaw's skin."""
    return (photo * (1 - reach * (1 - share))).astype(np.float32)


def person_fill(share: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: where within `reach` ((h, w), `hair_reach`) of the hanging hair the fill is the
    person's (`share`, (h, w), `crisp_share`'s): the neck plate lays the shadowed neck tone there in full."""
    return (reach * share).astype(np.float32)


def wall_fill(share: np.ndarray, reach: np.ndarray, margin_px: int) -> np.ndarray:
    """(h, w) float32 in [0, 1]: where within `reach` ((h, w), `hair_reach`) of the hanging hair the fill is the
    wall's (1 - `share`, (h, w), `crisp_share`'s) beside the fill made the person's (`person_fill` over one half):
    within `BESIDE` hole margins (`margin_px` px each) of it in full, fading out over as many more. The neck plate's
    tone share is made crisp there: its soft tail past that edge, not the tone laid over the wall's fill farther off
    (grace_hopper's jaw angle, where the fill made the person's is a fleck)."""
    person = person_fill(share, reach) > 0.5
    beside = np.clip(2 * hair_near(person.astype(np.float32), round(2 * BESIDE * margin_px)), 0, 1)
    return (reach * (1 - share) * beside).astype(np.float32)


def hidden_kept(kept: np.ndarray, toned: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the plate's kept photo (`photo_kept`'s, (h, w)) where the fill is the person's beside
    the hanging hair (`toned`, (h, w), `person_fill`), by how much the head's `alpha` ((h, w) in [0, 1]) hides it at
    rest: where the neck plate takes the shadowed neck tone over the kept photo (`layers.HeadLayer`)."""
    return (kept * toned * alpha).astype(np.float32)
