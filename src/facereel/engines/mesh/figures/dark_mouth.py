"""A carried mouth interior on an underexposed portrait (issue #9, h28-fresh): lighter and more colourful than the dim
face round it.

A portrait photographed in dim light (`underexposed`: its linear light scaled down) got the driver's interior at the
lightness gain's old floor of 0.4 of the driver's light and with the driver's a* b*: sr_8 at 0.1 of its light x lp_d18's
wide-open mouth a pale oval glowing in the dark face (`eval.mouth_teeth.mouth_look`'s cavity, the darkest quarter of
the opening's L* over the skin's, 0.93 against 0.37 at full light), lp_s0 at 0.05 a vivid red one
(`figures/mouth_chroma.interior_chroma`'s mean over the skin's 2.24 against 0.90). Those two figures read it;
`bench/dark_cavity.py` reads them over exposures.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.open_mouth.mouth_driver import tinted


def underexposed(image: np.ndarray, exposure: float) -> np.ndarray:
    """(H, W, 3) uint8 RGB `image` with its linear light times `exposure` (0-1): the photo taken in dimmer light."""
    return np.round(tinted(image, np.full(3, exposure, np.float32))).astype(np.uint8)
