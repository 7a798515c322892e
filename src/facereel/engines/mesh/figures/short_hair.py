"""Short hair: the photo's hair hanging beside the face that a frame's moved head leaves out (issue #9).

On a big move down (lp_s1 x lp_d12 frames 54-62, 138-147, 170-182) the head layer is cut inside the hair where the
map stops following the head; fading the cut (`soft_ends`) leaves the hair a stump above the photo's own ends.
`short_hair` moves the photo's hanging hair (`photo_hair`: its head alpha at least 0.5, below the eyes, outside
the face oval grown by 0.03 face sizes) with the head (a similarity fitted to the stable landmarks,
`hard_ends.aligned_photo`) and reads the share of it that the frame's drawn head alpha leaves under 0.5. The
similarity does not follow the hair's own bend, so any motion reads a floor; the source repeated reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.hard_ends import aligned_photo
from facereel.engines.mesh.head_edge.soft_ends import SoftEnds


def photo_hair(alpha: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """(H, W) bool: the photo's hair hanging beside the face: its head `alpha` ((H, W) float32) at least 0.5 where
    `soft_ends.SoftEnds` looks for hair (below the eyes, outside the face oval of `landmarks` ((478, 2+) px)
    grown by 0.03 face sizes)."""
    beside = SoftEnds(landmarks, np.zeros(2), alpha.shape, face_size(landmarks)).hair
    return (alpha >= 0.5) & (beside > 0)


def short_hair(drawn: np.ndarray, photo_alpha: np.ndarray, source_landmarks: np.ndarray,
               target_landmarks: np.ndarray) -> float:
    """Share in [0, 1] of the photo's hanging hair (`photo_hair` of `photo_alpha`, (H, W) float32, the head
    layer's alpha on the photo), moved by the head's motion from `source_landmarks` to `target_landmarks`
    ((478, 2+) px each), where the `drawn` head alpha ((H, W) float32, full frame) is under 0.5. 0 with no
    hanging hair."""
    hair = photo_hair(photo_alpha, source_landmarks)
    if not np.array_equal(source_landmarks, target_landmarks):
        hair = aligned_photo(hair.astype(np.float32), source_landmarks, target_landmarks) > 0.5
    total = np.count_nonzero(hair)
    return np.count_nonzero(hair & (drawn < 0.5)) / total if total else 0.0
