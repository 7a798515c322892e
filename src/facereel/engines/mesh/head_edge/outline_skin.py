"""The photo's partly transparent face outline drawn as skin once the frame moves it (sr_18 x preset:turn).

Below the eyes the outline's edge pixels (head alpha under `unfolded_fill.OPAQUE`) carry the photo's edge
unmixed from the plate behind it: on sr_18's far cheek that colour is grey (the light streak beside the cheek,
which the segmentation took for head) and along his far jaw dark (the jacket behind it). At rest the layer over
its own plate gives the photo back; moved, the frame lays that edge inside the head (between the cheek and the ear
at ear level, frames 8-15) or over the neck (frame 13's dark crease under the jaw), where it showed as a grey
streak or a dark line. `OutlineSkin` gives those pixels on the far side of a turned photo (`TURNED`) the colour of
the nearest opaque skin of the photo's face oval (`unfolded_fill.SkinEdge`), blurred over the band and grained with
the skin's own grain (`outline_grain.grained_skin`: not one colour along the rows), at their own alpha, where the
map moves them (fading in over `MOVE_PX`) and where other head surface or the neck lies round the pixel (the drawn
alpha closed over the band's reach); a map that stays the identity draws the photo exactly. On frontal photos it stays
off: their soft chin and jaw edge over the neck drawn as skin read harder (lp_s5 x lp_d18, `figures.chin_edge`)
and as a second chin (lp_s0 x preset:turn, `figures.chin_ghost` 5.11 -> 5.68).

Beside a turned photo's far cheek the head mask can hold the background opaque beyond the face's colour edge (sr_8:
3-5 px of dark teal at alpha 1, the face oval's landmarks 16-19 px inside that edge). That rim (`far_rim`) is the
outline's edge too: its share of the layer's alpha counts as the background's, so a frame that moves it inside the
head draws it as skin, opaque (sr_8 x lp_d12 frames 33-49: the dark dots and creases along the unfolding cheek).
The mask can hold a light background there too (`far_wall`: sr_18's grey streak below his far ear, opaque over 10-15
px beyond the cheek's colour edge, off the skin side): moved inside the head it is drawn as skin likewise, and where
the frame lays it on the head's outer silhouette (not enclosed by the head's own surface) it is drawn transparent, its
alpha being the background's (sr_18 x preset:turn 24: carried and stretched ~2x, a grey strip 20-25 px wide inside the
cheek's outline below the ear, where the plate beside it is dark). The plate under it carries the held light on
under the head (`plate_fill.held_light`): where the frame moves the head a little (sr_18 x lp_d3 284-308 frames 10-22)
the transparent rim shows grey beside the photo's own grey, not the hole's near-black fill (a dark notch). Where
the plate carries none (no held core: sr_18 at 512 px) the light is not part of the rim at all (a dark bite).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.draw_kernels import disc_close
from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_edge.outline_grain import grained_skin
from facereel.engines.mesh.head_edge.unfolded_fill import OPAQUE, SkinEdge
from facereel.engines.mesh.head_mask.jaw_edge import BACKGROUND_DELTA
from facereel.engines.mesh.plate_fill.plate import nearest_pixels
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
RIM_DARK = 0.6
"""Of the lightest Lab lightness within `RIM_REACH` face sizes: under it a pixel at the far cheek's mask edge is
background (`far_rim`; sr_8's dark teal rim 12-14 of 100 and its blend into the skin 24, beside the lit cheek's 45)."""
RIM_CLOSE = 0.015
"""Face sizes: the radius over which the head round a pixel that reads the rim is closed: a rim read enclosed by
the head's own surface within it is inside (sr_8's dots and creases 1-3 px wide at face size 186 px; wider, the
rim at a concave silhouette was filled too: skin-coloured steps and spurs on sr_8's jaw and sr_18's ear)."""
RIM_BELOW_EYES = 0.05
"""Face sizes below the pupils' row where `far_rim` starts (at the eyes' row sr_18's dark hair between his far ear's
top and the blurred face behind him was drawn as skin spurs)."""
OUTSIDE = 0.05
"""Head alpha under which a pixel is the background beyond the mask (`far_rim`'s colour reference)."""
RIM_BLEND = 2
"""px: the rim's dark pixels this close to its background-coloured ones count too (sr_8's blend into the skin)."""
WALL_LIGHT = 0.5
"""Of the skin side's median Lab lightness: from it a held background pixel off the skin is light (`far_wall`; sr_18's
grey streak 0.82, lp_s12's grey-blue wall 0.94 of their skins'). sr_4's held dark hair beside the far temple (0.2) is
left as it was: drawn transparent, the plate's fill showed a straight-edged red-brown patch there (preset:turn
72-80)."""
WALL_BLEND = 4
"""px: the held rim's pixels this close to its light background (`far_wall`) are drawn transparent off the head's
surface with it (sr_18's blend of the grey streak into the dark gap below his far ear, 3-4 px: at `RIM_BLEND` a
mauve-grey fleck was left at the strip's top, preset:turn 24)."""
RIM_REACH = 0.04
"""Face sizes from the head mask's outside (alpha < 0.5) over which its dark pixels beside the far cheek are the
background it holds (`far_rim`; sr_8's rim and its blend into the skin 4-6 px, 0.02-0.03 face sizes)."""


def turned(source_yaw: float) -> bool:
    """Whether a photo with yaw `source_yaw` (deg from frontal) is turned enough for `OutlineSkin`."""
    return abs(source_yaw) >= TURNED


def far_side(landmarks: np.ndarray) -> int:
    """+1 when the photo's nose tip lies right of its face oval's middle (the far side is the right), else -1;
    landmarks (478, 2+) px."""
    oval = np.asarray(landmarks)[list(ids.FACE_OVAL), 0]
    return 1 if float(landmarks[ids.NOSE_TIP, 0]) > 0.5 * float(oval.min() + oval.max()) else -1


def beyond_chin(landmarks: np.ndarray, origin: np.ndarray, w: int) -> np.ndarray:
    """(w,) bool: the columns of a crop `w` px wide at `origin` (2,) px that lie beyond the chin on the photo's far
    side (`far_side`; landmarks (478, 2+) image px)."""
    return far_side(landmarks) * (np.arange(w) - float(landmarks[ids.CHIN, 0] - origin[0])) > 0


class RimReads(NamedTuple):
    """What `far_rim`, `far_eye_corner` and `OutlineSkin` read of the photo's crop, computed once per source."""

    share: np.ndarray
    """(h, w) float32: each crop pixel's Lab lightness (`SkinEdge.colours`) over the lightest within `RIM_REACH` face
    sizes."""
    inside: np.ndarray
    """(h, w) float32 px: each pixel's distance to the head mask's outside (head alpha under 0.5)."""


def rim_reads(edge: SkinEdge, alpha: np.ndarray, face_px: float) -> RimReads:
    """`RimReads` of the photo's skin side `edge` and the crop's head alpha ((h, w) float32); face_px px."""
    reach = max(1, round(RIM_REACH * face_px))
    lightness = edge.colours.lab[..., 0]
    around = cv2.dilate(lightness, disc_kernel(reach))
    inside = cv2.distanceTransform((alpha >= 0.5).astype(np.uint8), cv2.DIST_L2, 3)
    return RimReads(lightness / np.maximum(around, 1e-3), inside)


def far_rim(edge: SkinEdge, alpha: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float,
             oval: np.ndarray, reads: RimReads) -> np.ndarray:
    """(h, w) bool: the dark background the head mask holds beside the photo's far cheek, beyond the face's colour
    edge: pixels darker than `RIM_DARK` of the lightest pixel within `RIM_REACH` (`held_background`). Arguments as
    `held_background`'s."""
    return held_background(reads.share < RIM_DARK, edge, alpha, landmarks, origin, face_px, oval, reads)


def far_wall(edge: SkinEdge, alpha: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float,
             oval: np.ndarray, reads: RimReads) -> np.ndarray:
    """(h, w) bool: the light background the head mask holds there (module docstring): pixels off the photo's skin
    side (`edge.side`: not skin-coloured), not darker than `RIM_DARK` of the lightest within `RIM_REACH` (those are
    `far_rim`'s) and at least `WALL_LIGHT` of the skin side's median lightness (`held_background`). Arguments as
    `held_background`'s."""
    lightness = edge.colours.lab[..., 0]
    if not edge.side.any():
        return np.zeros(alpha.shape, bool)
    light = lightness >= WALL_LIGHT * float(np.median(lightness[edge.side]))
    return held_background(~edge.side & (reads.share >= RIM_DARK) & light, edge, alpha, landmarks, origin, face_px,
                           oval, reads)


def held_background(candidate: np.ndarray, edge: SkinEdge, alpha: np.ndarray, landmarks: np.ndarray,
                    origin: np.ndarray, face_px: float, oval: np.ndarray, reads: RimReads, rows: bool = True
                    ) -> np.ndarray:
    """(h, w) bool: the `candidate` pixels ((h, w) bool) that are the background the head mask holds beside the
    photo's far cheek: with head alpha > 0, within `RIM_REACH` face sizes of the mask's outside, outside the face oval
    (oval: (h, w) uint8, 1 inside) on the far side, between the pupils' row and the mouth corners' (rows: False, on
    every row), the background's own colour (within `BACKGROUND_DELTA` of the nearest pixel outside the mask) or within
    `RIM_BLEND` px of such. edge: the photo's skin side (`SkinEdge`); alpha: (h, w) float32 head alpha of the crop at
    `origin` (2,) px; landmarks (478, 2+) image px; face_px px; reads: `rim_reads` of `edge` and `alpha`."""
    w = alpha.shape[1]
    reach = max(1, round(RIM_REACH * face_px))
    rim = candidate & (alpha > 0) & (reads.inside <= reach) & (oval == 0)
    # The background's own colour: that of the nearest pixel outside the mask, within `BACKGROUND_DELTA`; and the
    # dark blend into the skin beside it (`RIM_BLEND` px).
    outside = nearest_pixels(alpha < OUTSIDE)[1]
    lab = edge.colours.lab.reshape(-1, 3)
    ys, xs = np.nonzero(rim)
    core = np.zeros_like(rim)
    core[ys, xs] = np.linalg.norm(lab[ys * w + xs] - lab[outside[ys, xs]], axis=1) < BACKGROUND_DELTA
    rim &= cv2.dilate(core.astype(np.uint8), disc_kernel(RIM_BLEND)) > 0
    top = int(np.ceil(landmarks[[ids.LEFT_PUPIL, ids.RIGHT_PUPIL], 1].mean() + RIM_BELOW_EYES * face_px - origin[1]))
    bottom = int(np.ceil(landmarks[list(ids.MOUTH_CORNERS), 1].max() - origin[1]))
    if rows:
        rim[:max(0, top)] = False
        rim[max(0, bottom):] = False
    rim &= beyond_chin(landmarks, origin, w)[None, :]
    return rim


def held_beyond_rim(rim: np.ndarray, edge: SkinEdge, alpha: np.ndarray, landmarks: np.ndarray, origin: np.ndarray,
                    face_px: float, oval: np.ndarray, reads: RimReads) -> np.ndarray | None:
    """(h, w) float32: the head `alpha` ((h, w) float32) of the dark background the mask holds beside the far cheek
    above and below the `rim`'s rows ((h, w) bool, `far_rim`): not drawn as skin, but not the head's own surface
    either when `OutlineSkin.apply` reads whether a rim pixel is enclosed (counted so, the rim's first and last rows
    read as enclosed and were drawn as skin: sr_4 `--body` at 640 x lp_d3 310-350, a skin fleck out of the far jaw's
    outline on the dark door at the mouth corners' row and a step at the temple, `figures.outline_kinks`); None
    where there is none. Arguments as `held_background`'s."""
    held = held_background(reads.share < RIM_DARK, edge, alpha, landmarks, origin, face_px, oval, reads, rows=False)
    held &= ~rim
    return np.where(held, alpha, 0).astype(np.float32) if held.any() else None


CORNER_REACH = 0.05
"""Face sizes from the far eye's outer corner landmark within which its dark pixels off the lids are its flick
(`far_eye_corner`; sr_8's 5-8 px at face size 186 px)."""
CORNER_CLOSE = 0.05
"""Face sizes: the radius over which the head round a read of the eye corner's flick is closed (`RIM_CLOSE`'s for
the corner: the unfolding ring spreads the 2-4 px flick over 4-7 px, which the rim's 3 px closing left half
enclosed, a flat dark disc; deep inside the head there is no silhouette to grow spurs on)."""
CORNER_TURNED = 25.0
"""Deg: the photo's own yaw from which `OutlineSkin` draws its far eye's corner flick as skin (sr_8 34: the ring round
the eye unfolds it into specks). lp_s12 (10.5) keeps hers: her painted dark outer corner reads as a flick too, and
drawn as skin it was cut off, a light patch where it narrows (preset:turn 22-44)."""
CORNER_DARK = 0.3
"""Of the lightest Lab lightness within `RIM_REACH`: under it a pixel by the far eye's outer corner is its flick's
core (`far_eye_corner`; sr_8's near-black flick 0.07-0.29, its blend into the skin up to 0.6; sr_18's brown lid line
past its corner 0.33-0.59, which its turn does not spread into specks, is kept)."""
CORNER_INSIDE = 0.015
"""Face sizes inward of the outer corner landmark's column up to which `far_eye_corner` reads (sr_8's flick 2 px
past it; further in, the upper lid's own lashes, which the eye drawing carries)."""


def far_eye(landmarks: np.ndarray, side: int, shape: tuple[int, int], origin: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """The eye on `side` (+1: the right of the image, -1: the left): its outer corner landmark ((2,) float64 px in
    the box of `shape` (h, w) at `origin` (2,) px: the corner on `side`) and its lids' polygon ((h, w) uint8, 1
    inside). landmarks: (478, 2+) image px."""
    corners, upper, lower = ((ids.RIGHT_EYE_CORNERS, ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID) if side < 0 else
                             (ids.LEFT_EYE_CORNERS, ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID))
    outer = max(corners, key=lambda k: side * float(landmarks[k, 0]))
    inner = next(k for k in corners if k != outer)
    lids = np.zeros(shape, np.uint8)
    contour = [outer, *upper, inner, *reversed(lower)]
    cv2.fillPoly(lids, [np.round(landmarks[contour, :2] - origin).astype(np.int32)], 1)
    return np.asarray(landmarks[outer, :2], np.float64) - origin, lids


def far_eye_corner(reads: RimReads, alpha: np.ndarray, landmarks: np.ndarray, origin: np.ndarray,
                   face_px: float) -> np.ndarray:
    """(h, w) bool: the far eye's dark outer corner past its lids' landmarks (module docstring): pixels darker than
    `CORNER_DARK` of the lightest within `RIM_REACH` face sizes and their blend (`RIM_DARK`, within `RIM_BLEND` px),
    opaque (head alpha >= `OPAQUE`), outside the far eye's lid polygon, within `CORNER_REACH` face sizes of its outer
    corner landmark and at most `CORNER_INSIDE` inward of that landmark's column, further than `RIM_REACH` from the
    mask's outside (the rim's reach, `far_rim`). alpha: (h, w) float32 head alpha of the crop at `origin` (2,) px;
    landmarks (478, 2+) image px; face_px px; reads: the photo's `rim_reads` with `alpha`."""
    h, w = alpha.shape
    side = far_side(landmarks)
    corner, lids = far_eye(landmarks, side, (h, w), origin)
    ys, xs = np.mgrid[0:h, 0:w]
    near = np.hypot(xs - corner[0], ys - corner[1]) <= CORNER_REACH * face_px
    beyond = side * (xs - corner[0]) >= -CORNER_INSIDE * face_px
    inside = reads.inside > max(1, round(RIM_REACH * face_px))  # off the rim's reach: not the silhouette
    flick = near & beyond & inside & (lids == 0) & (alpha >= OPAQUE) & (reads.share < RIM_DARK)
    core = (flick & (reads.share < CORNER_DARK)).astype(np.uint8)
    return flick & (cv2.dilate(core, disc_kernel(RIM_BLEND)) > 0)


@functools.cache
def disc_spans(k: int) -> np.ndarray:
    """(2k + 1,) int64: the half-width in px of each row of OpenCV's ellipse of radius `k` px
    (`composite.disc_kernel(k)`, whose rows are centred spans)."""
    return disc_kernel(k).sum(1).astype(np.int64) // 2


def out_of_range(layer: np.ndarray) -> np.ndarray:
    """(n, 3) bool: the colour channels of `layer` ((n, 4) float32, premultiplied colour and alpha) outside what
    its alpha carries, [0, 255 alpha]: an edge unmixed against the plate's fill, which the frame's earlier steps
    bound (`layers.outline_rim`) or regrain (`far_grain`). `OutlineSkin.apply` draws those towards the skin from
    what the pixel holds: skin - layer added back the bound-off background, a light grey-blue stroke on the jaw
    (lp_s12 512 x preset:turn 36-43, its edge unmixed below 0 against the wall's fill; `figures/cool_on_face`)."""
    return (layer[:, :3] < 0) | (layer[:, :3] > 255 * layer[:, 3:])


class OutlineSkin:
    """The outline's edge pixels and the premultiplied colour that turns each into skin (`grained_skin`): `target`.

    crop: (h, w, 3) uint8 RGB at `origin` (2,) px; landmarks: (478, 2+) image px; face_px: the face size, px;
    alpha: (h, w) float32 head alpha of the crop; head: (h, w, 4) float32, the head layer's premultiplied colour
    and alpha; edge: the photo's skin side (`SkinEdge`); source_yaw: the photo's yaw, deg (the eye corner's flick
    from `CORNER_TURNED`); light_carried: whether the plate carries the held light on under the head
    (`plate_fill.held_light`): only then is the light background held (`far_wall`) part of the rim (without it the
    transparent rim showed the hole's dark fill: a ragged dark bite beside sr_18's cheek at 512 px, where his held
    grey has no core to carry, x lp_d3 / sr_1 / preset:turn; h32-look2)."""

    def __init__(self, crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float,
                 alpha: np.ndarray, head: np.ndarray, edge: SkinEdge, source_yaw: float,
                 light_carried: bool) -> None:
        h, w = alpha.shape
        oval = face_oval((h, w), landmarks, origin)[0]
        cheek, jaw = (max(1, round(r * face_px)) for r in REACH)
        self.reach = jaw  # px
        near = cv2.dilate(oval, disc_kernel(jaw)) > 0
        mouth = int(np.ceil(landmarks[list(ids.MOUTH_CORNERS), 1].mean() - origin[1]))
        reach = np.full((h, 1), cheek, np.float32)
        reach[max(0, mouth):] = jaw
        band = near & (alpha > 0) & (alpha < OPAQUE) & (edge.distance <= reach)
        band &= oval.ravel()[edge.nearest] > 0  # the face's own edge, not the ear's (its rim beside the streak)
        # The photo's far side only (beyond the chin): the side whose silhouette a turn back moves inside.
        band &= beyond_chin(landmarks, origin, w)[None, :]
        reads = rim_reads(edge, alpha, face_px)
        corner = (far_eye_corner(reads, alpha, landmarks, origin, face_px) if abs(source_yaw) >= CORNER_TURNED
                  else np.zeros((h, w), bool))
        wall = (far_wall(edge, alpha, landmarks, origin, face_px, oval, reads) if light_carried
                else np.zeros((h, w), bool))
        rim = far_rim(edge, alpha, landmarks, origin, face_px, oval, reads) | corner | wall
        self.rim_close = max(1, round(RIM_CLOSE * face_px))  # px
        self.corner_close = max(1, round(CORNER_CLOSE * face_px))  # px
        # (h, w) float32: 1 on the eye corner's flick (`far_eye_corner`, part of the rim), or None without one
        self.corner = corner.astype(np.float32) if corner.any() else None
        band |= rim
        self.band = band  # (h, w) bool
        # (h, w) float32: the share of the head alpha that is the background the mask holds (on the rim)
        self.rim_alpha = np.where(rim, alpha, 0).astype(np.float32)
        # (h, w) float32: the held dark background's alpha beyond the rim's rows, or None (`held_beyond_rim`)
        self.held_alpha = held_beyond_rim(rim, edge, alpha, landmarks, origin, face_px, oval, reads)
        # (h, w) float32: that share on the light background (`far_wall`), drawn transparent off the head's surface,
        # or None without it
        wall = rim & (cv2.dilate(wall.astype(np.uint8), disc_kernel(WALL_BLEND)) > 0)  # with the dark rim's blend
        self.wall_alpha = np.where(wall, alpha, 0).astype(np.float32) if wall.any() else None
        # (h, w) bool: the pixels a bilinear sample of the band reads from (the band grown by 1 px)
        self._reads = cv2.dilate(band.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        # The rim's nearest skin off the rim, the eye corner's nearest lit skin (the band's as the skin side gives it)
        nearest = np.where(rim, nearest_pixels(edge.side & ~rim)[1], edge.nearest) if rim.any() else edge.nearest
        if corner.any():
            lit = edge.side & (reads.share >= RIM_DARK)
            nearest = np.where(corner, nearest_pixels(lit)[1], nearest)
        # The skin at the pixel's own alpha; on the rim, opaque (the rim's alpha is the background's).
        drawn = np.where(rim[band], 1.0, alpha[band]).astype(np.float32)
        skin = grained_skin(crop, band, nearest, edge.side & ~rim, face_px) * drawn[:, None]
        # (h, w, 4) float32: the premultiplied skin and its alpha on `band`, the layer itself off it (a sample across
        # the band's edge reads the layer's share as it is)
        self.target = head.copy()
        self.target[band] = np.column_stack([skin, drawn])
        self.layer = head  # (h, w, 4) float32, the layer's own premultiplied colour and alpha (read, not written)

    def apply(self, head: np.ndarray, maps: np.ndarray, grid: np.ndarray, support: np.ndarray) -> None:
        """Takes in place `head` ((b, a, 4) float32, the layer remapped by `maps` (b, a, 2) float32 crop px, as the
        frame's earlier steps left it) towards the skin's `target` where the sample reads the band, weighted by the
        map's displacement from `grid` ((b, a, 2) float32, each pixel's own position) through `MOVE_PX` and by how
        far the pixel lies inside:
        `support` ((b, a) float32 in [0, 1], the drawn head alpha, 1 where the neck shows) closed over the
        band's reach, above the pixel's own alpha (0 on the head's outer silhouette, 1 where opaque head or
        neck surrounds it). Off the head's own surface the light background's share (`wall_alpha`) is taken out of
        the pixel, likewise weighted: drawn transparent."""
        h, w = self.band.shape
        at = np.rint(maps).astype(np.intp)  # clamped in place: np.clip's copy cost ~35 ms a frame at 1280x720 (sr_8)
        np.minimum(np.maximum(at, 0, out=at), np.array([w - 1, h - 1]), out=at)
        rows, cols = np.nonzero(self._reads[at[..., 1], at[..., 0]])
        if not len(rows):
            return
        moved = np.linalg.norm(maps[rows, cols] - grid[rows, cols], axis=1)
        weight = np.clip((moved - MOVE_PX[0]) / (MOVE_PX[1] - MOVE_PX[0]), 0, 1)
        if not weight.any():
            return
        src = maps[rows, cols]
        sx, sy = src[:, None, 0].copy(), src[:, None, 1].copy()
        rim = cv2.remap(self.rim_alpha, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)[:, 0]
        closed = self._closed(support, rows, cols, self.reach)
        if rim.any():  # the rim is drawn as skin inside the head's own surface only (not beside it over the neck)
            own_alpha = head[..., 3].copy()
            if self.held_alpha is not None:
                self._less_held(own_alpha, maps, rows, cols)
            own_alpha[rows, cols] = np.maximum(own_alpha[rows, cols] - rim, 0)
            enclosed = self._closed(own_alpha, rows, cols, self.rim_close)
            if self.corner is not None:
                corner = cv2.remap(self.corner, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)[:, 0]
                if corner.any():
                    wide = self._closed(own_alpha, rows, cols, self.corner_close)
                    enclosed = np.where(corner > 0, wide, enclosed)
            # half enclosed is the silhouette's anti-aliased edge beside it, not surface round it: not inside
            closed = np.where(rim > 0, np.clip(2 * enclosed - 1, 0, 1), closed)
        drawn = head[rows, cols]
        own = drawn[:, 3] - rim
        inside = np.clip((closed - own) / np.maximum(1 - own, 1e-3), 0, 1)
        target = cv2.remap(self.target, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)[:, 0]
        layer = cv2.remap(self.layer, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)[:, 0]
        # By skin - layer (the earlier steps' changes kept: the seam's supersampling, the regrain), but from what the
        # pixel holds in a colour the layer unmixed out of range (`out_of_range`)
        change = (weight * inside)[:, None] * (target - layer)
        change[:, :3] += np.where(out_of_range(layer), (weight * inside)[:, None] * (layer[:, :3] - drawn[:, :3]), 0)
        if self.wall_alpha is not None:  # the light background's share off the head's surface: transparent
            wall = cv2.remap(self.wall_alpha, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)[:, 0]
            cut = weight * (1 - inside) * np.clip(wall / np.maximum(drawn[:, 3], 1e-3), 0, 1)
            change -= cut[:, None] * drawn
        head[rows, cols] = drawn + change

    def _less_held(self, own_alpha: np.ndarray, maps: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> None:
        """Takes in place out of `own_alpha` ((b, a) float32, the remapped head alpha) the held background beyond the
        rim's rows (`held_alpha`) as `maps` ((b, a, 2) float32 crop px) reads it, on the box the enclosure reads round
        the pixels `rows`, `cols` (grown by the larger closing radius)."""
        k = max(self.rim_close, self.corner_close if self.corner is not None else 0)
        b, a = own_alpha.shape
        y0, y1 = max(0, rows.min() - k), min(b, rows.max() + 1 + k)
        x0, x1 = max(0, cols.min() - k), min(a, cols.max() + 1 + k)
        box = maps[y0:y1, x0:x1]
        held = cv2.remap(self.held_alpha, np.ascontiguousarray(box[..., 0]), np.ascontiguousarray(box[..., 1]),
                         cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        np.maximum(own_alpha[y0:y1, x0:x1] - held, 0, out=own_alpha[y0:y1, x0:x1])

    @staticmethod
    def _closed(support: np.ndarray, rows: np.ndarray, cols: np.ndarray, k: int) -> np.ndarray:
        """(n,) float32: `support` ((b, a) float32) closed over a disc of radius `k` px, at the pixels `rows`,
        `cols`: `cv2.morphologyEx(MORPH_CLOSE)` with the ellipse of `disc_spans` on the points' box grown by k
        and edge-padded by k, as `draw_kernels.disc_close` computes it on that box only."""
        b, a = support.shape
        bounds = np.array([max(0, rows.min() - k), min(b, rows.max() + 1 + k),
                           max(0, cols.min() - k), min(a, cols.max() + 1 + k)])
        return disc_close(support, rows, cols, disc_spans(k), bounds)
