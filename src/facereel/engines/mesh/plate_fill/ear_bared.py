"""The part of the plate's hole a turned head bares under its ears: where the stripe carry applies (issue #9).

grace_hopper x preset:turn (2 s) frames 34-46: her head turned and raised bares the plate under her far ear, beside
the neck, where the ring fill blurred the flag's cord, white stripe and fringe into one pale tan wedge
(`figures/pale_wedge`). The stripe carry (`stripe_carry`) takes the wedge off, but laid over the whole hole it drew
the background's other lines on (grace_hopper's star as a white column over her head, lp_s1's pelmet, a crisp arc
over sr_18's head, h48-ghwedge). `ear_bared` keeps it to the rows from the ear's lower half (`UP` face sizes above
each jaw line's end, beside the ear lobe) down past the jaw's angle (`DOWN` below it), from `IN` face sizes inside
each end to `OUT` outside it, away from the face: both sides, the same for every turn. Further out the head bares
nothing under the ear, and there the carry drew a shoulder's dark edge on as hard rays across sr_8's hood. Its
weight falls to 0 over `FEATHER` face sizes at the band's edges, and is 0 outside, where the plate is the ring fill
as before.
"""

from __future__ import annotations

import numpy as np

UP = 0.15
"""Face sizes above a jaw line's end (beside the ear lobe) where the band starts: the ear's lower half
(grace_hopper's tragion ~0.09 above it, the ear's top ~0.3)."""
DOWN = 0.35
"""Face sizes below a jaw line's end where the band ends: past the jaw's angle (grace_hopper's ~0.28 below it)."""
IN = 0.1
"""Face sizes inside a jaw line's end (towards the face) where the band's inner edge lies: the hole behind the jaw
that a turned head bares (grace_hopper's wedge reaches ~0.08 inside it)."""
OUT = 0.3
"""Face sizes outside a jaw line's end (away from the face) where the band's outer edge lies (grace_hopper's wedge
reaches ~0.25 out; sr_8's rays were drawn 0.5-0.8 out)."""
FEATHER = 0.05
"""Face sizes over which the band's weight rises from 0 at its edges to 1."""


def _ramp(distance: np.ndarray, face_px: float) -> np.ndarray:
    """Smoothstep from 0 at `distance` 0 to 1 at `FEATHER` face sizes (`face_px` px each) in: (...) float32."""
    t = np.clip(distance / max(FEATHER * face_px, 1.0), 0, 1)
    return (t * t * (3 - 2 * t)).astype(np.float32)


def ear_bared(shape: tuple[int, int], jaw: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32 in [0, 1] over a crop of `shape`: the band under each ear (module docstring). jaw: (n, 2) crop
    px, the jaw line's points (`jaw_line.JAW`, from one end beside an ear lobe round the chin to the other); face_px:
    the face size (px)."""
    h, w = shape
    rows = np.arange(h, dtype=np.float32)[:, None]
    columns = np.arange(w, dtype=np.float32)[None, :]
    middle = float(jaw[:, 0].mean())
    band = np.zeros(shape, np.float32)
    for x, y in (jaw[0], jaw[-1]):
        out = 1.0 if x > middle else -1.0  # away from the face
        top, bottom = y - UP * face_px, y + DOWN * face_px
        outwards = (columns - x) * out  # px out from the jaw line's end
        across = _ramp(outwards + IN * face_px, face_px) * _ramp(OUT * face_px - outwards, face_px)
        band = np.maximum(band, _ramp(rows - top, face_px) * _ramp(bottom - rows, face_px) * across)
    return band
