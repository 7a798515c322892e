"""A carried mouth opening greyer against its face than the driver's was against its own (issue #9), read on a frame
and its (478, 3) px landmarks.

lp_s1 (a rosy face, cheeks' CIELAB chroma ~50) driven by lp_d12 150-183 (his skin's chroma ~32): his pale
tongue-filled opening (L* 0.4-0.8 of his skin's, a* b* ~23, 8) keeps its a* b* in her light, as the shadows do
(`mouth_driver`'s `_SHADOW`: no cast below 0.75 of the skin's L*), so its chroma falls from 0.76 of his skin's to
0.50 of hers: a flat lilac-mauve slab inside her bright red lips (h38-fresh's find (2)).

`opening_share`: the opening's pixels' (inside the inner-lip contour) median CIELAB chroma over the skin's
(`mouth_shape.skin_colour` at the landmarks) and their median hue angle less the skin's (degrees, negative: bluer).
A frame whose opening is under `teeth_band.TALKING` mouth widths or holds under `teeth_band.MIN_PX` pixels (the
source repeated: lp_s1's parted lips) scores NaN, NaN. Compare a rendered frame's with its driver frame's.

`lip_turn`: the same opening's median hue angle less its lips' (`mouth_shape.lip_colour` at the landmarks; degrees,
negative: bluer than the lips). lp_d12's own tongue-filled openings lie 7-14 degrees bluer than his lips; carried
onto lp_s1 before the lips' turn (`mouth_driver.lip_turned`), 18-20 bluer than hers (her lips hue 34, his 26-30).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.mouth_chroma import talking_opening_lab
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour


def opening_share(frame: np.ndarray, landmarks: np.ndarray) -> tuple[float, float]:
    """(median chroma of the opening / the skin's chroma, median hue angle of the opening less the skin's, degrees)
    of (H, W, 3) uint8 RGB `frame` with (478, 3) px `landmarks` (module docstring)."""
    skin = skin_colour(frame, landmarks)
    opening = None if skin is None else talking_opening_lab(frame, landmarks)
    if opening is None:
        return float("nan"), float("nan")
    skin_ab = to_lab(skin)[1:]
    share = float(np.median(np.hypot(opening[:, 1], opening[:, 2]))) / max(float(np.hypot(*skin_ab)), 1.0)
    return share, _hue_less(opening, skin_ab)


def lip_turn(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Median hue angle of the opening less its lips', degrees, of (H, W, 3) uint8 RGB `frame` with (478, 3) px
    `landmarks` (module docstring); NaN where the opening is not read."""
    lip = lip_colour(frame, landmarks)
    opening = None if lip is None else talking_opening_lab(frame, landmarks)
    return float("nan") if opening is None else _hue_less(opening, to_lab(lip)[1:])


def _hue_less(lab: np.ndarray, ab: np.ndarray) -> float:
    """Median over (n, 3) CIELAB pixels `lab` of their hue angle less that of (2,) a* b* `ab`, degrees in [-180, 180)."""
    hue = np.degrees(np.arctan2(lab[:, 2], lab[:, 1]) - np.arctan2(ab[1], ab[0]))
    return float(np.median((hue + 180) % 360 - 180))
