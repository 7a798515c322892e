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
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.mouth_chroma import talking_opening_lab
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour


def opening_share(frame: np.ndarray, landmarks: np.ndarray) -> tuple[float, float]:
    """(median chroma of the opening / the skin's chroma, median hue angle of the opening less the skin's, degrees)
    of (H, W, 3) uint8 RGB `frame` with (478, 3) px `landmarks` (module docstring)."""
    skin = skin_colour(frame, landmarks)
    opening = None if skin is None else talking_opening_lab(frame, landmarks)
    if opening is None:
        return float("nan"), float("nan")
    ab = opening[:, 1:]
    skin_ab = to_lab(skin)[1:]
    hue = np.degrees(np.arctan2(ab[:, 1], ab[:, 0]) - np.arctan2(skin_ab[1], skin_ab[0]))
    share = float(np.median(np.hypot(ab[:, 0], ab[:, 1]))) / max(float(np.hypot(*skin_ab)), 1.0)
    return share, float(np.median((hue + 180) % 360 - 180))
