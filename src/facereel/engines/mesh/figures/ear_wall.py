"""Ear wall: the wall drawn inside the moved head by its ears (issue #9, the astronaut's near ear on preset:turn).

The head mask's soft edge round an ear holds part of the wall seen through it (the rim, the lobe's underside) and
closed the wall between the lobe and the jaw into the head (`jaw_corners`); laid over the neck or the jaw's
unfolded band by a turn, that wall was drawn as a grey-blue line along the ear's lower edge and a stepped notch
under the lobe (astronaut x preset:turn frames 28-44). `ear_wall` counts a frame's pixels in the ears' strips of
the landmarks it was drawn with and the face oval between them (`ear_matte.ear_strips`), on one side of the image,
where the drawn head is mostly opaque, whose colour is the wall's beside the ears in the photo, not the face's
skin, over a plate that is not the wall.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_edge.ear_matte import ear_strips
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance
from facereel.engines.mesh.head_mask.jaw_edge import BACKGROUND_DELTA
from facereel.face import landmark_ids as ids

OPAQUE = 0.5
"""The drawn head alpha over which a pixel belongs to the moved head."""


def _lab(rgb: np.ndarray) -> np.ndarray:
    """(N, 3) float32 Lab (OpenCV's 8-bit scale) of colours `rgb` (N, 3), grey levels (rounded, saturated)."""
    pixels = np.clip(np.rint(rgb), 0, 255).astype(np.uint8).reshape(-1, 1, 3)
    return cv2.cvtColor(pixels, cv2.COLOR_RGB2LAB).astype(np.float32).reshape(-1, 3)


def wall_beside_ears(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float,
                     person: np.ndarray) -> np.ndarray:
    """(3,) float32 Lab (OpenCV's 8-bit scale): the median colour of a crop's ((h, w, 3) uint8 RGB at `origin` (2,)
    px) pixels off the person (`person` (h, w) in [0, 1] under 0.1) in the ears' strips of `landmarks` ((478, 2+)
    image px; face_px: px)."""
    off = ear_strips(crop.shape[:2], landmarks, origin, face_px) & (person < 0.1)
    return np.median(_lab(crop[off]), axis=0).astype(np.float32)


def ear_wall(crop: np.ndarray, alpha: np.ndarray, plate: np.ndarray, landmarks: np.ndarray, origin: np.ndarray,
             face_px: float, wall: np.ndarray, skin: tuple[np.ndarray, np.ndarray], side: int) -> int:
    """The pixels of a drawn crop ((h, w, 3) uint8 RGB at `origin` (2,) px; `alpha` (h, w) its drawn head alpha,
    `plate` (h, w, 3) the plate it was laid over, `MeshAnimator.drawn_layer`) in the ears' strips of the
    `landmarks` it was drawn with ((478, 2+) image px; face_px: px) where the alpha is over `OPAQUE`, whose colour
    lies within `jaw_edge.BACKGROUND_DELTA` of the `wall` ((3,) Lab, `wall_beside_ears`) and is not the face's
    `skin` (`face_colours.skin`, beyond `hanging_hair.CHI2_99`), over a plate that is not the wall there (the wall
    drawn over the wall, at the moved head's outline, is what the photo shows there); on the image's `side` of the
    drawn face oval's middle only (+1: its right, -1: its left)."""
    read = ear_strips(crop.shape[:2], landmarks, origin, face_px, with_oval=True) & (alpha > OPAQUE)
    oval = landmarks[list(ids.FACE_OVAL), 0] - origin[0]
    columns = np.arange(crop.shape[1]) - 0.5 * float(oval.min() + oval.max())
    read &= (np.sign(columns) == side)[None]
    lab, behind = _lab(crop[read]), _lab(plate[read])
    on_wall = (np.linalg.norm(lab - wall, axis=-1) < BACKGROUND_DELTA) & (colour_distance(lab, skin) > CHI2_99)
    on_wall &= np.linalg.norm(behind - wall, axis=-1) >= BACKGROUND_DELTA
    return int(np.count_nonzero(on_wall))
