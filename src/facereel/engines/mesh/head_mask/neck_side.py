"""The side of the neck below the ear and the nape behind the jaw: skin that leaves the head layer.

The head layer turns rigidly with the head. Below the jaw line only hanging hair is in it
(`head_proxy._under_jaw`), but that region's side runs from the jaw nearly straight down, so the person
mask beside it, inside the head zone, kept the side of the neck below the ear down to the collar (sr_18,
turned 45 deg: a skin shelf with a jagged lower edge) and the nape behind the jaw angle (sr_4: a pale
triangle floating behind the ear) in the head. Here, behind each jaw angle below the ear lobe's foot,
what is coloured as the face's skin and not as the head's hair leaves the head, softly, and goes with the
neck (the neck layer's graded warp, the plate); the ear above, the hair and an earring stay.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, polygon_mask
from facereel.engines.mesh.head_mask.face_colours import FaceColours
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance, colour_model
from facereel.face import landmark_ids as ids

JAW_ANGLES = (ids.FACE_OVAL[10], ids.FACE_OVAL[26])
"""Landmark ids of the jaw angles (361, 132), level with the foot of the ear lobes."""
BEHIND_JAW = (0.05, -0.25, 1.0)
"""Face sizes: the region behind each jaw angle starts this far below it (across the face's axis: the ear
lobe above stays), and reaches from the second value to the third outwards from the angle (inside it, it
overlaps the region below the jaw line, so no sliver is left between the two)."""
SOFTNESS = 0.03
"""Face sizes: the sigma of the Gaussian softening the skin leaving the head (the join with the neck)."""
SKIN_CHI2 = CHI2_99
"""Within `hanging_hair.CHI2_99` of the face's skin model (below the eyes) a colour is skin."""
CLEAN = 0.02
"""Face sizes: the disc that closes and opens the skin found (no skin fragments left in the head)."""


def behind_jaw(landmarks: np.ndarray, axis: np.ndarray, shape: tuple[int, int], origin: np.ndarray, size: float
               ) -> np.ndarray:
    """(h, w) float32 coverage, crop of `shape` at `origin` (2,) px: per side, below a line across the face's
    `axis` ((2,), `face_colours.face_axis`) `BEHIND_JAW[0]` face sizes (`size` px) below the jaw angle, out to
    `BEHIND_JAW[2]` beyond it."""
    drop, inner, reach = BEHIND_JAW
    angles = landmarks[list(JAW_ANGLES), :2]
    outward = np.array([axis[1], -axis[0]])
    outward = outward * np.sign(float((angles[0] - angles[1]) @ outward))  # from the second angle to the first
    far = (4.0 * size + shape[0]) * -axis
    region = np.zeros(shape, np.float32)
    for angle, out in ((angles[0], outward), (angles[1], -outward)):
        start, end = (angle - drop * size * axis + r * size * out for r in (inner, reach))
        region = np.maximum(region, polygon_mask([np.array([start, end, end + far, start + far])], shape, tuple(origin)))
    return region


def neck_side(colours: FaceColours, landmarks: np.ndarray, origin: np.ndarray, head: np.ndarray, oval: np.ndarray,
              segmented: np.ndarray, size: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: what behind the jaw angles (`behind_jaw`) is not head: the skin (coloured as
    the face's skin below the eyes, closer to it than to the head's hair) and what the segmentation does not
    read as the person (below 0.5: the mask's grown fringe) unless closer in colour to the hair than to the
    background (the segmentation below 0.1) there, closed and opened by a disc
    `CLEAN` face sizes wide, softened by `SOFTNESS`; hair, an earring, a collar stay. colours: the crop's
    (at `origin` (2,) px); landmarks (478, 2+) image px; head: the head mask so far, oval: the face oval,
    segmented: the person segmentation ((h, w) in [0, 1] each); size: the face's height, px."""
    shape = head.shape
    region = behind_jaw(landmarks, colours.axis, shape, origin, size) > 0.5
    lab, skin_model = colours.lab, colours.skin
    if not region.any() or skin_model is None:
        return np.zeros(shape, np.float32)
    to_skin = colour_distance(lab, skin_model)
    skin = to_skin < SKIN_CHI2
    fringe = (segmented < 0.5) & region
    hair_model = colour_model(lab, (head > 0.5) & (oval < 0.5) & ~region)
    background = colour_model(lab, (segmented < 0.1) & region)
    if hair_model is not None:
        to_hair = colour_distance(lab, hair_model)
        skin &= to_skin < to_hair
        # The fringe stays when it is the hair's (closer to the hair than to the background beside it).
        fringe &= (to_hair > to_skin) if background is None else (to_hair > colour_distance(lab, background))
    disc = disc_kernel(max(1, round(CLEAN * size)))
    leaves = ((skin & region) | fringe).astype(np.uint8)
    leaves = cv2.morphologyEx(cv2.morphologyEx(leaves, cv2.MORPH_CLOSE, disc), cv2.MORPH_OPEN, disc)
    # Grown by twice the softness first: the head's soft edge lies on what it keeps, not on the neck's skin
    # (a half-transparent band of skin moved with the head showed as a light rim over the neck).
    sigma = max(1.0, SOFTNESS * size)
    grown = cv2.dilate(leaves, disc_kernel(round(2 * sigma)))
    return cv2.GaussianBlur((grown & region).astype(np.float32), (0, 0), sigma)
