"""Dark fragments beside a turned face's far jaw, read from a rendered frame (docs/status.md fresh sweep h27-fresh
(9)): sr_18 at 1/2 beside lp_s3 (or cut at x 700-1600) on sr_1 30-80, frame 25, where the head moved 59 px off its
far side, carried ragged dark pieces of the crowd the segmentation had taken for the person beside its far jaw.

`far_zone` is the photo's far side of the face (`head_proxy.far_side`) below the eyes and outside the face oval,
within `REACH` face sizes of it; `far_fragments` counts the pixels of that zone the frame shows darker than the
photo by over `back_tear.LIGHTER` grey levels of luma and off the photo the flow carries there
(`back_tear.back_tear(darker=True)`): neither the still photo nor its content moved. The source repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, polygon_mask
from facereel.engines.mesh.figures.back_tear import back_tear
from facereel.engines.mesh.geometry.head_proxy import far_side, round_oval
from facereel.engines.mesh.head_mask.face_colours import below_eyes, face_axis

REACH = 0.5
"""Face sizes past the photo's face oval in which the fragments are looked for."""


def far_zone(landmarks: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) bool of a photo of `shape` (H, W): the far side (`far_side`) of the face of (478, 3) px `landmarks`
    below its eyes, outside its face oval and within `REACH` face sizes of it."""
    origin = np.zeros(2, np.float32)
    oval = polygon_mask([round_oval(landmarks)], shape, (0.0, 0.0)) > 0.5
    outside = cv2.distanceTransform((~oval).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    near = (outside > 0) & (outside <= REACH * face_size(landmarks))
    return far_side(landmarks, face_axis(landmarks), shape, origin) & (below_eyes(shape, landmarks, origin) > 0) & near


def far_fragments(frame: np.ndarray, photo: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool, `far_zone`) where `frame` ((H, W, 3) uint8 RGB) shows a
    dark patch the `photo` ((H, W, 3) uint8 RGB) has nowhere near (`back_tear(darker=True)`)."""
    return back_tear(frame, photo, zone, darker=True)
