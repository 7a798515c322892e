"""A carried mouth interior bluer than the lips round it, a mauve or purple opening (issue #9), read on a frame and its
(478, 3) px landmarks.

sr_4 at 256 px (a dim, warm-lit face: skin CIELAB hue 59 degrees, lips 44) driven by lp_d12 (skin hue 36-44, lips
23-33, its tongue and cavity a mauve 2-17): the colour match turned the interior's hue by half the skins' tint
(`mouth_driver._CAST`), so the tongue kept its blue against sr_4's yellow lips, a purple blob in the olive face.
Real open mouths lie in their lips' hue or a little bluer: the opening's mean hue 14 degrees bluer than the lips'
at most over the ../shared/data drivers' widest frames.

`bluer_share`: the share of the opening's coloured pixels (inside the inner-lip contour, CIELAB chroma over
`COLOURED`) whose hue lies more than `BLUER` degrees bluer (a smaller hue angle) than the lips' (`mouth_shape.
lip_colour` at the landmarks unless given). Over the drivers' 6 widest frames (every 5th of their first 400):
lp_d18, lp_d19 0, lp_d11 0, lp_d6 0, sr_1 0-0.02, lp_d3 0.16-0.24, lp_d12 0-0.40. `dim_colour`: the opening's median
chroma over (L* + 16) (a colourfulness that a dimmer light leaves: CIELAB's a* b* and L* + 16 scale alike with it)
over the skin's: lp_d3 0.73-0.98, sr_1 0.71-1.03, lp_d12 1.00-1.64, lp_d18 1.51-1.60. A frame whose opening is under
`teeth_band.TALKING` mouth widths or holds under `teeth_band.MIN_PX` pixels scores NaN
(`mouth_chroma.talking_opening_lab`).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.mouth_chroma import chroma, talking_opening_lab
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour

COLOURED = 6.0
"""CIELAB chroma from which an opening pixel's hue is read (greyer ones have none to speak of)."""
BLUER = 20.0
"""Degrees of hue below the lips' from which an opening pixel reads mauve."""


def _hue(lab: np.ndarray) -> np.ndarray:
    """CIELAB hue angle in degrees (-180, 180] of (..., 3) colours."""
    return np.degrees(np.arctan2(lab[..., 2], lab[..., 1]))


def bluer_share(frame: np.ndarray, landmarks: np.ndarray, lip: np.ndarray | None = None) -> float:
    """0-1: the share of the opening's pixels over `COLOURED` chroma whose hue lies over `BLUER` degrees below the
    lips' (`lip` (3,) RGB, the frame's own where None) on (H, W, 3) uint8 RGB `frame` with (478, 3) px `landmarks`
    (module docstring); NaN where the opening is not read or holds no coloured pixel."""
    lab = talking_opening_lab(frame, landmarks)
    lip = lip_colour(frame, landmarks) if lip is None else lip
    if lab is None or lip is None:
        return float("nan")
    coloured = lab[chroma(lab) > COLOURED]
    if not len(coloured):
        return float("nan")
    turn = (_hue(coloured) - _hue(to_lab(lip)) + 180) % 360 - 180
    return float((turn < -BLUER).mean())


def dim_colour(frame: np.ndarray, landmarks: np.ndarray, skin: np.ndarray | None = None) -> float:
    """The opening's median CIELAB chroma / (L* + 16) over the skin's (`skin` (3,) RGB, the frame's own where None)
    on (H, W, 3) uint8 RGB `frame` with (478, 3) px `landmarks` (module docstring); NaN where not read."""
    lab = talking_opening_lab(frame, landmarks)
    skin = skin_colour(frame, landmarks) if skin is None else skin
    if lab is None or skin is None:
        return float("nan")
    skin_lab = to_lab(skin)
    own = float(np.median(chroma(lab) / (lab[:, 0] + 16)))
    return own / max(float(np.hypot(skin_lab[1], skin_lab[2]) / (skin_lab[0] + 16)), 1e-3)
