"""How far the stretch limit drags the face's outline beside the ears off where the expression puts it (issue #9),
read on a `MeshAnimator`'s last map.

A laugh drops the jaw while the temples stay: the band of slivers between the jaw and the ear is stretched, and a
stretch limit run until it converges (`MeshOptions.stretch_rounds` 100, `relimit_outline`, or only its stretched
band's vertices freed) pulls the outline's points at the ear's level down with the jaw to keep that band within
3x: lp_s1's near cheek became a straight wall with her earring and the hair beside it dragged down to the jaw
(preset:laugh frames 20-30), grace_hopper's cheek likewise. `outline_drag`: the largest distance, over the
oval's points from the temple to the jaw's angle on both sides (`SIDE`), between where the map drew them and the
target the expression asked, in face sizes. Meant for expressions without a big turn (on a turn the far cheek
and the jaw's outline are moved on purpose, `far_cheek.round_far_cheek`, `far_jaw.widen_jaw`). The source
repeated scores 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from facereel.engines.mesh.composite import face_size

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

SIDE = (356, 454, 323, 361, 127, 234, 93, 132)
"""The face oval's points beside the ears (mediapipe ids), between the temple and the jaw's angle, both sides."""


def outline_drag(animator: MeshAnimator, target: np.ndarray, source: np.ndarray) -> float:
    """Face sizes (of `source`, the photo's landmarks (478, 3) px): the largest distance between the `SIDE` points
    as `animator`'s last `map_frame` drew them and as `target` (478, 3) image px, the landmarks it was given, asked."""
    drawn = animator.vertices[list(SIDE)]
    asked = np.asarray(target, np.float32)[list(SIDE), :2] - animator.origin
    return float(np.linalg.norm(drawn - asked, axis=1).max() / face_size(source))
