"""Face triangles along the lower face's outline that hold no skin in the photo (shadow, hair), kept from
stretching on a big turn.

The tracker's face oval can run a few px past the visible face: grace_hopper's near jaw (landmarks 58, 172,
136, 138, 215) lies on the dark shadow and grey hair beside her cheek. Those triangles are foreshortened
slivers in a frontal photo; a turn towards their side opens them to their 3D width (the stretch limit lets
skin stretch `MeshOptions.stretch_limit` = 3x) and the few px of shadow became a dark wedge smeared across the
near cheek (preset:turn frames 31-43). Such a triangle's limit is eased from the stretch limit down to
`RIM_STRETCH` as the head turns `TURN` beyond the photo's own yaw (`eased_limits`): its skin neighbours take the
turn's stretch.

The shadow weight grows smoothly with the share of the triangle's photo pixels that are not skin (`NOT_SKIN`),
the eased limit smoothly with the turn. Talk and small turns leave the stretch limit as it was, bit for bit: a
hard 1x limit on these triangles in every frame (the first try) made a static re-render flicker above the mouth
(grace_hopper talk: 0.064 grey levels, tests/v2v). Their stretch cannot tell a turn from talk (talk stretches
grace_hopper's marked triangles up to 2.1x at 300 px, the turn asks 1.3-7x of them at 512), the yaw can.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.head_mask.face_colours import face_colours
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance
from facereel.face import landmark_ids as ids

RIM_STRETCH = 1.0
"""Stretch limit of a face triangle near the outline whose photo pixels are not skin, on a big turn."""
RIM_DEPTH = 0.1
"""Face sizes inside the oval: how far in from the outline a triangle's centroid may lie to be checked."""
NOT_SKIN = (0.35, 0.65)
"""Share of a triangle's photo pixels farther from the skin's colour than `CHI2_99`: its shadow weight rises
smoothly from 0 to 1 between these."""
DARKER = 2.0
"""Standard deviations of the skin's lightness: a pixel darker than its mean by more is shadow, whatever its hue
(lp_s3's painted reddish-brown rim beside the near cheek lies inside the skin's colour model, `CHI2_99`)."""
TURN = (15.0, 30.0)
"""Deg of yaw beyond the photo's own (`far_cheek.push`): the ramp (smoothstep) over which a marked triangle's
limit eases from the stretch limit to `RIM_STRETCH`; preset:turn's frames 31-43 (yaw 30-45 deg) are past it,
talk's few degrees far below."""


def face_oval(shape: tuple[int, int], landmarks: np.ndarray, origin: np.ndarray) -> tuple[np.ndarray, float]:
    """(h, w) uint8 (1 inside) face oval of `landmarks` ((478, 2+) image px) in a box of `shape` at `origin`
    (2,) px, and the eye corners' mean row in that box (px): the lower face lies below it."""
    oval = np.zeros(shape, np.uint8)
    cv2.fillPoly(oval, [np.round(landmarks[list(ids.FACE_OVAL), :2] - origin).astype(np.int32)], 1)
    return oval, float(landmarks[list(ids.LEFT_EYE_CORNERS + ids.RIGHT_EYE_CORNERS), 1].mean() - origin[1])


def shaded(lab: np.ndarray, skin: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """(h, w) bool: Lab pixels (h, w, 3) darker than the skin model (mean, inverse covariance) by more than
    `DARKER` of its lightness's standard deviations."""
    spread = float(np.sqrt(np.linalg.inv(skin[1])[0, 0]))
    return lab[..., 0] < skin[0][0] - DARKER * spread


def rim_shadow(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, vertices: np.ndarray,
               triangles: np.ndarray, face_px: float) -> np.ndarray:
    """(F,) float64 in [0, 1], the shadow weight of face `triangles` ((F, 3) indices into `vertices`, (V, 2)
    crop px): for those within `RIM_DEPTH` face sizes inside the face oval and below the eye corners, the share
    of their photo pixels not the face's skin colour through `NOT_SKIN`'s smoothstep; 0 elsewhere. crop:
    (h, w, 3) uint8 RGB at `origin` (2,) px; landmarks (478, 2+) image px; face_px: the face size, px. All 0
    when the skin's colour cannot be read."""
    h, w = crop.shape[:2]
    oval, row = face_oval((h, w), landmarks, origin)
    colours = face_colours(crop, landmarks, origin, oval)
    weight = np.zeros(len(triangles))
    if colours.skin is None:
        return weight
    not_skin = (colour_distance(colours.lab, colours.skin) > CHI2_99) | shaded(colours.lab, colours.skin)
    depth = cv2.distanceTransform(oval, cv2.DIST_L2, 3)
    corners = vertices[triangles]  # (F, 3, 2)
    centre = np.clip(np.rint(corners.mean(1)).astype(np.intp), 0, [w - 1, h - 1])
    near = (depth[centre[:, 1], centre[:, 0]] <= RIM_DEPTH * face_px) & (centre[:, 1] > row)
    for k in np.flatnonzero(near):
        lo = np.floor(corners[k].min(0)).astype(int).clip(0, [w - 1, h - 1])
        hi = np.ceil(corners[k].max(0)).astype(int).clip(0, [w - 1, h - 1]) + 1
        inside = np.zeros((hi[1] - lo[1], hi[0] - lo[0]), np.uint8)
        cv2.fillPoly(inside, [np.round(corners[k] - lo).astype(np.int32)], 1)
        seen = not_skin[lo[1]:hi[1], lo[0]:hi[0]][inside > 0]
        weight[k] = float(smoothstep(*NOT_SKIN, seen.mean())) if seen.size >= 3 else 0.0
    return weight


def eased_limits(limits: np.ndarray, weight: np.ndarray, turn: float) -> np.ndarray:
    """(F, 3) float64: the per-corner stretch `limits` (F, 3) eased towards `RIM_STRETCH` (never raised) by the
    triangles' shadow `weight` (F,) times `turn` (in [0, 1], the ramp `TURN` read by `far_cheek.push`); an
    infinite limit (a tiny triangle left free) stays; `limits` itself when nothing is eased (talk, small
    turns, no marked triangle)."""
    ease = weight * turn
    marked = np.flatnonzero(ease > 0)
    if not marked.size:
        return limits
    out = np.array(limits, np.float64)
    rows = out[marked]
    finite = np.isfinite(rows)  # the tiny triangles left free (infinite) stay free
    safe = np.where(finite, rows, 0.0)
    rows[finite] = (safe + ease[marked, None] * (np.minimum(RIM_STRETCH, safe) - safe))[finite]
    out[marked] = rows
    return out
