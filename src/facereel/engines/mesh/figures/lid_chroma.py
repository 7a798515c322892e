"""A shut lid's colour against the source's lid skin: `lid_tone` (issue #9).

lp_s5's winked lid reads grey-green in the H.264 video while the drawn frame's lid is brown. `lid_tone` reads the
shut lid's skin, its paler `SKIN_SHARE` by L* (not the lash line, crease and edge shadow drawn across it), of
`LidHue.shut_lid`'s pixels (the source's whole opening carried onto a shut eye), against the source's lid skin
(`closed_lids.LID_BAND` above its upper lid): its median L* and median chroma (C*, the length of a*, b*; OpenCV's
8-bit CIELAB, L* 0-255) each over the lid skin's. Read on a frame decoded from the video it says how the lid reaches
the viewer: a chroma share of 1 as coloured as the lid skin, lower greyer. NaN on an eye not shut (the source
repeated).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.lid_hue import LidHue
from facereel.engines.mesh.figures.mouth_chroma import chroma

SKIN_SHARE = 0.5  # the paler share (by L*) of a shut lid's pixels read as its skin


def lid_tone(fig: LidHue, frame: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """(light, chroma): the median L* and chroma of the shut lid's paler SKIN_SHARE in `frame` (H, W, 3) uint8 RGB,
    for target landmarks (478, >=2) px, each over the median of `fig`'s source lid skin; NaN, NaN where the eye is
    not shut (`LidHue.shut_lid`)."""
    lab = fig.shut_lid(frame, target)
    if lab is None:
        return float("nan"), float("nan")
    skin = lab[lab[:, 0] >= np.percentile(lab[:, 0], 100 * (1 - SKIN_SHARE))]
    return (float(np.median(skin[:, 0]) / max(float(np.median(fig.skin[:, 0])), 1e-6)),
            float(np.median(chroma(skin)) / max(float(np.median(chroma(fig.skin))), 1e-6)))
