"""The hair cut by the photo's top, read mirrored past it only as deep as the hair goes (issue #9).

Where the head runs off the photo's top (`animator._past_cut_top`), the head layer above its top row is read
mirrored (`HeadLayer.reflect_top`). Read as abs(y), a head lowered ~200 px (sr_8 x lp_d12, frames 114-150)
read past the hair into the lit forehead and the fringe's curls: an upside-down fringe and a skin patch above
the head. Each column is now read mirrored only within its hair band, the rows from the top down to where the
skin (nearer the skin's colour than the hair's), the face oval or the head mask starts, and ping-ponged within
it beyond that.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_mask.face_colours import face_colours
from facereel.engines.mesh.head_mask.hanging_hair import colour_distance, colour_model

HAIR_ROWS = 0.03
"""Face sizes: the head mask's rows this near the photo's top are its hair (the hair colour model's samples)."""

SKIN_SPAN = 0.03
"""Face sizes: the side of the box over which a pixel's being nearer the skin's colour than the hair's is averaged
(one lit strand is not the skin)."""

BAND_SPAN = 0.1
"""Face sizes: the band's depth is averaged over this many columns: neighbouring columns ping-ponged over unlike
depths drew vertical ripples (sr_8's curl, x 440-550)."""

BAND_FLOOR = 0.08
"""Face sizes: the band is at least this deep: a few rows ping-ponged drew vertical streaks (sr_8's lit curl)."""


def top_skin(crop: np.ndarray, head: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float
             ) -> np.ndarray:
    """(h, w) bool on the crop ((h, w, 3) uint8 RGB at `origin` (2,) px; landmarks (478, 2+) image px, face size
    `face_px` px): the skin, where most pixels within `SKIN_SPAN` are nearer the face's skin colour
    (`FaceColours.skin`) than the hair's along the photo's top (the head mask (h, w) >= 0.5 in its `HAIR_ROWS`);
    none where either colour is unknown. (The skin's colour model alone takes sr_8's dark hair for skin.)"""
    colours = face_colours(crop, landmarks, origin, face_oval(head.shape, landmarks, origin)[0])
    rows = np.arange(head.shape[0])[:, None]
    hair = colour_model(colours.lab, (head >= 0.5) & (rows < HAIR_ROWS * face_px))
    if colours.skin is None or hair is None:
        return np.zeros(head.shape, bool)
    nearer = colour_distance(colours.lab, colours.skin) < colour_distance(colours.lab, hair)
    span = 2 * round(SKIN_SPAN * face_px / 2) + 1
    return cv2.blur(nearer.astype(np.float32), (span, span)) > 0.5


def hair_band(crop: np.ndarray, head: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float
              ) -> np.ndarray:
    """(w,) float32 crop rows: per column of the crop (`top_skin`'s arguments), how deep past its top row the layer
    may be read mirrored: the rows from the top down to where the skin (`top_skin`), the face oval or the head
    mask (< 0.5) starts (the whole height where the head mask misses the top row), averaged over `BAND_SPAN`
    columns, at least `BAND_FLOOR` deep."""
    stop = top_skin(crop, head, landmarks, origin, face_px) | (face_oval(head.shape, landmarks, origin)[0] > 0)
    stop |= head < 0.5
    h = head.shape[0]
    first = np.where(stop.any(0) & (head[0] >= 0.5), stop.argmax(0), h).astype(np.float32)  # off the head: any
    span = 2 * round(BAND_SPAN * face_px / 2) + 1
    first = np.minimum(first, h)
    return np.maximum(cv2.blur(first[None], (span, 1), borderType=cv2.BORDER_REPLICATE)[0], BAND_FLOOR * face_px)


def fold_top(xy: np.ndarray, band: np.ndarray) -> None:
    """Fold, in place, the rows y of source positions xy (..., 2) crop px above the crop's top into it: mirrored
    (abs(y)) within each column's `band` (w,) rows (`hair_band`), ping-ponged between 0 and the band beyond it."""
    y = xy[..., 1]
    above = y < 0
    if not above.any():
        return
    depth = band[np.clip(np.rint(xy[..., 0][above]), 0, len(band) - 1).astype(np.intp)]
    read = -y[above]
    y[above] = np.where(read > depth, depth - np.abs(np.mod(read, 2 * depth) - depth), read)
