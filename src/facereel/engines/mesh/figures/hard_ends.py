"""Hard ends: the moved head layer's lower outline drawn as a hard edge the photo has not got (issue #9).

Where the driver's head moves far, the head layer can end inside the hair, at the edge of the triangles that
move with it: its lower ends show as straight or ragged hard edges over the plate (lp_s1 x lp_d12 frame 178:
her left hair ends in a horizontal cut over the wall, the right hair is cut diagonally over the collar).
`hard_ends` reads, along the drawn head alpha's lower outline (its 0.5 level, facing down within
`_FACING` of straight down, below the eyes, outside the moved face oval grown by `_OVAL_GROW` face sizes: the
jaw's own outline is not counted), the frame's steepest grey step within `_REACH` px beyond the photo's own
there: the photo aligned by the head's motion (a similarity fitted to the stable landmarks). A cut through
hair that goes on in the photo reads its whole step; the photo's own outline, moved with it, reads little;
a soft end (the step spread over many px) reads its lower slope. Grey levels per px, the mean over the
outline; the source repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, face_size, grey_image, polygon_mask
from facereel.face import landmark_ids as ids

_REACH = 2  # px: the steepest step is looked for this far round each outline pixel
_FACING = 60.0  # deg: the outline faces down within this of straight down (the alpha's gradient up)
_OVAL_GROW = 0.03  # face sizes: the moved face oval grown by this is the jaw's, not a lower end


def _slope(image: np.ndarray) -> np.ndarray:
    """(H, W) float32 grey levels per px: the steepest grey slope within `_REACH` px of each pixel of
    `image` ((H, W, 3) uint8 RGB)."""
    grey = cv2.GaussianBlur(grey_image(image), (0, 0), 0.7)
    slope = np.hypot(cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)) / 8
    return cv2.dilate(slope, np.ones((2 * _REACH + 1,) * 2, np.uint8))


def lower_outline(alpha: np.ndarray, target_landmarks: np.ndarray) -> np.ndarray:
    """(H, W) bool: the lower outline of a drawn head `alpha` ((H, W) float32 in [0, 1]) of a face at
    `target_landmarks` ((478, 2+) px): its pixels at or above 0.5 beside one below, facing down, below the
    eyes, outside the face oval grown by `_OVAL_GROW` face sizes."""
    inside = (alpha >= 0.5).astype(np.uint8)
    edge = (inside > 0) & (cv2.erode(inside, np.ones((3, 3), np.uint8)) == 0)
    soft = cv2.GaussianBlur(alpha.astype(np.float32), (0, 0), 1.0)
    gx, gy = cv2.Sobel(soft, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(soft, cv2.CV_32F, 0, 1, ksize=3)
    facing = -gy >= np.cos(np.radians(_FACING)) * np.hypot(gx, gy)  # alpha rising upwards: the head above
    eyes = float(target_landmarks[[ids.RIGHT_PUPIL, ids.LEFT_PUPIL], 1].mean())
    grow = max(1, round(_OVAL_GROW * face_size(target_landmarks)))
    oval = polygon_mask([target_landmarks[list(ids.FACE_OVAL), :2]], alpha.shape, (0, 0))
    face = cv2.dilate((oval > 0.5).astype(np.uint8), disc_kernel(grow)) > 0
    rows = np.arange(alpha.shape[0])[:, None] > eyes
    return edge & facing & rows & ~face


def aligned_photo(photo: np.ndarray, source_landmarks: np.ndarray, target_landmarks: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: `photo` moved by the similarity that best carries the source's stable landmarks onto
    the target's ((478, 2+) px each)."""
    move, _ = cv2.estimateAffinePartial2D(source_landmarks[list(ids.STABLE), :2].astype(np.float32),
                                          target_landmarks[list(ids.STABLE), :2].astype(np.float32), method=cv2.LMEDS)
    return cv2.warpAffine(photo, move, (photo.shape[1], photo.shape[0]), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


def hard_ends(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, source_landmarks: np.ndarray,
              target_landmarks: np.ndarray) -> float:
    """Grey levels per px: the mean over the lower outline (`lower_outline`) of the drawn head `alpha` ((H, W)
    float32, full frame) of the steepest grey slope of `frame` there beyond the photo's own, the `photo`
    aligned by the head's motion from `source_landmarks` to `target_landmarks` ((478, 2+) px each); frame
    and photo (H, W, 3) uint8 RGB. 0 with no lower outline."""
    outline = lower_outline(alpha, target_landmarks)
    if not outline.any():
        return 0.0
    if np.array_equal(source_landmarks, target_landmarks):
        own = _slope(photo)
    else:
        own = _slope(aligned_photo(photo, source_landmarks, target_landmarks))
    return float(np.maximum(_slope(frame) - own, 0)[outline].mean())
