"""A piece of a moved face's lips left standing beside the rest (issue #12): a seam of still features beside moved
ones.

lp_s5 behind lp_s1 (`overlap_photo.one_in_front`), her head moved 12 px left: h42-twice's mirror try kept her lip
corner (mixed in the photo with the front hair's feathered edge) in the front layer, which stands still, so her
lip showed cut in two past a vertical seam, its end a second lip-coloured piece where the photo had it. `lip_piece`
counts the pixels of her lips in the photo (their outer outline grown `GROW` px) that the frame still shows as the
photo (within `TOL`) where her moved photo shows something else (over `OFF`: a feature, not flat skin) and that
lie within `REACH` px along the row of a pixel the frame shows as her moved photo where the photo shows else: a
piece standing beside the part that moved. The source repeated moves nothing (0); a frame that moves her whole
mouth keeps none of it still (0). `side_hair_copy` and `flat_fill` do not see it (a few lip-coloured px)."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.face import landmark_ids as ids

TOL = 6
"""Grey levels (largest channel difference): a frame pixel this near the photo (or her moved photo) shows it."""
OFF = 24
"""Grey levels (largest channel difference): the photo and her moved photo differ this much at a feature."""
REACH = 12
"""px along the row: a still lip pixel this near a moved one is a piece beside the rest (the move tested: 12 px)."""
GROW = 2
"""px: her lips' outer outline (landmarks) grown by this much (the outline runs a px or two inside the lip's
colour)."""


def lips(face: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) bool: the lips of `face` ((478, 2+) landmarks, image px) in a frame of `shape` (H, W), their outer
    outline grown `GROW` px."""
    outline = np.array(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP[::-1][1:-1])
    inside = np.zeros(shape, np.uint8)
    cv2.fillPoly(inside, [np.round(face[outline, :2]).astype(np.int32)], 1)
    return cv2.dilate(inside, np.ones((2 * GROW + 1,) * 2, np.uint8)) > 0


def lip_piece(frame: np.ndarray, photo: np.ndarray, shift: int, face: np.ndarray) -> np.ndarray:
    """(H, W) bool: the lip pixels of `face` ((478, 2+) landmarks in `photo`, image px) that `frame` ((H, W, 3)
    uint8, `photo` (H, W, 3) uint8 with that face moved rigidly `shift` px along the rows, negative left) shows
    standing still beside pixels that moved."""
    moved = np.roll(photo, shift, axis=1).astype(np.int16)  # what her moved face shows at each pixel
    shown, here = frame.astype(np.int16), photo.astype(np.int16)
    feature = np.abs(here - moved).max(2) > OFF
    still = feature & (np.abs(shown - here).max(2) <= TOL) & lips(face, photo.shape[:2])
    went = feature & (np.abs(shown - moved).max(2) <= TOL)
    beside = cv2.dilate(went.astype(np.uint8), np.ones((1, 2 * REACH + 1), np.uint8)) > 0
    return still & beside
