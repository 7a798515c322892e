"""How far an edit's smile shows (issue #12): the re-tracked mouth corners' lift and the mouth's widening.

`facereel edit --smile 1` on lp_s0 (704 px) / lp_s1 barely showed (h38-fresh find (8)): the slider's unit was
preset:smile's peak (corners out 0.08 and up 0.07 canonical units), milder than real drivers' full smiles (up to
0.16 / 0.14, `bench/smile_range.py`). `smile_lift` reads an edited still beside its portrait, both re-tracked:
the mouth-corner height (`features.expression_features`' mouth_corner_height: the corners above the lips' centre
line) and the mouth width (corner to corner), canonical units (inter-ocular distances). The portrait repeated
reads 0, 0.
"""

from __future__ import annotations

import numpy as np

from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_image
from facereel.motion.features import INDEX, expression_features


def _corners(image: np.ndarray) -> tuple[float, float]:
    """(corner height, mouth width), canonical units, of the largest face in (H, W, 3) uint8 RGB `image`."""
    _, canonical, _ = estimate_pose(track_image(image).landmarks[:1].astype(np.float32))
    features = expression_features(canonical)[0]
    return float(features[INDEX["mouth_corner_height"]]), float(features[INDEX["mouth_width"]])


def smile_lift(edited: np.ndarray, portrait: np.ndarray) -> tuple[float, float]:
    """(lift, widening), canonical units: how far (H, W, 3) uint8 RGB `edited`'s re-tracked mouth corners rose
    above its lips' centre line and its mouth widened, against `portrait`'s."""
    (h1, w1), (h0, w0) = _corners(edited), _corners(portrait)
    return h1 - h0, w1 - w0
