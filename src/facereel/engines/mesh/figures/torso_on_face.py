"""How much of the moved face the torso's motion moves too: the `torso_on_face` figure (issue #9, --body).

With body following (`body.BodyWarp`) the torso's motion ramps in below the chin and must leave the head
alone. Where it reached the moved face (a chin lowered into the ramp's rows), the torso's shift was added to
the chin and dragged it into a skin tongue over the clothes (lp_s5 x sr_1 frame 54 at its own size). The
figure compares a frame drawn with the torso's motion and the same frame drawn without it, inside the moved
face oval.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import polygon_mask
from facereel.face import landmark_ids as ids

LEVEL = 8
"""Grey levels (the channels' largest difference) past which a face pixel counts as moved by the torso."""


def torso_on_face(with_torso: np.ndarray, without_torso: np.ndarray, target: np.ndarray) -> float:
    """Share in [0, 1] of the face oval of `target` ((478, 2+) image px, the frame's moved landmarks) whose
    pixels differ by more than `LEVEL` between the frame drawn with the torso's motion and without it ((H, W, 3)
    uint8 RGB each); 0 when the torso leaves the face alone (the source repeated: 0)."""
    oval = polygon_mask([np.asarray(target, np.float32)[list(ids.FACE_OVAL), :2]], with_torso.shape[:2], (0, 0)) > 0.5
    moved = np.abs(with_torso.astype(np.int16) - without_torso.astype(np.int16)).max(axis=2) > LEVEL
    return float(moved[oval].mean()) if oval.any() else 0.0
