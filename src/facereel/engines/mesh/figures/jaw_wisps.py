"""Wisps along the jaw line, read from a rendered frame (issue #9).

Where the jaw and the cheek below the eyes move over the background, a frame can show thin pale or dark lines
(a pixel or two wide) running along their outline, detached from it: skin of the photo's outline or its dark
fringe drawn as a strand beside the face (sr_18 on lp_d3, frames 8-16). `jaw_wisps` is the share of the pixels
in the band along the lower part of the frame's face oval (`LOWER`, within `REACH` face sizes of it on either
side: the landmarks' oval can lie a little outside the drawn outline) that lie on a thin pale or dark piece
(`jaw_slivers.thin` over `WIDTH` face sizes) the photo does not show there, neither where it is (what stays
still) nor where the head carried it from (the similarity moving the lower oval's landmarks from the frame
back to the photo); the photo's thin pieces count within `jaw_slivers.TOLERANCE` face sizes. From the frame
alone, so any version of the engine and the do-nothing baseline (the source repeated: 0) read the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, grey_image
from facereel.engines.mesh.figures.jaw_slivers import disc, new_thin
from facereel.face import landmark_ids as ids

LOWER = tuple(ids.FACE_OVAL[6:31])
"""Landmark ids of the face oval below the temples, from one cheek round the chin to the other."""
REACH = 0.08
"""Face sizes either side of the frame's lower face oval: the band where wisps are looked for."""
WIDTH = 0.03
"""Face sizes: the top-hat / black-hat kernel; lines thinner than about this are wisps."""


def jaw_wisp_mask(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray, target_landmarks: np.ndarray,
                  plane: Callable[[np.ndarray], np.ndarray] = grey_image
                  ) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """The wisps of `frame` ((H, W, 3) uint8 RGB, rendered from `photo` (H, W, 3) uint8 RGB with the face
    moved from `source_landmarks` to `target_landmarks`, (478, 2+) px each): (h, w) bool new thin pixels
    and (h, w) bool the band looked at, on a box of the image whose top-left is the returned (x, y) px; thin in
    `plane` (`jaw_slivers.new_thin`: grey levels by default)."""
    size = face_size(source_landmarks)
    src, dst = (np.asarray(lm, np.float32)[list(LOWER), :2] for lm in (source_landmarks, target_landmarks))
    new, known, (x0, y0) = new_thin(frame, photo, np.concatenate([src, dst]), REACH, WIDTH, size, plane)
    shape = new.shape
    back, _ = cv2.estimateAffinePartial2D(dst, src)
    if back is not None:  # not what the head carried here from the photo
        gy, gx = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)
        sx = back[0, 0] * (gx + x0) + back[0, 1] * (gy + y0) + back[0, 2] - x0
        sy = back[1, 0] * (gx + x0) + back[1, 1] * (gy + y0) + back[1, 2] - y0
        new &= cv2.remap(known, sx, sy, cv2.INTER_NEAREST, borderMode=cv2.BORDER_REPLICATE) == 0
    line = np.zeros(shape, np.uint8)
    cv2.polylines(line, [np.round(dst - (x0, y0)).astype(np.int32)], False, 1, 1)
    near = cv2.dilate(line, disc(2 * REACH * size)) > 0
    return new & near, near, (x0, y0)


def jaw_wisps(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
              target_landmarks: np.ndarray) -> float:
    """Share in [0, 1] of the band along the lower face oval of `frame` on a wisp (`jaw_wisp_mask`)."""
    new, looked, _ = jaw_wisp_mask(frame, photo, source_landmarks, target_landmarks)
    return float(new.sum() / max(1, looked.sum()))
