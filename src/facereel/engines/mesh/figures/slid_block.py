"""The slid head's block: what the plate shows beside the ear where a head slid sideways off its neck uncovered the
photo's head, when it is not the wall (issue #9, h30-fresh4's find (2)).

lp_d19's frame 0 as the portrait x lp_d12's fast shake (140-183, frames 22-30; the head ~50 px right) showed a flat
skin-coloured block with a hard horizontal top on the wall left of the ear; lp_s12 held ~46 px right of its place by a
driver whose face left the frame (`tests/faceless_driver.leaving_driver`) a brown smeared block left of the jaw. The
figure reads the band from the photo's nose tip's row down to its mouth corners' (beside the ears, above the neck):
the pixels the photo's head covered (its face oval grown by `EAR_REACH`, the ears) and the moved head no longer does
(outside the target's face oval grown by `EAR_REACH` and `EDGE`) that are not the wall's colour of their row (each side's median over
`WALL_STRIP` beside the photo's face, within `NEAR`), as a share of the band (rows x the grown photo oval's width). The
source repeated, or a head back on its place, scores 0; a slid head whose plate shows the wall there, little.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, face_size
from facereel.engines.mesh.figures.wall_strip import lab
from facereel.face import landmark_ids as ids

EAR_REACH = 0.12
"""Face sizes beyond the photo's face oval that its ears (and the hair beside them) cover, at the band's rows."""
EDGE = 0.02
"""Face sizes beyond the moved head's ears still its own edge (anti-aliased, a shadow beside it), not the plate."""
WALL_STRIP = (0.2, 0.35)
"""Face sizes outside the photo's face oval: the strip, past the ears, whose median per row is the wall's colour."""
NEAR = 12.0
"""CIE76 delta E: an uncovered pixel within this of its row's wall colour is the wall, not the block."""


def _oval_mask(landmarks: np.ndarray, shape: tuple[int, int], grow: float) -> np.ndarray:
    """(H, W) bool: the face oval of (478, 2+) px `landmarks` grown by `grow` px."""
    mask = np.zeros(shape, np.uint8)
    cv2.fillPoly(mask, [np.round(landmarks[list(ids.FACE_OVAL), :2]).astype(np.int32)], 1)
    k = max(0, round(grow))
    if k:
        mask = cv2.dilate(mask, disc_kernel(k))
    return mask > 0


def slid_block(frame: np.ndarray, source: np.ndarray, source_landmarks: np.ndarray,
               target_landmarks: np.ndarray) -> float:
    """The share (0-1) of the band that is the slid head's block (module docstring) in `frame` ((H, W, 3) uint8 RGB,
    a render of `source`, the same size); (478, 2+) px landmarks of the photo and of the frame's target."""
    shape = source.shape[:2]
    face_px = face_size(source_landmarks)
    rows = slice(int(source_landmarks[ids.NOSE_TIP, 1]),
                 int(np.ceil(source_landmarks[list(ids.MOUTH_CORNERS), 1].mean())))
    photo_head = _oval_mask(source_landmarks, shape, EAR_REACH * face_px)[rows]
    uncovered = photo_head & ~_oval_mask(target_landmarks, shape, (EAR_REACH + EDGE) * face_px)[rows]
    photo, drawn = lab(source[rows]), lab(frame[rows])
    x = np.arange(shape[1])
    oval = source_landmarks[list(ids.FACE_OVAL), 0]
    walls = []
    for outside in (oval.min() - x, x - oval.max()):  # (W,) px outside the photo's face oval, left / right
        strip = (outside >= WALL_STRIP[0] * face_px) & (outside < WALL_STRIP[1] * face_px)
        walls.append(np.median(photo[:, strip], axis=1) if strip.any() else np.full((len(photo), 3), np.inf, np.float32))
    wall = np.where((x < oval.mean())[None, :, None], walls[0][:, None], walls[1][:, None])  # (h, W, 3)
    block = uncovered & (np.linalg.norm(drawn - wall, axis=-1) > NEAR)
    return float(block.sum() / max(1, photo_head.any(0).sum() * photo_head.shape[0]))
