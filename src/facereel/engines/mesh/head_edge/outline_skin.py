"""The photo's partly transparent face outline drawn as skin once the frame moves it (sr_18 x preset:turn).

Below the eyes the outline's edge pixels (head alpha under `unfolded_fill.OPAQUE`) carry the photo's edge
unmixed from the plate behind it: on sr_18's far cheek that colour is grey (the light streak beside the cheek,
which the segmentation took for head) and along his far jaw dark (the jacket behind it). At rest the layer over
its own plate gives the photo back; moved, the frame lays that edge inside the head (between the cheek and the ear
at ear level, frames 8-15) or over the neck (frame 13's dark crease under the jaw), where it showed as a grey
streak or a dark line. `OutlineSkin` gives those pixels on the far side of a turned photo (`TURNED`) the colour of
the nearest opaque skin of the photo's face oval (`unfolded_fill.SkinEdge`) at their own alpha, where the map moves
them (fading in over `MOVE_PX`) and where other head surface or the neck lies round the pixel (the drawn alpha
closed over the band's reach); a map that stays the identity draws the photo exactly. On frontal photos it stays
off: their soft chin and jaw edge over the neck drawn as skin read harder (lp_s5 x lp_d18, `figures.chin_edge`)
and as a second chin (lp_s0 x preset:turn, `figures.chin_ghost` 5.11 -> 5.68).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_edge.unfolded_fill import OPAQUE, SkinEdge
from facereel.face import landmark_ids as ids

REACH = (0.05, 0.08)
"""Face sizes from the photo's opaque skin over which the outline's partly transparent pixels are drawn as skin:
above the mouth corners and below them (the jaw's edge blended with sr_18's dark jacket reaches 6-8 px out; at
0.08 above them too the light streak beyond his far ear turned into skin-coloured spurs)."""
TURNED = 8.0
"""Deg: the photo's own yaw from frontal from which its far outline's edge is drawn as skin (`turned`; sr_18 12.5,
sr_8 34; lp_s0, lp_s5, lp_s1, astronaut, grace_hopper under 2)."""
MOVE_PX = (0.5, 2.0)
"""px: the map's displacement over which a pixel of the outline's edge fades from the photo's edge to skin."""


def turned(source_yaw: float) -> bool:
    """Whether a photo with yaw `source_yaw` (deg from frontal) is turned enough for `OutlineSkin`."""
    return abs(source_yaw) >= TURNED


def far_side(landmarks: np.ndarray) -> int:
    """+1 when the photo's nose tip lies right of its face oval's middle (the far side is the right), else -1;
    landmarks (478, 2+) px."""
    oval = np.asarray(landmarks)[list(ids.FACE_OVAL), 0]
    return 1 if float(landmarks[ids.NOSE_TIP, 0]) > 0.5 * float(oval.min() + oval.max()) else -1


class OutlineSkin:
    """The outline's edge pixels and the premultiplied colour that turns each into its nearest opaque skin.

    crop: (h, w, 3) uint8 RGB at `origin` (2,) px; landmarks: (478, 2+) image px; face_px: the face size, px;
    alpha: (h, w) float32 head alpha of the crop; head: (h, w, 4) float32, the head layer's premultiplied colour
    and alpha; edge: the photo's skin side (`SkinEdge`)."""

    def __init__(self, crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float,
                 alpha: np.ndarray, head: np.ndarray, edge: SkinEdge) -> None:
        h, w = alpha.shape
        oval, row = face_oval((h, w), landmarks, origin)
        cheek, jaw = (max(1, round(r * face_px)) for r in REACH)
        self.reach = jaw  # px
        near = cv2.dilate(oval, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * jaw + 1,) * 2)) > 0
        mouth = int(np.ceil(landmarks[list(ids.MOUTH_CORNERS), 1].mean() - origin[1]))
        reach = np.full((h, 1), cheek, np.float32)
        reach[max(0, mouth):] = jaw
        band = near & (alpha > 0) & (alpha < OPAQUE) & (edge.distance <= reach)
        band &= oval.ravel()[edge.nearest] > 0  # the face's own edge, not the ear's (its rim beside the streak)
        # The photo's far side only (beyond the chin): the side whose silhouette a turn back moves inside.
        band &= (far_side(landmarks) * (np.arange(w) - float(landmarks[ids.CHIN, 0] - origin[0])) > 0)[None, :]
        self.band = band  # (h, w) bool
        # (h, w) bool: the pixels a bilinear sample of the band reads from (the band grown by 1 px)
        self._reads = cv2.dilate(band.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        y, x = np.divmod(edge.nearest[band], w)
        skin = crop[y, x].astype(np.float32) * alpha[band][:, None]
        self.delta = np.zeros((h, w, 3), np.float32)  # premultiplied skin minus the layer's colour, on `band`
        self.delta[band] = skin - head[band][:, :3]

    def apply(self, head: np.ndarray, maps: np.ndarray, grid: np.ndarray, support: np.ndarray) -> None:
        """Adds in place to `head` ((b, a, 4) float32, the layer remapped by `maps` (b, a, 2) float32 crop px)
        the skin's `delta` where the sample reads the band, weighted by the map's displacement from `grid`
        ((b, a, 2) float32, each pixel's own position) through `MOVE_PX` and by how far the pixel lies inside:
        `support` ((b, a) float32 in [0, 1], the drawn head alpha, 1 where the neck shows) closed over the
        band's reach, above the pixel's own alpha (0 on the head's outer silhouette, 1 where opaque head or
        neck surrounds it)."""
        h, w = self.band.shape
        at = np.clip(np.rint(maps).astype(np.intp), 0, [w - 1, h - 1])
        rows, cols = np.nonzero(self._reads[at[..., 1], at[..., 0]])
        if not len(rows):
            return
        moved = np.linalg.norm(maps[rows, cols] - grid[rows, cols], axis=1)
        weight = np.clip((moved - MOVE_PX[0]) / (MOVE_PX[1] - MOVE_PX[0]), 0, 1)
        if not weight.any():
            return
        r0, r1, c0, c1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
        k = self.reach
        window = np.pad(support[max(0, r0 - k):r1 + k, max(0, c0 - k):c1 + k], k, mode="edge")
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * k + 1,) * 2)
        closed = cv2.morphologyEx(window, cv2.MORPH_CLOSE, kernel)[k:-k, k:-k]
        closed = closed[rows - max(0, r0 - k), cols - max(0, c0 - k)]
        own = head[rows, cols, 3]
        inside = np.clip((closed - own) / np.maximum(1 - own, 1e-3), 0, 1)
        weight *= inside
        src = maps[rows, cols]
        delta = cv2.remap(self.delta, src[:, None, 0].copy(), src[:, None, 1].copy(), cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)[:, 0]
        head[rows, cols, :3] += weight[:, None] * delta
