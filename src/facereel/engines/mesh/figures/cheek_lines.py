"""Thin lines along the inside of the cheeks' outline, read from a rendered frame (issue #9).

Where the head mask's soft edge lies on the face's outline over something dark (lp_s1's strip of shadowed
hair between her hanging hair and her right jaw, in neither the head nor the hanging hair), the edge's
pixels carry part of that dark (premultiplied, the plate's fill behind them taken out) and, laid over
another plate as the head turns, draw a thin dark red slash or a dotted line just inside the cheek
(preset:turn frames 30-48). `cheek_lines` is the share of the pixels inside the frame's face oval within
`BAND` face sizes of its outline along the near cheek (of `CHEEKS`, from the ear lobe down past the jaw
angle: the one farther from the nose tip; the far one runs beside the nose, eyes and lips on a big turn)
that are on a thin pale or dark piece in the frame (`jaw_slivers.thin`: top-hat or black-hat over
`jaw_slivers.WIDTH` face sizes above `jaw_slivers.CONTRAST` grey levels) but not in the photo where the
cheek or the head carried them from (the similarities moving that cheek's outline landmarks, and the
head's stable ones, from the frame back to the photo: an earring moves with the head; the photo's thin
pieces count within `jaw_slivers.TOLERANCE` face sizes). From the frame alone, so
any version of the engine and the do-nothing baseline (the source repeated: 0) read the same way.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, grey_image, polygon_mask
from facereel.engines.mesh.figures.jaw_slivers import TOLERANCE, WIDTH, disc, thin
from facereel.face import landmark_ids as ids

BAND = 0.06
"""Face sizes inside the face oval's outline: where lines along the cheek are looked for."""
CHEEKS = (ids.FACE_OVAL[9:16], ids.FACE_OVAL[21:28])
"""Face oval landmarks of each cheek's outline: from the ear lobe (323, 93) down past the jaw angle (higher
up the ear and the hair over the temple move with the head, not the cheek)."""


def _near_cheek(landmarks: np.ndarray) -> tuple[int, ...]:
    """The landmark ids of the near cheek's outline (of `CHEEKS`) for (478, 2+) landmarks px: the one farther
    from the nose tip (the far one runs beside the nose on a big turn)."""
    tip = landmarks[ids.NOSE_TIP, 0]
    return max(CHEEKS, key=lambda cheek: abs(float(landmarks[list(cheek), 0].mean()) - tip))


def cheek_line_mask(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
                    target_landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The new thin pixels of `frame` ((H, W, 3) uint8 RGB, rendered from `photo` (H, W, 3) uint8 RGB with the
    face moved from `source_landmarks` to `target_landmarks`, (478, 2+) px each) along the inside of the
    near cheek's outline, and the region looked at: (H, W) bool each."""
    size = face_size(source_landmarks)
    shape = frame.shape[:2]
    grey_frame, grey_photo = (grey_image(im) for im in (frame, photo))
    kernel = disc(WIDTH * size)
    known = cv2.dilate(thin(grey_photo, kernel).astype(np.uint8), disc(2 * TOLERANCE * size))
    inside = polygon_mask([target_landmarks[list(ids.FACE_OVAL), :2]], shape, (0, 0)) > 0.5
    gy, gx = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)
    width = max(1, round(2 * BAND * size))
    cheek = list(_near_cheek(target_landmarks))
    outline = np.zeros(shape, np.uint8)
    cv2.polylines(outline, [np.round(target_landmarks[cheek, :2]).astype(np.int32)], False, 1, width)
    region = (outline > 0) & inside
    new = thin(grey_frame, kernel) & region
    # Not what the cheek carried here from the photo, nor what the head did (an earring, the hair beside it).
    for points in (cheek, list(ids.STABLE)):
        src, dst = source_landmarks[points, :2], target_landmarks[points, :2]
        back, _ = cv2.estimateAffinePartial2D(dst.astype(np.float32), src.astype(np.float32))
        if back is not None:
            sx = back[0, 0] * gx + back[0, 1] * gy + back[0, 2]
            sy = back[1, 0] * gx + back[1, 1] * gy + back[1, 2]
            new &= cv2.remap(known, sx, sy, cv2.INTER_NEAREST, borderMode=cv2.BORDER_REPLICATE) == 0
    return new, region


def cheek_lines(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
                target_landmarks: np.ndarray) -> float:
    """Share in [0, 1] of the pixels along the inside of the near cheek's outline of `frame` on a new thin line
    (`cheek_line_mask`)."""
    new, region = cheek_line_mask(frame, photo, source_landmarks, target_landmarks)
    return float(new.sum() / max(1, region.sum()))
