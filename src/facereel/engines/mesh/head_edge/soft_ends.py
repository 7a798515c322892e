"""Soft ends: the moved head layer's hair faded out where the warp cuts it over the plate (issue #9).

Where the driver's head moves far, the head layer ends inside the hair at the edge of the triangles that move
with it: below that edge the map jumps back to the still background, and the hair showed a hard straight or
ragged lower end the photo has not got (lp_s1 x lp_d12 frame 178: the left hair cut horizontally over the
wall, the right hair diagonally over the collar; `figures.hard_ends` reads it). Here, along such a cut (a
jump of the map between a pixel whose drawn head alpha is at least `_HIGH` and the one below it, under
`_LOW`), the drawn head layer fades to nothing over `REACH` face sizes, on the pixels drawn from the hair
beside the face (below the photo's eyes: not a hat's or the crown's edge, grace_hopper's cap on a turn; outside
its face oval and what else of the photo the face mesh covers, a turned photo's nose tip (`mesh_cover`), grown by
`_OVAL_GROW` face sizes: the jaw's outline is left as drawn; not the neck the head layer carries with body following,
`NECK`).
"""

from __future__ import annotations

import functools
import math

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, fill_convex, padded_box, polygon_mask
from facereel.engines.mesh.draw_kernels import cut_steps
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.geometry.mesh_topology import face_triangles
from facereel.face import landmark_ids as ids

REACH = 0.07
"""Face sizes: a cut hair end fades over this far from the cut."""
_HIGH = 0.5  # drawn head alpha above the cut
_LOW = 0.1  # drawn head alpha below it
_SKIP = 0.2  # face sizes: the source positions of the two pixels at least this far apart
_PAST = 0.05  # face sizes: the photo's head alpha this far below the drawn end's source is still `_HIGH` at a cut
_OVAL_GROW = 0.03  # face sizes: the photo's face oval grown by this is never faded
_SOFT_HAIR = 0.02  # face sizes: `SoftEnds.soft_hair`'s blur (its half width)
NECK = 0.5
"""Share of the carried neck (`HeadMask.carried_neck`) at or over which a pixel is neck, not hair beside the face: with
body following the head layer holds the neck below the jaw line, outside the face oval and below the eyes as hanging
hair is; where the moved head's rings end the map cuts that neck, and its cut was carried down as hair (lp_s3 at 384
`--body` x lp_d12 140-180 frames 29-30: a pale block with a straight top and side over the dress beside the neck,
`figures.skin_on_dress`)."""


def mesh_cover(landmarks: np.ndarray, origin: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(h, w) bool: the crop's (`shape` at `origin` px) pixels the photo's face mesh covers (`face_triangles` on
    (478, 2+) image px `landmarks`): the face oval and, on a turned photo, the nose tip standing out past the far
    cheek's outline (sr_8 at 512: source x 216-221 by her nose tip, 0-2 px past the oval; read as hair hanging beside
    the face, the map's cut under the nose tip on preset:turn 4-7 was carried down 0.5 face sizes as a straight-edged
    strip of the far cheek, `figures.far_shard`)."""
    cover = np.zeros(shape, np.uint8)
    for corners in landmarks[face_triangles(), :2] - origin:
        fill_convex(cover, corners, 1)
    return cover > 0


class SoftEnds:
    """The photo's hair hanging beside the face (below the eyes, outside the face mesh's cover) in a crop and the
    fade's reach, made once per source.

    landmarks: (478, 2+) image px; origin: (2,) px, the crop's top-left; shape: the crop's (h, w);
    face_px: the face size, px; neck: (h, w) float32 in [0, 1], the neck the head layer carries
    (`HeadMask.carried_neck`, body following), never hair (`NECK`); None: none."""

    def __init__(self, landmarks: np.ndarray, origin: np.ndarray, shape: tuple[int, int], face_px: float,
                 neck: np.ndarray | None = None) -> None:
        oval = (polygon_mask([landmarks[list(ids.FACE_OVAL), :2]], shape, tuple(origin)) > 0.5) | mesh_cover(
            landmarks, origin, shape)
        face = cv2.dilate(oval.astype(np.uint8), disc_kernel(max(1, round(_OVAL_GROW * face_px))))
        hair = 1 - face
        if neck is not None:
            hair[neck >= NECK] = 0
        eyes = float(landmarks[[ids.RIGHT_PUPIL, ids.LEFT_PUPIL], 1].mean() - origin[1])
        hair[:max(0, math.ceil(eyes))] = 0  # a hat's or the crown's edge over the wall is no hanging end
        self.hair = hair.astype(np.float32)  # (h, w) float32: 1 below the eyes outside the grown face cover
        self.face_px = face_px  # px
        self.reach = max(1.0, REACH * face_px)  # px
        self.past = max(1.0, _PAST * face_px)  # px
        self.skip = max(2.0, _SKIP * face_px)  # px
        self._fringe: np.ndarray | None = None

    @functools.cached_property
    def soft_hair(self) -> np.ndarray:
        """(h, w) float32: `hair` blurred by `_SOFT_HAIR` face sizes (`carried_ends` reads it; made on first use,
        so an engine that fades without carrying never blurs it)."""
        soft = 2 * max(1, round(_SOFT_HAIR * self.face_px)) + 1
        return cv2.GaussianBlur(self.hair, (soft, soft), 0)

    def fringe(self, photo: np.ndarray, width: float) -> np.ndarray:
        """(h, w) bool: the pixels of the crop within `width` face sizes of the outline of the photo's head layer
        (`photo` (h, w) float32, its alpha on the crop; drawn where at least `_LOW`), either side of it, on the hair
        beside the face (`hair`); made on the first call (one layer per source; `carried_ends` reads it)."""
        if self._fringe is None:
            drawn = (photo >= _LOW).astype(np.uint8)
            inside = cv2.distanceTransform(np.pad(drawn, 1, constant_values=1), cv2.DIST_L2, 3)[1:-1, 1:-1]
            outside = cv2.distanceTransform(np.pad(1 - drawn, 1, constant_values=1), cv2.DIST_L2, 3)[1:-1, 1:-1]
            near = np.where(drawn > 0, inside, outside) <= max(1.0, width * self.face_px)
            self._fringe = near & (self.hair > 0)
        return self._fringe

    def cuts(self, alpha: np.ndarray, maps: np.ndarray, photo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns (K,) int of the cut lower ends of a drawn head `alpha` ((b, a) float32 on a box;
        `maps` (b, a, 2) float32, each pixel's source position, crop px; `photo` (h, w) float32, the head
        layer's own alpha on the crop): a pixel whose alpha is at least `_HIGH` above one under `_LOW`, their
        source positions more than `_SKIP` face sizes apart (the map jumps across the photo there: a moved head's
        cut, lp_s1 x lp_d12's 0.28-0.39 face sizes; not the squeeze beside a dropped jaw, lp_s1's hair tip on a
        laugh, 0.09-0.12, which faded into a grey notch), where the photo's head goes on below the upper one's source position (its alpha
        `_PAST` face sizes straight down at least `_HIGH`; where the photo's hair ends by itself, lp_s5's beside
        her cheeks on a laugh, the end is its own, not a cut). Read before the jumps' pixels are anti-aliased
        (`edge_coverage.cover_jumps`), so that leaves them where they were."""
        ys, xs = cut_steps(alpha, np.float32(_HIGH), np.float32(_LOW))
        if not len(ys):
            return ys, xs
        skip = maps[ys + 1, xs] - maps[ys, xs]
        far = skip[:, 0] ** 2 + skip[:, 1] ** 2 > self.skip ** 2
        ys, xs = ys[far], xs[far]
        h, w = photo.shape
        below = maps[ys, xs] + np.float32([0.0, self.past])
        col = np.clip(np.rint(below[:, 0]), 0, w - 1).astype(np.intp)
        row = np.clip(np.rint(below[:, 1]), 0, h - 1).astype(np.intp)
        goes_on = photo[row, col] >= _HIGH
        return ys[goes_on], xs[goes_on]

    def soften(self, head: np.ndarray, maps: np.ndarray, cuts: tuple[np.ndarray, np.ndarray]) -> None:
        """Fade `head` ((b, a, 4) float32, premultiplied colour and alpha drawn on a box; `maps` (b, a, 2)
        float32, each pixel's source position, crop px) in place to nothing at its `cuts` (rows, columns,
        `SoftEnds.cuts`), over `REACH` face sizes, where it is drawn from the hair."""
        ys, xs = cuts
        if not len(ys):
            return
        box = padded_box(ys, xs, math.ceil(self.reach), head.shape)
        free = np.ones((box[0].stop - box[0].start, box[1].stop - box[1].start), np.uint8)
        free[ys - box[0].start, xs - box[1].start] = 0
        fade = smoothstep(0.0, self.reach, cv2.distanceTransform(free, cv2.DIST_L2, 3))
        hair = cv2.remap(self.hair, np.ascontiguousarray(maps[box]), None, cv2.INTER_NEAREST, borderValue=0.0)
        head[box] *= (1 - (1 - fade) * hair)[..., None].astype(np.float32)
