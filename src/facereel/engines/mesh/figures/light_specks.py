"""Light specks on a plate's fill, read from a rendered frame (issue #12): 1-2 px dots much lighter than the frame
round them and than the photo there.

lp_s5 behind lp_s1 (`overlap_photo.one_in_front`), both faces on lp_d12 36-50 and 164-172, where the front head moves
right off its hanging hair: below the hair's foot the front plate (`plate_fill.row_mirror`, h44-chin) laid a highlight
of her collar reflected into the hair's hole over the collar's darker folds, two or three white dots (5-9 px a frame,
60-70 grey levels over the photo; h45-behind). `light_specks` counts the pixels of a zone no head layer covers this
frame (every moving face's drawn alpha under 0.5: a plate shows) whose luma is over `PEAK` above the median of the
frame's `SPAN` px square round them and over `LIGHTER` above both the photo's there and what the front head hides
there (where known: the overlap picture's back portrait; her white collar goes on under the hair's dark edge, and
shown there it is no speck). The source repeated reads 0 (never lighter than itself), and so does the back portrait.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA

SPAN = 5
"""px: the side of the square whose median (per channel) a speck stands above (the dots 1-2 px wide, the collar's
ruffles' highlights as wide along their folds)."""
PEAK = 25.0
"""Grey levels of luma: how far a speck stands above that median (the dots 31-48 over it on lp_d12 38-50)."""
LIGHTER = 40.0
"""Grey levels of luma: how far a speck stands above the photo at that pixel (the dots 49-68 over it; a lit edge the
photo has there too, the collar's own highlights, does not)."""


def light_specks(frame: np.ndarray, photo: np.ndarray, hidden: np.ndarray, zone: np.ndarray, drawn: np.ndarray
                 ) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool) where no head layer covers `frame` ((H, W, 3) uint8 RGB;
    `drawn`, (H, W) float32, the largest drawn alpha of the moving faces this frame, under 0.5) whose luma stands over
    `PEAK` above the frame's median round them (`SPAN`) and over `LIGHTER` above both `photo`'s and `hidden`'s
    ((H, W, 3) uint8 RGB: what the front head hides, where known; else the photo)."""
    here = frame.astype(np.float32) @ LUMA
    around = cv2.medianBlur(np.ascontiguousarray(frame), SPAN).astype(np.float32) @ LUMA
    there = np.maximum(photo.astype(np.float32) @ LUMA, hidden.astype(np.float32) @ LUMA)
    return zone & (drawn < 0.5) & (here - around > PEAK) & (here - there > LIGHTER)
