"""Hair the frame's side cuts off: the source widened past that side, its side column carried on out and fading into
the wall behind the head, so that the head layer keeps hair at the frame's edge when the head moves away from it.

A face within `SIDE_ROOM` of the frame's side (lp_s1 cut at x 320-1145, y 150-1145: her near ear and hair off the
left edge) had its hair cut there by a straight line: the crop box's side is the frame's, its rings pinned to it. A
head moved 20-40 px away from the cut (lp_d12 90-150, frames 24 / 48) drew the photo's cut side moved, a short smear
of its first column and, between it and the frame's edge, a white strip of wall (`layers.off_frame` fades the head
where the map spreads the side's band; `figures.wall_strip`); preset:turn (the head ~100 px away) jagged streaky hair
wedges over the wall. Here (`side_blocks`, drawn by `cut_neck.Extended`) the side column goes on out to `SIDE_REACH`
beside the face oval, blurred along itself as the neck's last row is carried down (`cut_neck.carried_on`), as hair
for `HAIR_ON` past the cut and fading into the wall by `HAIR_END` (the column with the head's mask filled from
around it, as the plate fills its hole, `layers.fill_hole`): the hair goes on to the frame's edge out of focus and,
with the head moved far, ends softly against the wall, as the whole photo's hair does; the rings' pinned side lies
off the frame. Carried on alone the column was an out-of-focus blur beside the photo's strands, so the hair's part
of the block drawn also carries the photo's grain from just inside the cut (`_grain`), read back and forth along the
strands' slope (`_slopes`) where the cut column is the head's (`_grained`; `figures.side_grain`).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.crop_box import head_box
from facereel.engines.mesh.cut_neck import SPREAD, carried_on
from facereel.engines.mesh.head_edge.far_grain import CLIP
from facereel.engines.mesh.layers import EDGE_BAND, fill_hole, plate_hole
from facereel.face import landmark_ids as ids

SIDE_ROOM = 0.5
"""Face sizes beside the face oval under which a side of the frame cuts the hair (lp_s1 cut at x 320: 0.12 from the
left side; the shared portraits whole hold 0.74 or more on both sides and are not widened)."""

SIDE_REACH = 1.0
"""Face sizes beside the face oval to which a cut side is widened: the rings pinned to the widened side lie off the
frame for preset:turn's moves (lp_s1 cut at x 320: 335 columns)."""

HAIR_ON = 0.1
"""Face sizes past the cut side to which its column is carried on as it is (hair; lp_d12 moves lp_s1's head 0.05-0.1
face sizes away from the cut)."""

HAIR_END = 0.2
"""Face sizes past the cut side by which the carried column has faded into the wall behind the head (the whole lp_s1's
hair ends ~0.15 past where the cut at x 320 runs)."""

GRAIN = 0.015
"""Face sizes: the standard deviation of the blur whose difference from the photo is the hair's grain carried on past
the cut (lp_s1's strands, 2-5 px apart at a face of ~360 px)."""

GRAIN_DEPTH = 0.05
"""Face sizes inside the cut side from which the grain is read, back and forth (mirrored at the cut: no seam; lp_s1
cut at x 320: 18 columns of hair, her earring from 20 columns in)."""

SLOPE_ROWS = 0.1
"""Face sizes of rows over which the strands' slope beside the cut is read (one wave of lp_s1's hair)."""

SLOPE_MAX = 1.5
"""Rows per column: the steepest slope along which a strand is carried on past the cut (steeper strands run nearly
along the cut; read further down they would fetch the grain of rows far off)."""

WALL_GROW = 0.03
"""Face sizes the head's mask is grown by before the wall is filled in under it (its fringe is hair, not wall)."""


def columns_beside(landmarks: np.ndarray, width: int) -> tuple[int, int]:
    """Columns (0: none) by which a frame `width` px wide is widened left and right for the face of (478, 2+) px
    `landmarks`: to `SIDE_REACH` face sizes beside its face oval, on a side under `SIDE_ROOM` from it that the oval
    does not reach (within `layers.EDGE_BAND`: a face cut through itself, whose side column is its own skin, is left
    as it is)."""
    xs = landmarks[list(ids.FACE_OVAL), 0]
    face_px = face_size(landmarks)
    gaps = float(xs.min()), width - 1 - float(xs.max())
    return tuple(math.ceil(SIDE_REACH * face_px - gap) if EDGE_BAND <= gap < SIDE_ROOM * face_px else 0
                 for gap in gaps)


def _walls(source: np.ndarray, landmarks: np.ndarray, options: MeshOptions) -> tuple[np.ndarray, np.ndarray]:
    """((H, 2, 3) float32, (H, 2) float32): the left and right columns of `source` ((H, W, 3) uint8 RGB) with the head
    of (478, 3) px `landmarks` (its mask, `crop_box.head_box`, grown by `WALL_GROW`) filled from the wall round it,
    and the head's alpha on those columns (0 outside its box)."""
    (x0, y0, x1, y1), mask = head_box(source, np.asarray(landmarks, np.float32), options)
    known = np.ones(source.shape[:2], np.float32)
    known[y0:y1, x0:x1] = 1 - plate_hole(mask, round(WALL_GROW * face_size(landmarks)))
    head = np.zeros(source.shape[:2], np.float32)
    head[y0:y1, x0:x1] = mask.alpha
    return fill_hole(source, known)[:, [0, -1]], head[:, [0, -1]]


def _slopes(grain: np.ndarray, face_px: float) -> np.ndarray:
    """(H,) float32: per row, the rows down per column in (px / px) along which the strands of `grain` ((H, w, 3)
    float32) run, the least-squares direction (1, m) of least change (m = -E[gx gy] / E[gy^2]) over `SLOPE_ROWS` face
    sizes (`face_px` px) of rows, within `SLOPE_MAX`."""
    grey = grain.mean(-1)
    gx, gy = np.gradient(grey, axis=1), np.gradient(grey, axis=0)
    span = 2 * round(SLOPE_ROWS * face_px / 2) + 1
    xy, yy = (cv2.blur(np.mean(v, 1, keepdims=True), (1, span)).ravel() for v in (gx * gy, gy * gy))
    return np.clip(-xy / np.maximum(yy, 1e-6), -SLOPE_MAX, SLOPE_MAX).astype(np.float32)


def _grain(inside: np.ndarray, count: int, face_px: float) -> np.ndarray:
    """(H, count, 3) float32, nearest the photo first: the grain of `inside` ((H, w, 3) uint8, the photo's columns
    from the cut side in; the photo less its blur at `GRAIN` face sizes (`face_px` px), cut at `far_grain.CLIP` times
    its median) read out from the cut back and forth over `GRAIN_DEPTH` face sizes in, each read moved along its
    row's strands (`_slopes`) so that a strand crossing the cut goes on straight past it, coming in as the carried
    column loses its own (`cut_neck.SPREAD`: in full where its blur reaches the grain's)."""
    sigma = GRAIN * face_px
    depth = min(inside.shape[1], max(1, round(GRAIN_DEPTH * face_px)))
    band = inside[:, :depth].astype(np.float32)
    grain = band - cv2.GaussianBlur(band, (0, 0), sigma, borderType=cv2.BORDER_REFLECT)
    bound = CLIP * float(np.median(np.abs(grain)))
    out = np.arange(1, count + 1, dtype=np.float32)
    back = np.mod(out - 1, 2 * depth)
    reads = np.where(back < depth, back, 2 * depth - 1 - back)  # (count,) photo columns in
    rows = np.arange(grain.shape[0], dtype=np.float32)[:, None]
    ys = (rows + _slopes(grain, face_px)[:, None] * (out + reads)[None]).astype(np.float32)
    xs = np.ascontiguousarray(np.broadcast_to(reads[None], ys.shape), np.float32)
    drawn = cv2.remap(grain, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return np.clip(drawn, -bound, bound) * np.clip(SPREAD * out / sigma, 0, 1)[None, :, None]


def _fade(count: int, face_px: float) -> np.ndarray:
    """(1, count, 1) float32 in [0, 1], nearest the photo first: how far a block's column `count` columns out has
    faded into the wall (0 to `HAIR_ON` face sizes (`face_px` px) out, 1 from `HAIR_END`, linear between)."""
    past = np.arange(1, count + 1, dtype=np.float32) / face_px
    return np.clip((past - HAIR_ON) / (HAIR_END - HAIR_ON), 0, 1)[None, :, None]


def _block(column: np.ndarray, wall: np.ndarray, count: int, face_px: float) -> np.ndarray:
    """(H, count, 3) uint8, nearest the photo first: `column` ((H, 3) uint8) carried on out `count` columns
    (`cut_neck.carried_on`), fading into `wall` ((H, 3) float32) carried alike (`_fade`; `face_px` px)."""
    hair = carried_on(column, count).transpose(1, 0, 2).astype(np.float32)
    back = carried_on(np.clip(np.rint(wall), 0, 255).astype(np.uint8), count).transpose(1, 0, 2).astype(np.float32)
    return np.clip(np.rint(hair + _fade(count, face_px) * (back - hair)), 0, 255).astype(np.uint8)


def _grained(block: np.ndarray, inside: np.ndarray, head: np.ndarray, face_px: float) -> np.ndarray:
    """(H, n, 3) uint8: `block` ((H, n, 3) uint8, nearest the photo first, `_block`) with the grain of `inside`
    ((H, w, 3) uint8, the photo's columns from the cut side in; `_grain`) as far as it is hair: the head's alpha on
    the cut column (`head` (H,) float32; not a wall's lettering or a curtain's folds) and `_fade`."""
    count = block.shape[1]
    grain = _grain(inside, count, face_px) * (1 - _fade(count, face_px)) * head[:, None, None]
    return np.clip(np.rint(block + grain), 0, 255).astype(np.uint8)


def side_blocks(source: np.ndarray, landmarks: np.ndarray, options: MeshOptions, columns: tuple[int, int]
                ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """(plain, grained), each ((H, left, 3), (H, right, 3)) uint8, left block outermost first: what `cut_neck.Extended`
    lays beside `source` ((H, W, 3) uint8 RGB) for the face of (478, 3) px `landmarks` widened by `columns` (left,
    right; `columns_beside`). plain: the side column carried on into the wall (`_block`; the head's masks are found
    on it: on the grained one the segmentation took more of the block for the head and the plate's fill of its hole
    drew a light line of wall at the frame's edge); grained: with the photo's hair grain carried on (`_grained`),
    drawn."""
    empty = np.zeros((source.shape[0], 0, 3), np.uint8)
    if not any(columns):
        return (empty, empty), (empty, empty)
    (walls, heads), face_px = _walls(source, landmarks, options), face_size(landmarks)
    plain, grained = [empty, empty], [empty, empty]
    for side, (count, image) in enumerate(zip(columns, (source, source[:, ::-1]))):
        if count:  # nearest the photo first; the left block flipped to outermost first
            flip = slice(None, None, -1 if side == 0 else 1)
            block = _block(image[:, 0], walls[:, side], count, face_px)
            plain[side] = block[:, flip]
            grained[side] = _grained(block, image, heads[:, side], face_px)[:, flip]
    return (plain[0], plain[1]), (grained[0], grained[1])
