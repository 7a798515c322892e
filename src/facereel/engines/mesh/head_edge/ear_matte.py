"""The ears' strips, where the head layer's soft edge is matted against the wall (issue #9, the astronaut's near
ear on preset:turn, frames 28-44).

The head mask's soft edge round an ear (alpha 0.5-0.95: the rim, the lobe's underside, the hair's edge above it)
holds part of the wall seen through it: the layer's colour there, the photo less the plate's fill under it, is the
wall's at the mask's alpha. Laid over the wall again nothing shows, but the turn lays the near ear over the neck
and the band the photo folds under the jaw (skin), where that share of wall was drawn as a grey-blue line along the
ear's lower edge. In the ears' strips the alpha's soft edge is lowered to the share of the head's colour the photo
shows over the fill (`layers.edge_matte`, as behind a face in front of another), so the rim is laid over what the
frame puts behind it.

The segmentation's fringe, grown past the ear, holds 2-3 px of the wall at alpha ~1 (sr_18's black background behind
its near ear): taken for the head's own colour, that strip of wall moved with the ear, and where a turned, raised head
lays the ear over the plate's skin fill (the neck's push-pull under the ear) it showed as a black crescent along the
ear's back and lobe (preset:turn 36-41, `figures.ear_crescent`). `wall_fringe` gives those pixels to the matte as the
wall's (`edge_matte`'s `loose`), so they are lowered to the ear's share the photo shows there; on the near side only
(`near_side`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_edge.outline_skin import far_side
from facereel.engines.mesh.head_edge.unfolded_fill import EDGE_REACH
from facereel.engines.mesh.head_mask.face_colours import below_eyes, face_axis
from facereel.engines.mesh.neck_layer.jaw_line import jaw_ends
from facereel.face import landmark_ids as ids


def wall_fringe(source: np.ndarray, fill: np.ndarray, alpha: np.ndarray, reach_px: float, same: float,
                carried: np.ndarray | None = None) -> np.ndarray:
    """(h, w) bool: the photo `source`'s ((h, w, 3) uint8) pixels within `same` grey levels (RGB distance) of the
    plate's `fill` ((h, w, 3) float32) and within `reach_px` px of where the head's `alpha` ((h, w) float32) ends
    (under 0.5): the wall the mask's grown fringe holds, whatever its alpha; and the pixels beside it (3 x 3) inside
    the alpha, the photo's edge mixing the ear with that wall. carried: (h, w) bool, the background the plate carries
    straight through the hole (`plate.column_runs`; None: nowhere): it and what lies within `reach_px` px of it are
    left out, their own matte (`edge_matte`'s `loose`) keeping the ear's lit rim beside that background
    (`LOOSE_RIM`), which this one lowered (sr_4's dark column between its ear and the lit pillar: the drawn ear's edge
    drawn in onto its lit rim and lobe, a light ridge along the rolled ear, tests/mesh/test_dark_column.py)."""
    held = alpha >= 0.5
    off = np.linalg.norm(source.astype(np.float32) - fill, axis=2)
    outside = cv2.distanceTransform(held.astype(np.uint8), cv2.DIST_L2, 3)  # px to the alpha's end
    wall = (off <= same) & held & (outside <= reach_px)
    if carried is not None:
        wall &= cv2.distanceTransform((~carried).astype(np.uint8), cv2.DIST_L2, 3) > reach_px
    return (cv2.dilate(wall.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & held


def near_side(shape: tuple[int, int], landmarks: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """(h, w) bool on a crop of `shape` at `origin` (2,) px: the columns on the photo's near side of its nose tip (the
    side away from `outline_skin.far_side`; landmarks (478, 2+) image px). `wall_fringe` is read there only: the
    far side's outline over the wall has its own rules (`far_background`, `outline_skin`)."""
    columns = np.arange(shape[1]) - float(landmarks[ids.NOSE_TIP, 0] - origin[0])
    return np.broadcast_to((far_side(landmarks) * columns < 0)[None], shape)


def ear_strips(shape: tuple[int, int], landmarks: np.ndarray, origin: np.ndarray, face_px: float,
               with_oval: bool = False) -> np.ndarray:
    """(h, w) bool on a crop of `shape` at `origin` (2,) px: outside the face oval of `landmarks` ((478, 2+) image
    px) and within `unfolded_fill.EDGE_REACH` face sizes (`face_px` px) of it, from the pupils' height down to as
    far below the jaw angles along the face's axis: the ears, their lobes and what lies beside them (not the neck
    lower down, nor the hair above the eyes; nor the oval's own edge, whose soft pixels the face's figures read as
    holes where the plate would show: `MeshAnimator.face_holes`). with_oval: the oval's part of those rows too
    (where a turn unfolds the jaw's band by the ear: `figures.ear_wall` reads it)."""
    oval = face_oval(shape, landmarks, origin)[0]
    reach = EDGE_REACH * face_px
    outside = cv2.distanceTransform((oval == 0).astype(np.uint8), cv2.DIST_L2, 3)  # px to the oval
    near = (outside <= reach) if with_oval else (outside > 0) & (outside <= reach)
    angles = jaw_ends(landmarks)
    eyes = landmarks[[ids.RIGHT_PUPIL, ids.LEFT_PUPIL], :2].mean(0)
    lowest = float(np.max((eyes - angles) @ face_axis(landmarks))) + reach  # px below the pupils
    down = below_eyes(shape, landmarks, origin)
    return near & (down > 0) & (down < lowest)
