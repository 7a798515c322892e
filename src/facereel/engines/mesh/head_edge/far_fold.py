"""The far outline's fold unfolded along the rows (issue #9, sr_18 `edit --yaw 25`: the far cheek's outline torn
into skin shards).

On a turned photo the face oval's landmarks on the far side lie inside its silhouette (sr_18: 3-4 px), the face
points beyond them turned over. Turned further, the seen face triangles read the photo up to its silhouette, the
unfolded band beyond them is filled from the skin round it and reads back in, and the first ring's band starts
again at the oval's landmarks: along a frame row the map reads the photo's outline strip back and forth (sr_18
rows 130-145: frame x 372-392 read source x 397-401 twice or three times), so its edge (a highlight, the grey
streak the mask holds) is drawn as two or three slivers with skin between them. `unfold_rows` redraws each folded
span of a row as one even stretch from the read before it to the read after it, so the outline's edge is drawn
once, at the outline; `MeshAnimator.draw` blurs those rows down the columns with the unfolded band
(`unfolded_fill.smooth_rows`: each row's stretch differs a little from the next one's).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_edge.outline_skin import beyond_chin
from facereel.face import landmark_ids as ids

STRIP = 0.025
"""Face sizes from the photo's face oval's outline (either side) within which its far side's pixels are the outline
strip `unfold_rows` redraws (sr_18's fold reads 0.019 inside the oval to 0.016 beyond it; at 0.06 sr_8's reads of
the hair and the wall 0.02-0.06 beyond her far cheek on `edit --yaw -25`, the map's own occlusions, were redrawn
too: a stepped, smudged crease by her nose)."""
BACK_PX = 1.0
"""px: a read that far or farther back (towards the nose) of the farthest read before it on the row is a fold."""


def fold_strip(oval: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) bool: the photo's far outline strip, `STRIP` face sizes either side of the face oval's outline
    (oval: (h, w) uint8, 1 inside, on the crop at `origin` (2,) px), beyond the chin on the far side
    (`outline_skin.far_side`), from the pupils' row to the mouth corners' (sr_18's fold: the cheek beside the ear).
    landmarks: (478, 2+) image px; face_px px."""
    w = oval.shape[1]
    reach = max(1, round(STRIP * face_px))
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1,) * 2)
    strip = (cv2.dilate(oval, disc) > 0) & (cv2.erode(oval, disc) == 0)
    top = int(np.floor(landmarks[[ids.LEFT_PUPIL, ids.RIGHT_PUPIL], 1].mean() - origin[1]))
    bottom = int(np.ceil(landmarks[list(ids.MOUTH_CORNERS), 1].max() - origin[1]))
    strip[:max(0, top)] = False
    strip[max(0, bottom):] = False
    return strip & beyond_chin(landmarks, origin, w)[None, :]


def fold_rows(maps: np.ndarray, strip: np.ndarray, side: int) -> list[tuple[int, np.ndarray]]:
    """The rows of `maps` ((b, a, 2) float32 backward map, crop px) that read the strip (`fold_strip`, (h, w) bool)
    back and forth: (row, columns (n,) int64 in order from the near side, from the first whose read passes the
    fold's nearest read to its last read `BACK_PX` or more back of the farthest before it) per such row."""
    h, w = strip.shape
    at = np.rint(maps).astype(np.intp)
    on = strip[np.clip(at[..., 1], 0, h - 1), np.clip(at[..., 0], 0, w - 1)]
    out = []
    for row in np.flatnonzero(on.any(1)):
        cols = np.flatnonzero(on[row])[::side]
        out_x = side * maps[row, cols, 0]
        farthest = np.maximum.accumulate(out_x)
        back = np.flatnonzero(out_x <= farthest - BACK_PX)
        if len(back):
            start = int(np.searchsorted(farthest, out_x[back].min()))
            out.append((int(row), cols[start:back[-1] + 1]))
    return out


def unfold_rows(maps: np.ndarray, strip: np.ndarray, side: int) -> np.ndarray | None:
    """Redraws in place each folded row's span (`fold_rows`) as one even stretch: its reads laid linearly (x and y)
    from the read before the span to the one after it. maps: (b, a, 2) float32 crop px; strip (h, w) bool; side:
    the photo's far side (`outline_skin.far_side`, +1: right). Returns (b, a) bool, the pixels redrawn, or None
    with no fold."""
    folds = fold_rows(maps, strip, side)
    if not folds:
        return None
    b, a = maps.shape[:2]
    changed = np.zeros((b, a), bool)
    for row, cols in folds:
        first, last = max(0, min(a - 1, cols[0] - side)), max(0, min(a - 1, cols[-1] + side))
        ends = maps[row, [first, last]]
        share = (np.arange(1, len(cols) + 1, dtype=np.float32) / (len(cols) + 1))[:, None]
        maps[row, cols] = ends[0] + share * (ends[1] - ends[0])
        changed[row, cols] = True
    return changed
