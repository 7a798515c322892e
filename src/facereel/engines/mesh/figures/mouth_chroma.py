"""A carried mouth interior more colourful than the face round it (issue #9), read on a frame and its (478, 3) px
landmarks against a face's lips and skin.

sr_8 (a face lit cyan by a screen) driven by lp_d12's smile (frames 33-52, `--mouth driver`): the light's tint
(`mouth_driver.light_tint`, each linear-RGB channel times the skins' ratio: red x0.34, blue x2.85) turned the
driver's mauve lower lip band under its teeth (CIELAB a* 22, b* 11) into a saturated blue band (b* -25, chroma 25
against the photo's lips' 18 and skin's 18), a painted mouth. Real open mouths' interiors are less colourful than
their lips, and keep about the share of their skin's chroma they carry.

`interior_chroma`: the opening's pixels' (inside the inner-lip contour) CIELAB chroma, their 90th percentile over
the lips' chroma and their mean over the skin's; the lips and skin are the face's own (`mouth_shape.lip_colour`,
`skin_colour` at the landmarks) unless given (a portrait's rendered frame: its photo's). A frame whose opening is
under `teeth_band.TALKING` mouth widths or holds under `teeth_band.MIN_PX` pixels scores NaN, NaN.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.teeth_band import TALKING, opening_lab, teeth_band_reads
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour

def chroma(lab: np.ndarray) -> np.ndarray:
    """CIELAB chroma (|a* b*|) of (..., 3) colours, (...) float32."""
    return np.hypot(lab[..., 1], lab[..., 2])


def talking_opening_lab(frame: np.ndarray, landmarks: np.ndarray) -> np.ndarray | None:
    """(n, 3) float32 CIELAB of the opening's pixels (inside the inner-lip contour, `teeth_band.opening_lab`) of
    (H, W, 3) uint8 RGB `frame` with (478, 3) px `landmarks`; None under `teeth_band.TALKING` mouth widths or
    `teeth_band.MIN_PX` pixels."""
    read = opening_lab(frame, landmarks) if teeth_band_reads(landmarks, TALKING) else None
    return None if read is None else read[0]


def interior_chroma(frame: np.ndarray, landmarks: np.ndarray, lip: np.ndarray | None = None,
                    skin: np.ndarray | None = None) -> tuple[float, float]:
    """(90th percentile of the opening's chroma / the lips' chroma, its mean / the skin's chroma) of (H, W, 3) uint8
    RGB `frame` with (478, 3) px `landmarks`; lip, skin: (3,) RGB, the frame's own where None (module docstring)."""
    nan = (float("nan"), float("nan"))
    lip = lip_colour(frame, landmarks) if lip is None else lip
    skin = skin_colour(frame, landmarks) if skin is None else skin
    opening = None if lip is None or skin is None else talking_opening_lab(frame, landmarks)
    if opening is None:
        return nan
    reads = chroma(opening)
    lip_c, skin_c = (max(float(chroma(to_lab(c))), 1.0) for c in (lip, skin))
    return float(np.quantile(reads, 0.9)) / lip_c, float(reads.mean()) / skin_c
