"""How far a portrait's mouth corners are hidden under a moustache, read from the photo and handed to the retarget
as a plain number (`RetargetOptions.corners_hidden`; motion/ stays free of the mesh engine).

The retarget scales the driver's lower-face offsets by the source's tracked mouth width over the driver's
(`motion.retarget._mouth_scale`). Under lp_s12's moustache the tracker lays his corners where the hair leaves the
lips, 40 px apart (0.31 of his face's width, lp_s1's 0.39), so preset:laugh opened him 0.74 as far as the driver and
his laugh read as a pale slab of teeth (docs/mesh-engine.md "A short laugh under a moustache"). The share is the
synthetic teeth's moustache read (`mouth_synthetic.overhang_share` of the upper and lower lip bands' L*): 1 on
lp_s12, 0 on every clean-shaven portrait of ../shared/data, so only a moustached photo's scale moves.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_bands
from facereel.engines.mesh.open_mouth.mouth_synthetic import overhang_share
from facereel.motion.retarget_options import RetargetOptions


def overhang_of(upper: np.ndarray | None, lower: np.ndarray | None) -> float:
    """0-1 `overhang_share` of the upper and lower lip bands' (3,) RGB (`mouth_shape.lip_bands`); 0 where either
    band has no pixel."""
    if upper is None or lower is None:
        return 0.0
    return overhang_share(float(to_lab(upper)[0]), float(to_lab(lower)[0]))


def corners_hidden(image: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: how far the mouth corners of (H, W, 3) uint8 RGB `image` with (478, 3) px `landmarks` lie under hair."""
    return overhang_of(*lip_bands(image, landmarks))


def mesh_retarget(options: RetargetOptions, image: np.ndarray, landmarks: np.ndarray,
                  body: bool = False) -> RetargetOptions:
    """`options.for_engine("mesh", body)` with the photo's `corners_hidden` (image (H, W, 3) uint8 RGB, landmarks
    (478, 3) px of the face to drive)."""
    return replace(options.for_engine("mesh", body), corners_hidden=corners_hidden(image, landmarks))
