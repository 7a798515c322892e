"""Dim lower teeth carried in the cavity's colour (issue #9 item 3, `--mouth driver`), read on a rendered frame and its
(478, 3) px landmarks.

lp_d18 at 512 px shows its lower teeth on its widest frames (76-92) as a dim grey band along the lower lip (L* 28-39,
0.5-0.65 of its skin's; chroma 16-19, 0.55-0.6 of its lips'), too dim to be teeth by the colour match's light ramp:
carried into lp_s12 / lp_s5 they took the cavity's tint and shade, a mauve band like the cavity round them. Carried
teeth take the face's skin hue (`mouth_driver`'s teeth rule), where the cavity and tongue keep the driver interior's
hue in the face's light (lp_s12, lp_s5: 20-45 degrees off their skins' hue; lp_d18's own dim teeth lie 3-11 degrees
off its skin's, its tongue and lips 10-11). `lower_teeth_area`: the area of the opening's lower band
(`LOWER_BAND` of the gap and below) whose pixels read as teeth in the face's light: at least `DIM_LIGHT` of the skin's
L* (the dark line between tongue and teeth lies under it), within `TEETH_HUE` degrees of the skin's
CIELAB hue and no more coloured than it, in thousandths of the squared mouth width. A closed mouth (under
`teeth_band.MIN_PX` opening pixels) reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.teeth_band import opening_lab
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap, skin_colour

LOWER_BAND = 0.7
"""v (0 at the upper inner lip, 1 at the lower, `teeth_band.opening_lab`) from which a pixel lies in the lower band."""
DIM_LIGHT = 0.45
"""L* share of the skin's from which a pixel may be a tooth: lp_d18's dim lower teeth 0.5-0.65, its dark line 0.3."""
TEETH_HUE = 10.0
"""Degrees of CIELAB hue from the skin's within which a pixel reads as a tooth in the face's light."""


def lower_teeth_area(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Area of (H, W, 3) uint8 RGB `frame`'s lower-band pixels reading as teeth in its face's light (module
    docstring), in thousandths of the squared mouth width of its (478, 3) px `landmarks`; 0 where no opening or no
    skin reads."""
    read, skin = opening_lab(frame, landmarks), skin_colour(frame, landmarks)
    if read is None or skin is None:
        return 0.0
    lab, v = read
    skin_lab = to_lab(skin)
    hue, skin_hue = np.degrees(np.arctan2(lab[:, 2], lab[:, 1])), np.degrees(np.arctan2(skin_lab[2], skin_lab[1]))
    apart = np.abs((hue - skin_hue + 180) % 360 - 180)
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    teeth = ((v >= LOWER_BAND) & (lab[:, 0] >= DIM_LIGHT * skin_lab[0]) & (apart <= TEETH_HUE)
             & (chroma <= np.hypot(skin_lab[1], skin_lab[2])))
    width = mouth_gap(landmarks)[1]
    return 1000.0 * float(teeth.sum()) / max(width * width, 1.0)
