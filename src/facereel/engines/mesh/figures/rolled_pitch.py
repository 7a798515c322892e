"""Torn pieces on a turned face's far side, read from an edit (docs/status.md fresh sweep h29-fresh3 (4)): sr_8
(turned 34 deg) edited by `--pitch 30 --brow-raise 1 --roll -30` showed its far eye torn out as a floating rectangle
beside the face and light skin slabs down the far cheek and jaw, where each slider alone held.

`torn_far_side` counts the pixels of the photo's far side beside and below the face (`far_fragments.far_zone`) that
the frame shows lighter than the photo by over `back_tear.LIGHTER` grey levels of luma and off the photo the flow
carries there (`back_tear.back_tear`): skin drawn over the background that is not the head moved. The source
repeated reads 0; a single slider that holds (roll -30) reads what the moved outline leaves there.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.back_tear import back_tear
from facereel.engines.mesh.figures.far_fragments import far_zone


def torn_far_side(frame: np.ndarray, photo: np.ndarray, landmarks: np.ndarray) -> int:
    """Px of `frame` ((H, W, 3) uint8 RGB) torn light on the far side of the face of `photo` ((H, W, 3) uint8 RGB,
    its landmarks (478, 3) px)."""
    return int(back_tear(frame, photo, far_zone(landmarks, photo.shape[:2])).sum())
