"""Two figures of the head's outline round a moved jaw (issue #9), read on a `MeshAnimator`'s last render;
the source repeated reads 0 on both.

`dark_band`: a thin line along the head layer's outline beside the lower face, darker than both the face
inside it and what lies outside it, that the photo's own outline at the same place does not have. sr_4 turned towards its hidden side carried the dark background beside its far
cheek (held in the head mask by the grown segmentation) round its jaw, over the plate's lighter fill
(`jaw_edge`).

Along the drawn head alpha's outline (0.5) below the nose, each outline pixel's profile across the outline
in the frame against the profile across the source alpha's outline where the map takes that pixel from, in
the photo. Where nothing moved the two are the same pixels.

`jaw_corners_added`: the sharp corners the drawn head outline gains near the jaw angles over the photo's: a
jagged step under the ear where the jaw meets the neck (sr_18 turned 45 deg).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, face_size, grey_image
from facereel.engines.mesh.neck_layer.jaw_line import ENDS
from facereel.face import landmark_ids as ids

INSIDE = (-0.15, -0.08)
"""Face sizes along the outline's outward normal: the face inside the band (its brightest sample)."""
BAND = (-0.08, 0.02)
"""Face sizes: where the band lies (its darkest sample): inside the alpha's outline, the fringe it carries."""
OUTSIDE = (0.02, 0.08)
"""Face sizes: what lies outside the outline (its brightest sample)."""
REACH = 0.2
"""Face sizes from the (moved) face oval within which the outline is read."""
_STEP = 0.005  # face sizes between a profile's samples


def _dips(grey: np.ndarray, alpha: np.ndarray, points: np.ndarray, size: float) -> np.ndarray:
    """(N,) float32 grey levels: at each point (N, 2) px of `grey` (h, w) float32, how much darker the band
    across the outline of `alpha` (h, w) float32 is than the darker of its two sides (0 when not)."""
    gx = cv2.Sobel(alpha, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(alpha, cv2.CV_32F, 0, 1, ksize=3)
    x, y = points[:, 0].astype(np.float32)[:, None], points[:, 1].astype(np.float32)[:, None]
    grad = np.concatenate([cv2.remap(g, x, y, cv2.INTER_LINEAR) for g in (gx, gy)], 1)
    normal = -grad / np.maximum(np.linalg.norm(grad, axis=1, keepdims=True), 1e-6)  # outwards: alpha falls
    t = np.arange(INSIDE[0], OUTSIDE[1] + 1e-9, _STEP)
    pos = points[:, None, :] + (t * size)[None, :, None] * normal[:, None, :]
    profile = cv2.remap(grey, pos[..., 0].astype(np.float32), pos[..., 1].astype(np.float32), cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_REPLICATE)
    inside = profile[:, t < INSIDE[1]].max(1)
    outside = profile[:, t > OUTSIDE[0]].max(1)
    band = profile[:, (t >= BAND[0]) & (t <= BAND[1])].min(1)
    return np.maximum(np.minimum(inside, outside) - band, 0)


def band_excess(animator, frame: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The drawn head outline's pixels beside the lower face of `frame` ((H, W, 3) uint8 RGB, `animator`'s (a
    `MeshAnimator`) last render), (N, 2) crop px, and how much deeper (N,) grey levels, >= 0, the dark band
    across the outline is there than in the photo at the outline pixels the map takes them from."""
    x0, y0, x1, y1 = animator.box
    grey = grey_image(frame[y0:y1, x0:x1])
    photo = grey_image(animator.source[y0:y1, x0:x1])
    drawn = animator.drawn_alpha()
    size = face_size(animator.source_landmarks)
    # The outline below the (moved) nose, near the (moved) face oval.
    target = animator.vertices[:len(animator.source_landmarks)]  # crop px
    oval = np.zeros(drawn.shape, np.uint8)
    cv2.polylines(oval, [np.round(target[list(ids.FACE_OVAL)]).astype(np.int32)], True, 1, 1)
    near = cv2.dilate(oval, disc_kernel(round(REACH * size))) > 0
    chin, top, nose = (target[i] for i in (ids.CHIN, ids.FOREHEAD, ids.NOSE_TIP))
    axis = (top - chin) / max(float(np.linalg.norm(top - chin)), 1e-6)
    solid = (drawn >= 0.5).astype(np.uint8)
    edge = cv2.morphologyEx(solid, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
    ys, xs = np.nonzero(edge & solid.astype(bool) & near)
    below = axis[0] * (xs - nose[0]) + axis[1] * (ys - nose[1]) < 0
    ys, xs = ys[below], xs[below]
    points = np.stack([xs, ys], 1).astype(np.float32)
    disp = cv2.resize(animator.warp.coarse_displacement, grey.shape[::-1], interpolation=cv2.INTER_LINEAR)
    sources = points + disp[ys, xs]
    moved = _dips(grey, drawn, points, size) - _dips(photo, animator.layer.alpha, sources, size)
    return points, np.maximum(moved, 0)


def dark_band(animator, frame: np.ndarray) -> float:
    """Grey levels: the mean of `band_excess` over the outline (0 without one); 0 when nothing moved."""
    excess = band_excess(animator, frame)[1]
    return float(excess.mean()) if len(excess) else 0.0


CORNER_REACH = 0.3
"""Face sizes from a jaw angle within which the head's outline is read for sharp corners."""
CORNER_STEP = 0.02
"""Face sizes: the outline is followed in steps this long."""
CORNER_TURN = 60.0
"""Degrees: a turn sharper than this between two steps is a corner."""


def _corners(alpha: np.ndarray, angles: np.ndarray, size: float) -> int:
    """The sharp corners (turns > `CORNER_TURN` deg between steps of `CORNER_STEP` face sizes) of the outline
    of `alpha` ((h, w) float32, >= 0.5) within `CORNER_REACH` face sizes of the jaw angles (2, 2) px."""
    contours, _ = cv2.findContours((alpha >= 0.5).astype(np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    step = max(1, round(CORNER_STEP * size))
    count = 0
    for contour in contours:
        points = contour[::step, 0].astype(np.float64)
        if len(points) < 3:
            continue
        ahead = np.roll(points, -1, 0) - points
        heading = np.degrees(np.arctan2(ahead[:, 1], ahead[:, 0]))
        turn = np.abs((np.roll(heading, -1) - heading + 180) % 360 - 180)
        near = (np.linalg.norm(np.roll(points, -1, 0)[:, None] - angles[None], axis=2) < CORNER_REACH * size).any(1)
        count += int(((turn > CORNER_TURN) & near).sum())
    return count


def jaw_corners_added(animator) -> int:
    """How many more sharp corners the drawn head outline has within `CORNER_REACH` face sizes of the moved
    jaw angles (`animator`'s, a `MeshAnimator`, last render) than the photo's head outline round its own
    (>= 0): a jagged step under the ear where the jaw meets the neck (sr_18 turned 45 deg); 0 when nothing
    moved."""
    lm = animator.source_landmarks
    size = face_size(lm)
    corners = list(ENDS)  # where the jaw meets the ear lobes
    origin = np.asarray(animator.box[:2], np.float32)
    moved = animator.vertices[corners]
    before = _corners(animator.layer.alpha, lm[corners, :2] - origin, size)
    return max(0, _corners(animator.drawn_alpha(), moved, size) - before)
