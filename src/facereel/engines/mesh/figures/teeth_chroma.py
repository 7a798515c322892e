"""Peach teeth (issue #9 item 3): how coloured an open mouth's teeth are, read on a rendered frame and its (478, 3) px
landmarks.

preset:laugh / talk on lp_s1 at 512 px, `--mouth synthetic`: the synthetic teeth kept 0.6 of the skin's chroma, and
lp_s1's pink skin (CIELAB chroma 40) gave its central upper teeth a peach enamel (chroma 34) at 4x. Real teeth take the
light's colour, not the skin's pigment: in the ../shared/data drivers' open mouths the teeth (frames whose opening's
lightest 5 % is at least 1.15x the cheeks' L*) reach chroma 12.8-20.0 on skins of 16-33
(`mouth_synthetic.TEETH_CHROMA`).

`teeth_chroma`: the CIELAB chroma of the mean (a*, b*) of the opening's lightest `BRIGHTEST` share (inside the
target inner-lip contour, `teeth_band.opening_lab`), the teeth's lit faces; None where the mouth opens under
`open_at` mouth widths or the opening has under `teeth_band.MIN_PX` pixels.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.teeth_band import TALKING, opening_lab, teeth_band_reads
from facereel.engines.mesh.open_mouth.mouth_driver import lightest

BRIGHTEST = 0.05
"""Share of the opening's pixels, lightest first, read as the teeth's lit faces (the lightest fifth of a talking
mouth's opening reaches into its lips and tongue)."""


def teeth_chroma(frame: np.ndarray, landmarks: np.ndarray, open_at: float = TALKING) -> float | None:
    """CIELAB chroma (0-~130) of (H, W, 3) uint8 RGB `frame`'s teeth at its (478, 3) px `landmarks`: the mean a*, b*
    of its opening's lightest `BRIGHTEST` share; None where no teeth read (`open_at` mouth widths, too few px)."""
    read = opening_lab(frame, landmarks) if teeth_band_reads(landmarks, open_at) else None
    if read is None:
        return None
    lab = read[0]
    return float(np.hypot(*lab[lightest(lab, BRIGHTEST), 1:].mean(0)))
