"""Face triangles along the lower face's outline that hold no skin in the photo (shadow, hair), kept from
stretching on a big turn.

The tracker's face oval can run a few px past the visible face: grace_hopper's near jaw (landmarks 58, 172,
136, 138, 215) lies on the dark shadow and grey hair beside her cheek. Those triangles are foreshortened
slivers in a frontal photo; a turn towards their side opens them to their 3D width (the stretch limit lets
skin stretch `MeshOptions.stretch_limit` = 3x) and the few px of shadow became a dark wedge smeared across the
near cheek (preset:turn frames 31-43). Such a triangle's limit is eased from the stretch limit down to
`RIM_STRETCH` as the head turns `TURN` beyond the photo's own yaw (`eased_limits`): its skin neighbours take the
turn's stretch.

A pixel counts as not skin where its colour lies outside the skin's model, where it is darker than the skin's mean
lightness by `DARKER` of its spread, or where it is darker than the lit skin beside it on its own row by `ROW_STEP`
of its lightness (`row_shaded`): a painted or lit side shade between the cheek and the outline (lp_s3's mid-brown
band, L 75-130 on a skin of mean 174 and spread 51) is lighter than the face-wide bound but a clear step from the
cheek beside it; left free it opened ~2x with the unfolded side, a flat brown band with a vertical step mid-cheek
(h43-s3shade). Not on a side of the face with hair hanging below its jaw (`hung_columns`): there the rim takes the
turn's stretch, as before, not the rings' strip of hair beside it (h44-s3shade).

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
ROW_STEP = 0.2
"""Share of the lit skin's lightness beside a rim row (`LIT_SHARE` of the px `RIM_DEPTH` to twice that inside the oval
on its side): a rim px darker than it by more is a shade too (lp_s3's painted mid-brown band, x 226-236 on row 135 at
512 px, L 75-130 beside the lit cheek's ~175-190: lighter than `DARKER` reads). A share of the light, not of the
skin's spread: a narrow spread (sr_18, 27 levels) took its cheek's own soft shading for shade, 100 triangles marked,
and the far chin's outline drawn with a black speck at preset:turn 40 (0.5 of the spread)."""
LIT_SHARE = 75.0
"""Percentile of the lightness of the px beside a rim row taken for its lit skin (the lit px, not the shade's own
inner edge nor a nostril's or a lock's dark px)."""
HUNG = 0.01
"""Face sizes squared: hair hanging below the jaw (`HeadMask.hanging` > 0.5) on a side of the face's middle larger
than this keeps `row_shaded` off that side. Beside such hair the rim takes the turn's stretch: held at its size, the
rings' strip of hair and shadow between the jaw and the hanging hair took it (h43-s3shade on lp_s1 x preset:turn: the
hair drawn out into a splinter, tests/mesh/test_hanging_hair.py, 0.0075 against main's 0.0051; lines along the near
cheek's outline, frame 33 0.067 against 0.027), and lp_s5's far jaw slivers on her hanging locks were drawn out by the
inner rounds (tests/mesh/test_inner_undo.py, 3 triangles over the health limit). Measured at 512 px high (face size
`_chin_face`): lp_s1 0.046-0.049 a side, lp_s5 0.031-0.034, sr_8 0.006, grace_hopper 0.002, lp_s0, lp_s3, lp_s6,
lp_s12, sr_4, sr_18 and the astronaut none (h44-s3shade)."""
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


def row_shaded(lightness: np.ndarray, depth: np.ndarray, rim_px: float) -> np.ndarray:
    """(h, w) bool: the oval's rim px (`depth` (h, w) float32, px inside the oval, in (0, `rim_px`]) darker than the
    lit skin beside them on their row and side by more than `ROW_STEP` of its lightness; lightness: (h, w) float32
    Lab L (OpenCV's 8-bit scale). The lit skin: `LIT_SHARE` percentile of the row's px between `rim_px` and twice
    that inside the oval on the same side of the row's middle."""
    out = np.zeros(depth.shape, bool)
    rim, beside = (depth > 0) & (depth <= rim_px), (depth > rim_px) & (depth <= 2 * rim_px)
    columns = np.arange(depth.shape[1])
    for y in np.flatnonzero(rim.any(1)):
        inside = np.flatnonzero(depth[y] > 0)
        middle = 0.5 * (inside[0] + inside[-1])
        for side in (columns < middle, columns >= middle):
            lit = lightness[y, beside[y] & side]
            if lit.size:
                out[y] |= rim[y] & side & (lightness[y] < (1.0 - ROW_STEP) * np.percentile(lit, LIT_SHARE))
    return out


def hung_columns(hanging: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float) -> np.ndarray:
    """(w,) bool: the columns of the sides of the face's middle (the face oval's mean column) with more than `HUNG`
    face sizes squared of hanging hair. hanging: (h, w) float32 in [0, 1], the crop's hanging hair
    (`HeadMask.hanging`) at `origin` (2,) px; landmarks (478, 2+) image px; face_px: the face size, px."""
    middle = float(landmarks[list(ids.FACE_OVAL), 0].mean() - origin[0])
    columns = np.arange(hanging.shape[1])
    hair = (hanging > 0.5).sum(0)
    out = np.zeros(hanging.shape[1], bool)
    for side in (columns < middle, columns >= middle):
        out |= side & (hair[side].sum() > HUNG * face_px * face_px)
    return out


def rim_shadow(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, vertices: np.ndarray,
               triangles: np.ndarray, face_px: float, hanging: np.ndarray) -> np.ndarray:
    """(F,) float64 in [0, 1], the shadow weight of face `triangles` ((F, 3) indices into `vertices`, (V, 2)
    crop px): for those within `RIM_DEPTH` face sizes inside the face oval and below the eye corners, the share
    of their photo pixels not the face's skin colour through `NOT_SKIN`'s smoothstep; 0 elsewhere. crop:
    (h, w, 3) uint8 RGB at `origin` (2,) px; landmarks (478, 2+) image px; face_px: the face size, px; hanging:
    (h, w) float32 in [0, 1], the crop's hanging hair (`hung_columns`). All 0 when the skin's colour cannot be
    read."""
    h, w = crop.shape[:2]
    oval, row = face_oval((h, w), landmarks, origin)
    colours = face_colours(crop, landmarks, origin, oval)
    weight = np.zeros(len(triangles))
    if colours.skin is None:
        return weight
    depth = cv2.distanceTransform(oval, cv2.DIST_L2, 3)
    side_shade = row_shaded(colours.lab[..., 0], depth, RIM_DEPTH * face_px) & ~hung_columns(hanging, landmarks,
                                                                                               origin, face_px)
    not_skin = (colour_distance(colours.lab, colours.skin) > CHI2_99) | shaded(colours.lab, colours.skin) | side_shade
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
