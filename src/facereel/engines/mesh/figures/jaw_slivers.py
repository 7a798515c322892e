"""Slivers beside the jaw corners, read from a rendered frame (issue #9).

Where a part of the head layer beside the jaw moves and what lies next to it stays, a frame can show a
thin pale or dark piece beside the jaw corner: the plate's fill in the gap between the moved jaw and the
moved hair beside it, or a strip of hair left behind and cut along the head mask's edge. `jaw_slivers`
is the share of the pixels beside the frame's and the photo's jaw corners (within `REACH` face sizes of
the `CORNER_POINTS` jaw landmarks next to each jaw angle, outside the frame's face oval) that are thin
and contrasted in the frame (morphological top-hat or black-hat over `WIDTH` face sizes above `CONTRAST`
grey levels) but not in the photo, neither where they are (what stays still) nor where the head carried
them from (the similarity moving the corner's landmarks from the frame back to the photo); the photo's
thin pieces count within `TOLERANCE` face sizes. From the frame alone, so any version of the engine and
the do-nothing baseline (the source repeated: 0) read the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, face_size, grey_image, polygon_mask
from facereel.engines.mesh.neck_layer.jaw_line import JAW
from facereel.face import landmark_ids as ids

CORNER_POINTS = 5
"""Jaw landmarks from each jaw angle towards the chin (along the face oval) that make up a jaw corner."""
REACH = 0.15
"""Face sizes round the corner's landmarks (the frame's and the photo's): where slivers are looked for."""
WIDTH = 0.05
"""Face sizes: the top-hat / black-hat kernel; pale or dark pieces thinner than about this are slivers."""
CONTRAST = 25.0
"""Grey levels of top-hat or black-hat from which a pixel is on a thin piece."""
TOLERANCE = 0.015
"""Face sizes: the photo's thin pieces are grown by this much before they are compared with the frame's."""

CORNERS = (JAW[:CORNER_POINTS], JAW[::-1][:CORNER_POINTS])


def disc(size_px: float) -> np.ndarray:
    return disc_kernel(max(1, round(size_px / 2)))


def thin(grey: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """(h, w) bool: pixels of grey levels (h, w) float32 on a pale or dark piece thinner than `kernel`."""
    tophat = cv2.morphologyEx(grey, cv2.MORPH_TOPHAT, kernel)
    blackhat = cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, kernel)
    return np.maximum(tophat, blackhat) > CONTRAST


def new_thin(frame: np.ndarray, photo: np.ndarray, points: np.ndarray, reach: float, width: float, size: float,
             plane: Callable[[np.ndarray], np.ndarray] = grey_image) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """On the box of the image round `points` ((N, 2) px) grown by `reach` + `width` face sizes (`size` px):
    (h, w) bool the pixels on a thin piece of `frame` ((H, W, 3) uint8 RGB; `thin` over `width` face sizes of
    its `plane`, (h, w, 3) uint8 RGB -> (h, w) float32 levels, `grey_image` by default) that `photo` ((H, W, 3) uint8
    RGB) has not within `TOLERANCE` face sizes, (h, w) uint8 the photo's thin pieces grown by that tolerance,
    and the box's top-left (x, y) px."""
    pad = (reach + width) * size
    h_img, w_img = frame.shape[:2]
    x0, y0 = (max(0, int(np.floor(v - pad))) for v in points.min(0))
    x1, y1 = int(min(w_img, np.ceil(points[:, 0].max() + pad))), int(min(h_img, np.ceil(points[:, 1].max() + pad)))
    grey_frame, grey_photo = (plane(im[y0:y1, x0:x1]) for im in (frame, photo))
    kernel = disc(width * size)
    known = cv2.dilate(thin(grey_photo, kernel).astype(np.uint8), disc(2 * TOLERANCE * size))
    return thin(grey_frame, kernel) & (known == 0), known, (x0, y0)  # not what stays still


def jaw_sliver_mask(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
                    target_landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """The slivers of `frame` ((H, W, 3) uint8 RGB, rendered from `photo` (H, W, 3) uint8 RGB with the face
    moved from `source_landmarks` to `target_landmarks`, (478, 2+) px each): (h, w) bool new thin pixels
    and (h, w) bool the region looked at, on a box of the image whose top-left is the returned (x, y) px."""
    size = face_size(source_landmarks)
    points = np.concatenate([source_landmarks[list(JAW), :2], target_landmarks[list(JAW), :2]])
    new, known, (x0, y0) = new_thin(frame, photo, points, REACH, WIDTH, size)
    shape = new.shape
    region = np.zeros(shape, np.uint8)
    radius = max(1, round(REACH * size))
    gy, gx = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)
    for corner in CORNERS:
        src, dst = source_landmarks[list(corner), :2], target_landmarks[list(corner), :2]
        here = np.zeros(shape, np.uint8)
        for x, y in np.concatenate([src, dst]) - (x0, y0):
            cv2.circle(here, (int(round(x)), int(round(y))), radius, 1, -1)
        back, _ = cv2.estimateAffinePartial2D(dst.astype(np.float32), src.astype(np.float32))
        if back is not None:  # not what the head carried here from the photo
            sx = back[0, 0] * (gx + x0) + back[0, 1] * (gy + y0) + back[0, 2] - x0
            sy = back[1, 0] * (gx + x0) + back[1, 1] * (gy + y0) + back[1, 2] - y0
            carried = cv2.remap(known, sx, sy, cv2.INTER_NEAREST, borderMode=cv2.BORDER_REPLICATE)
            new &= ~((here > 0) & (carried > 0))
        region |= here
    oval = polygon_mask([target_landmarks[list(ids.FACE_OVAL), :2]], shape, (x0, y0)) > 0.5
    looked = (region > 0) & ~oval
    return new & looked, looked, (x0, y0)


def jaw_slivers(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
                target_landmarks: np.ndarray) -> float:
    """Share in [0, 1] of the pixels beside the jaw corners of `frame` on a sliver (`jaw_sliver_mask`)."""
    new, looked, _ = jaw_sliver_mask(frame, photo, source_landmarks, target_landmarks)
    return float(new.sum() / max(1, looked.sum()))
