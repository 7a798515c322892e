"""The neck's tone laid in part over the wall's fill beside a raised jaw: the `film_share` figure (issue #9).

lp_s12 x preset:turn, frames 12-22 (own size, x 235-258 y 195-240): under his raised, turned chin the neck's tone
ended in a strip laid at about half over the plate's fill (the wall's colour, without its grain) between the neck's
own width and the photo's jaw outline: a grey-brown film, neither skin nor wall, whose straight sides (the tone's
width and the photo's outline) made the tone a flat block with a hard right edge.

`film_share` reads the pixels the moved head uncovers inside the photo's head (`uncovered`: the photo's head alpha
>= 0.5, `tone_trace.GAP` face sizes clear of the drawn head's alpha >= 0.5) whose chroma (YCrCb's Cr, Cb) lies part
way along the line from the wall's (the photo's background beside them, `WALL_REACH`) to the skin's (the photo's own
pixels there): its projection on that line within `FILM`. The share of those pixels, in [0, 1]; 0 on the source
repeated (nothing uncovered) and where the wall and the skin have one chroma.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.figures.tone_trace import GAP

FILM = (0.2, 0.7)
"""Projections from the wall's chroma (0) to the skin's (1) read as a film of the two: a tone laid in part."""
WALL_REACH = 0.08
"""Face sizes: the photo's background pixels (head alpha and person both under 0.5) this near the uncovered ones are
the wall they are read against."""
LEAST_CHROMA = 4.0
"""YCrCb levels: under this chroma distance between the wall and the skin no film can be told (share 0)."""


def uncovered(alpha: np.ndarray, source_alpha: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) bool: the photo's head (`source_alpha` >= 0.5) the drawn head (`alpha` >= 0.5, both (h, w) float32 in
    [0, 1]) no longer covers, `GAP` face sizes (`face_px` px each) clear of it."""
    gap = max(1, round(GAP * face_px))
    near = cv2.dilate((alpha >= 0.5).astype(np.uint8), disc_kernel(gap)) > 0
    return (source_alpha >= 0.5) & ~near


def film_share(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, source_alpha: np.ndarray,
               person: np.ndarray, face_px: float) -> float:
    """Share in [0, 1] of the uncovered pixels drawn as a film of skin and wall (module docstring). frame, photo:
    (h, w, 3) uint8 RGB crops, the drawn frame and the source; alpha, source_alpha: (h, w) float32 in [0, 1], the head
    alpha as drawn (`MeshAnimator.drawn_alpha`) and the photo's; person: (h, w) float32 in [0, 1], the photo's person
    (`HeadMask.person`); face_px: the face size, px."""
    where = uncovered(alpha, source_alpha, face_px)
    if not where.any():
        return 0.0
    beside = cv2.dilate(where.astype(np.uint8), disc_kernel(max(1, int(2 * WALL_REACH * face_px) // 2))) > 0
    wall = beside & (source_alpha < 0.5) & (person < 0.5)
    if not wall.any():
        return 0.0
    chroma = cv2.cvtColor(np.ascontiguousarray(photo), cv2.COLOR_RGB2YCrCb)[..., 1:].astype(np.float32)
    wall_chroma, skin_chroma = np.median(chroma[wall], 0), np.median(chroma[where], 0)
    line = skin_chroma - wall_chroma
    length = float(np.linalg.norm(line))
    if length < LEAST_CHROMA:
        return 0.0
    drawn = cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2YCrCb)[..., 1:].astype(np.float32)[where]
    along = (drawn - wall_chroma) @ line / length ** 2
    return float(np.mean((along > FILM[0]) & (along < FILM[1])))
