"""Figures for artefacts of big turns that the warp health does not see, read from a rendered frame.

- **Dark lines** (`ArtefactScores.dark_lines`): slashes across the skin, e.g. a turned portrait's
  far-cheek silhouette (the dark edge against the background) drawn inside the face when it is turned
  back. The share of the face's skin pixels (the face mesh's triangles away from the eyes, brows, nose
  and lips and not touching the face's outline, where hairline and silhouette are dark edges of their
  own) whose morphological black-hat (closing minus image, grey levels, kernel `LINE_WIDTH` face sizes)
  exceeds `LINE_CONTRAST` grey levels.
- **Hair streaks** (`ArtefactScores.hair_streaks`): hair drawn out into streaks beside a turning face:
  the share of the head layer's samples outside the face mesh (hair, ears) whose local warp folds or
  stretches more than `STREAK_STRETCH` (the warp health counts only > 4x).
- **Hair creases** (`ArtefactScores.hair_creases`): a hard Z-shaped crease through the hair, where the
  rings of mesh points round the face are drawn as a zigzag (the stretch limit moving neighbouring points
  of a ring unevenly): the largest change of a ring's turning angle (degrees) from the source's, over the
  ring points on the head (head alpha >= 0.5) that move rigidly with it. The source repeated scores 0.
- **Plate halo** (`ArtefactScores.plate_halo`): where a moving head uncovers the background plate, how
  far the plate's fill differs from the real background right beside the head: mean |grey level|
  difference between the frame and the source at the nearest pixel outside the plate's hole, over the
  pixels the head covered in the photo and uncovers (warped head alpha < 0.5) above the neck band. Both
  sides are local means (Gaussian over `HALO_SIGMA` face sizes, of the uncovered pixels and of the
  pixels outside the hole), so grain or texture in either is not counted as a difference in brightness.
  A fill brighter or darker than that background shows as a head-shaped ghost.
- **Plate arc** (`ArtefactScores.plate_arc`): the same difference over the hole's margin (the pixels the
  hole reaches past the head, source head alpha < 0.5, off the person, above the neck band) that the
  moved head left (farther than the margin from its moved alpha; 0 under 0.01 face sizes^2): whatever
  the head cast there in the photo (a painting's dark shadow round the hair), left behind, draws the old
  outline as an arc beside the lighter fill. The halo does not see it (it reads the head's own pixels,
  alpha >= 0.5, only).
- **Plate left behind** (`ArtefactScores.plate_left_behind`): what the photo shows on the hole's margin,
  left in place where the head moved away, far from the plate's fill beside it: lp_s1's light curtain fold
  right beside the hair, next to a fill of the dark fold beyond it, draws the hair's old outline as a light
  streak. Mean |grey level| difference between the
  frame and the plate's fill (local means, as the halo's) over the margin the head left (as the arc's)
  where the photo's local mean is more than `plate.SHADOW_MOST` from the fill's. It counts the
  background's structure kept there on purpose (sr_4's wall strip) as well, so it is read with the arc
  and the looks. 0 for the source repeated (no margin left).
- **Plate smear** (`ArtefactScores.plate_smear`): whether the uncovered plate goes on with the structure of
  the background beside the head (lp_s1's curtain folds and pelmet) or smears it: a fill carried in from
  the ring is flat, or drawn out along one direction, where the background has folds, edges or stripes.
  Per pixel the RMS gradient (grey levels per px) along each of `SMEAR_DIRECTIONS` directions, averaged
  over `STRUCTURE_SIGMA` face sizes, of the frame over the uncovered pixels (eroded by 2 px: not the moved
  head's edge) and of the background (off the person, outside the hole) nearest each of them in the photo;
  both then averaged over the uncovered pixels within `SMEAR_REGION` face sizes (a fill may place a fold or
  an edge elsewhere than the nearest background pixel has it; it should have as much of it, in the same
  directions, as the background round it). The figure is the mean over the uncovered pixels and the
  directions of the |difference|. Grey levels per px; 0 when too little is uncovered (so 0 for the source
  repeated).
- **Plate texture** (`ArtefactScores.plate_texture`): whether the uncovered plate has the background's
  fine texture or is a smooth smear: the mean |high-pass| (grey minus its Gaussian blur at
  `TEXTURE_SIGMA` px) over the uncovered pixels, divided by the same over the source's background ring
  outside the hole (`TEXTURE_RING` face sizes wide); 1 = as textured as the background beside the head.
- **Fill edges** (`ArtefactScores.fill_edges`): the head's old outline left as an edge in the plate a
  moving head uncovers: a step between the fill under the head and the photo kept beside it (sr_4's pale,
  jagged shape behind the nape). The mean gradient (grey levels per px, Sobel / 8) of the frame on the
  band of `OUTLINE_BAND` px round the source head alpha's outline (> 0.02, where the plate's fill starts)
  that the head uncovers, `EDGE_CLEAR` face sizes (at least the band's width) or more from its moved alpha
  (> 0.02, whose own edge is the head's); 0 when fewer than `_FEW_OUTLINE` face sizes of it are uncovered,
  so 0 for the source repeated.
- **Light seams** (`ArtefactScores.light_seams`): a light line beside the moved head where its edge lies
  on the person below the jaw (sr_4's pale streak down the neck's back edge): the mean white top-hat
  (image minus its opening, grey levels, kernel `LINE_WIDTH` face sizes) of the frame in excess of the
  source's own (dilated over the band), over the pixels within `SEAM_BAND` face sizes outside the moved
  head alpha, on the person, below the higher jaw angle. The source repeated scores 0.

- **Foreign fill** (`foreign_fill`, read from the plate, not a frame): the plate's fill taking the
  colour of the wrong side: background beside the head filled with the shirt's red (sr_4, behind the
  nape), or a shoulder under hanging hair filled with the curtain beside it (lp_s1's grey-blue wedge).
  The share of the hole's pixels within `FOREIGN_REACH` hole margins of the photo whose fill is nearer
  (by more than `FOREIGN_CONTRAST` grey levels, RGB distance) to the colour of the nearest pixel of the
  other side (person or background, outside the hole) than to that of their own nearest side. The source
  repeated shows no fill: 0.

- **Crop edge cut** (`crop_edge_cut`): a head grown or moved past the engine's crop box (or whose plate hole
  reaches it) is cut off along a straight line, outside the box the frame is the photo: the share of the
  box's top, left and right edges (where not the image's border) at which the frame jumps from the pixel
  just outside by `EDGE_JUMP` grey levels more than the photo does there. The source repeated scores 0.

All but the crop edge cut are read from `MeshAnimator`'s last render (its triangle ids and backward map);
what depends on the source only is computed once (`ArtefactScores(animator)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, face_size, grey_image, polygon_mask
from facereel.engines.mesh.layers import plate_hole
from facereel.engines.mesh.plate_fill.plate import SHADOW_MOST, nearest_pixels
from facereel.face import landmark_ids as ids

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

STREAK_STRETCH = 2.5  # hair stretched more than this in some direction reads as streaks
LINE_WIDTH = 0.05  # face sizes: black-hat kernel; lines thinner than about this count
LINE_CONTRAST = 25.0  # grey levels of black-hat from which a pixel is on a dark line
_ERODE = np.ones((5, 5), np.uint8)  # the skin's edge (2 px) is not read: the black-hat of the edge itself
HALO_SIGMA = 0.015  # face sizes: the halo compares local means over about this much
TEXTURE_SIGMA = 1.5  # px: the plate texture's high-pass is grey minus its blur at this sigma
TEXTURE_RING = 0.05  # face sizes: the background ring outside the hole that the texture is compared with
STRUCTURE_SIGMA = 0.02  # face sizes: the plate smear averages the gradient's energy over about this
SMEAR_DIRECTIONS = 4  # the plate smear reads the gradient along this many evenly spaced directions
SMEAR_REGION = 0.1  # face sizes: the plate smear compares the structure averaged over about this much
EDGE_JUMP = 30.0  # grey levels: a crop edge pixel jumping this much more than the photo does there is a cut
FOREIGN_REACH = 1.5  # hole margins: the fill this near the photo is read for foreign colour
FOREIGN_CONTRAST = 20.0  # grey levels (RGB distance): nearer the other side's colour by this is foreign
OUTLINE_BAND = 2  # px each side of the head alpha's outline: the band the fill edges are read on
EDGE_CLEAR = 0.01  # face sizes: the fill edges are read this far or farther from the moved head's outline
SEAM_BAND = 0.03  # face sizes: the light seams are read this near the moved head, outside it
_FEW_OUTLINE = 0.1  # face sizes of the old outline (times its band's width): fewer uncovered read 0
_FEW_PX = 0.002  # face sizes squared: fewer uncovered pixels than this are too few to see a halo (figure 0)
_FEW_ARC_PX = 0.01  # face sizes squared: the margin left by the head is an arc when this large (0.2 x 0.05)
_FEATURE_GROW = 0.04  # face sizes: the features' hulls are grown by this much
_NOSE = (168, 6, 197, 195, 5, 4, 1, 2, 98, 327, 129, 358, 64, 294, 48, 278, 102, 331, 240, 460)
_FEATURES = (ids.RIGHT_UPPER_LID + ids.RIGHT_LOWER_LID + ids.RIGHT_BROW, ids.LEFT_UPPER_LID + ids.LEFT_LOWER_LID
             + ids.LEFT_BROW, ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP, _NOSE)


def _local_mean(grey: np.ndarray, where: np.ndarray, sigma: float) -> np.ndarray:
    """(h, w) float32: the Gaussian (sigma px) mean of `grey` (h, w) over the pixels where `where` (h, w)
    bool is set (0 far from any of them)."""
    weight = cv2.GaussianBlur(where.astype(np.float32), (0, 0), sigma)
    return cv2.GaussianBlur(grey * where, (0, 0), sigma) / np.maximum(weight, 1e-6)


def _detail(grey: np.ndarray) -> np.ndarray:
    """(h, w) float32 |high-pass| of grey levels: |grey minus its Gaussian blur at `TEXTURE_SIGMA` px|."""
    return np.abs(grey - cv2.GaussianBlur(grey, (0, 0), TEXTURE_SIGMA))


def drawn_by(animator: MeshAnimator, frame: np.ndarray, chosen: np.ndarray, erode: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    """The grey levels (h, w) float32 of the crop of `frame` ((H, W, 3) uint8, `animator`'s last render) and
    where (h, w) bool the triangles marked in `chosen` ((1 + triangles,) bool, by triangle id + 1) drew it,
    eroded by the kernel `erode` (the region's edge left out)."""
    x0, y0, x1, y1 = animator.box
    grey = grey_image(frame[y0:y1, x0:x1])
    tri = cv2.resize(animator.warp.triangle_ids, grey.shape[::-1], interpolation=cv2.INTER_NEAREST)
    return grey, cv2.erode(chosen[tri + 1].astype(np.uint8), erode) > 0


def crop_edge_cut(frame: np.ndarray, photo: np.ndarray, box: tuple[int, int, int, int], jump: float = EDGE_JUMP
                  ) -> float:
    """Share in [0, 1] of the crop `box` (x0, y0, x1, y1) edges (top, left, right, where not the image's border)
    at which the (H, W, 3) uint8 `frame` jumps from the pixel just outside by `jump` grey levels more than the
    (H, W, 3) uint8 `photo` does there."""
    x0, y0, x1, y1 = box
    grey = [grey_image(im) for im in (frame, photo)]
    edges = [(np.s_[y0, x0:x1], np.s_[y0 - 1, x0:x1])] if y0 > 0 else []
    edges += [(np.s_[y0:y1, x0], np.s_[y0:y1, x0 - 1])] if x0 > 0 else []
    edges += [(np.s_[y0:y1, x1 - 1], np.s_[y0:y1, x1])] if x1 < frame.shape[1] else []
    if not edges:
        return 0.0
    jumps = [np.abs(g[inside] - g[outside]) for inside, outside in edges for g in grey]
    return float(np.concatenate([out > ref + jump for out, ref in zip(jumps[::2], jumps[1::2])]).mean())


def foreign_fill(crop: np.ndarray, plate: np.ndarray, hole: np.ndarray, person: np.ndarray, margin_px: float
                 ) -> float:
    """Share of the hole's pixels near the photo whose fill took the other side's colour (module doc,
    Foreign fill). crop: (h, w, 3) uint8 photo; plate: (h, w, 3) float its filled plate; hole: (h, w)
    nonzero inside; person: (h, w) in [0, 1]; margin_px: the hole's margin around the head (px)."""
    inside = hole > 0
    on_person = person > 0.5
    colours = crop.reshape(-1, 3).astype(np.float32)
    nearest = []
    for side in (on_person, ~on_person):
        distance, at = nearest_pixels(~inside & side)
        nearest.append((distance, colours[at].reshape(crop.shape)))
    (d_person, c_person), (d_back, c_back) = nearest
    read = inside & (np.minimum(d_person, d_back) <= FOREIGN_REACH * margin_px)
    if not (on_person & ~inside).any() or not (~on_person & ~inside).any() or not read.any():
        return 0.0
    fill = plate.astype(np.float32)
    own = np.where((d_person <= d_back)[..., None], c_person, c_back)
    other = np.where((d_person <= d_back)[..., None], c_back, c_person)
    foreign = np.linalg.norm(fill - own, axis=2) - np.linalg.norm(fill - other, axis=2) > FOREIGN_CONTRAST
    return float(foreign[read].mean())


def _directional(grey: np.ndarray, where: np.ndarray, sigma: float) -> np.ndarray:
    """(h, w, SMEAR_DIRECTIONS) float32: the RMS gradient (grey levels per px, Sobel / 8) of `grey` (h, w)
    along each direction, over the pixels `where` (h, w) bool (Gaussian, sigma px)."""
    gx, gy = cv2.Sobel(grey, cv2.CV_32F, 1, 0) / 8, cv2.Sobel(grey, cv2.CV_32F, 0, 1) / 8
    angles = np.pi * np.arange(SMEAR_DIRECTIONS) / SMEAR_DIRECTIONS
    return np.dstack([np.sqrt(np.maximum(_local_mean((np.cos(a) * gx + np.sin(a) * gy) ** 2, where, sigma), 0))
                      for a in angles])


def _turning(points: np.ndarray, ring_size: int) -> np.ndarray:
    """(R*K,) radians: the turning angle of closed rings (R*K, 2) of `ring_size` points at each point."""
    p = np.asarray(points, np.float64).reshape(-1, ring_size, 2)
    before, after = p - np.roll(p, 1, 1), np.roll(p, -1, 1) - p
    cross = before[..., 0] * after[..., 1] - before[..., 1] * after[..., 0]
    return np.arctan2(cross, (before * after).sum(-1)).reshape(-1)


class ArtefactScores:
    """Dark-line, hair-streak and plate-halo figures of frames rendered by one `MeshAnimator`."""

    def __init__(self, animator: MeshAnimator) -> None:
        self.animator = animator
        lm = animator.source_landmarks
        self._face_px = face_size(lm)
        x0, y0, x1, y1 = animator.box
        shape = (y1 - y0, x1 - x0)
        hulls = [cv2.convexHull(lm[list(group), :2]).reshape(-1, 2) for group in _FEATURES]
        grow = 2 * round(_FEATURE_GROW * self._face_px) + 1
        features = cv2.dilate(polygon_mask(hulls, shape, (x0, y0)), np.ones((grow, grow), np.uint8)) > 0.5
        centres = np.round(lm[animator._face_tris, :2].mean(1) - [x0, y0]).astype(int)
        cy, cx = np.clip(centres[:, 1], 0, shape[0] - 1), np.clip(centres[:, 0], 0, shape[1] - 1)
        on_outline = np.isin(animator._face_tris, ids.FACE_OVAL).any(1)  # hairline, silhouette: not skin
        skin = np.concatenate([[False], np.zeros(animator._num_ring_tris, bool), ~features[cy, cx] & ~on_outline])
        self._skin = skin  # by triangle id + 1
        self._kernel = disc_kernel(round(LINE_WIDTH * self._face_px / 2))
        # The plate's hole and, per hole pixel, the source's local mean grey level at the nearest pixel
        # outside it; the source's texture on the background ring outside the hole.
        self._grow = max(1, round(animator.options.plate_grow * self._face_px))  # px: the hole's margin
        hole = plate_hole(animator.mask, self._grow)
        grey = grey_image(animator.source[y0:y1, x0:x1])
        self._sigma = max(1.0, HALO_SIGMA * self._face_px)
        outside = hole == 0
        self._nearest = _local_mean(grey, outside, self._sigma).reshape(-1)[nearest_pixels(outside)[1]]
        self._halo_region = (animator.layer.alpha >= 0.5) & (animator.mask.neck < 0.05)  # the layer's: ear_matte
        mask = animator.mask
        self._margin = (hole > 0) & (mask.alpha < 0.5) & (mask.neck < 0.05) & (mask.person < 0.5)
        self._fill_grey = grey_image(np.clip(animator.layer.filled, 0, 255).astype(np.uint8))
        # The margin where the photo is far from the fill (what the head's edge shows there, or structure).
        unlike = np.abs(_local_mean(grey, self._margin, self._sigma) - _local_mean(self._fill_grey, self._margin,
                                                                                  self._sigma))
        self._unlike = self._margin & (unlike > SHADOW_MOST)
        beside = cv2.distanceTransform(outside.astype(np.uint8), cv2.DIST_L2, 5) <= TEXTURE_RING * self._face_px
        ring = beside & outside & (animator.mask.person < 0.5)
        self._ring_detail = float(_detail(grey)[ring].mean()) if ring.any() else 0.0
        # Per hole pixel the background's directional structure at its nearest background pixel outside it.
        background = outside & (animator.mask.person < 0.5)
        self._structure_sigma = max(1.0, STRUCTURE_SIGMA * self._face_px)
        self._region_sigma = max(1.0, SMEAR_REGION * self._face_px)
        self._structure = None
        if background.any():
            own = _directional(grey, background, self._structure_sigma).reshape(-1, SMEAR_DIRECTIONS)
            self._structure = own[nearest_pixels(background)[1]].reshape(shape + (SMEAR_DIRECTIONS,))
        head = (animator.mask.alpha > 0.02).astype(np.uint8)
        band = np.ones((2 * OUTLINE_BAND + 1,) * 2, np.uint8)
        self._outline = (cv2.dilate(head, band) > 0) & (cv2.erode(head, band) == 0)  # (h, w) bool
        self._source_tophat = cv2.morphologyEx(grey, cv2.MORPH_TOPHAT, self._kernel)
        angles = lm[[ids.FACE_OVAL[9], ids.FACE_OVAL[27]], 1] - y0  # the jaw angles' rows, crop px
        self._neck_rows = (np.arange(shape[0]) > float(angles.min()))[:, None] & (animator.mask.person >= 0.5)
        at = np.round(animator._src_vertices[len(lm):]).astype(int)  # ring points, crop px
        alpha = animator.mask.alpha
        self._ring_alpha = alpha[np.clip(at[:, 1], 0, shape[0] - 1), np.clip(at[:, 0], 0, shape[1] - 1)]

    def dark_lines(self, frame: np.ndarray) -> float:
        """Share of the skin pixels of `frame` ((H, W, 3) uint8, the animator's last render) on a dark line."""
        grey, skin = drawn_by(self.animator, frame, self._skin, _ERODE)
        if not skin.any():
            return 0.0
        blackhat = cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, self._kernel)
        return float((blackhat[skin] > LINE_CONTRAST).mean())

    def _warped(self, frame: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The grey levels (h, w) of the crop of `frame` (the animator's last render) and the head alpha
        (h, w) float32 moved as in that render."""
        animator = self.animator
        x0, y0, x1, y1 = animator.box
        grey = grey_image(frame[y0:y1, x0:x1])
        disp = cv2.resize(animator.warp.coarse_displacement, grey.shape[::-1], interpolation=cv2.INTER_LINEAR)
        maps = disp + animator._grid
        alpha = cv2.remap(animator.layer.alpha, maps, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        return grey, alpha

    def _uncovered(self, frame: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """The grey levels (h, w) of the crop of `frame` (the animator's last render) and where the head
        uncovered its own pixels of the photo (h, w) bool; None when fewer than `_FEW_PX` face sizes^2."""
        grey, alpha = self._warped(frame)
        shown = self._halo_region & (alpha < 0.5)
        return (grey, shown) if shown.sum() >= _FEW_PX * self._face_px ** 2 else None

    def _away(self, alpha: np.ndarray) -> np.ndarray:
        """(h, w) bool: farther than the hole's margin from the moved head alpha (h, w) (> 0.02)."""
        near = cv2.dilate((alpha > 0.02).astype(np.uint8), disc_kernel(self._grow))
        return near == 0

    def _difference(self, grey: np.ndarray, shown: np.ndarray) -> float:
        """Mean |grey level| difference between the local mean of `grey` (h, w) over `shown` (h, w) bool
        and that of the source beside the head, over `shown`."""
        return float(np.abs(_local_mean(grey, shown, self._sigma)[shown] - self._nearest[shown]).mean())

    def plate_halo(self, frame: np.ndarray) -> float:
        """Mean |grey level| difference between the local mean of `frame` (the animator's last render) and
        that of the background beside the head, over the head's pixels in the photo it uncovered (0 when
        too few are uncovered)."""
        found = self._uncovered(frame)
        return 0.0 if found is None else self._difference(*found)

    def plate_arc(self, frame: np.ndarray) -> float:
        """Mean |grey level| difference between the local mean of `frame` (the animator's last render) and
        that of the background beside the head, over the hole's margin that the head left (farther than
        the margin from its moved alpha; 0 when too few pixels)."""
        grey, alpha = self._warped(frame)
        shown = self._margin & self._away(alpha)
        return self._difference(grey, shown) if shown.sum() >= _FEW_ARC_PX * self._face_px ** 2 else 0.0

    def plate_left_behind(self, frame: np.ndarray) -> float:
        """Mean |grey level| difference between the local means of `frame` (the animator's last render) and
        of the plate's fill over the hole's margin that the head left (0 when too few pixels)."""
        grey, alpha = self._warped(frame)
        shown = self._unlike & self._away(alpha)
        if shown.sum() < _FEW_PX * self._face_px ** 2:
            return 0.0
        fill = _local_mean(self._fill_grey, shown, self._sigma)[shown]
        return float(np.abs(_local_mean(grey, shown, self._sigma)[shown] - fill).mean())

    def plate_smear(self, frame: np.ndarray) -> float:
        """Mean |difference| (grey levels per px) of the directional structure of `frame` (the animator's
        last render) over the uncovered plate from that of the background nearest it in the photo, both
        averaged over the region round each pixel (module doc, Plate smear; 0 when too little is uncovered
        or no background is beside the head)."""
        found = self._uncovered(frame)
        if found is None or self._structure is None:
            return 0.0
        grey, shown = found
        inner = cv2.erode(shown.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0  # not the head's edge
        if not inner.any():
            return 0.0
        difference = _directional(grey, inner, self._structure_sigma) - self._structure
        regional = np.dstack([_local_mean(difference[..., k], inner, self._region_sigma)
                              for k in range(SMEAR_DIRECTIONS)])
        return float(np.abs(regional[inner]).mean())

    def plate_texture(self, frame: np.ndarray) -> float:
        """Fine texture of the uncovered plate in `frame` (the animator's last render) over that of the
        background beside the head (1: as textured; nan when too little is uncovered or the background
        has no texture)."""
        found = self._uncovered(frame)
        if found is None or self._ring_detail <= 0:
            return float("nan")
        grey, shown = found
        inner = cv2.erode(shown.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0  # not the head's edge
        return float(_detail(grey)[inner].mean() / self._ring_detail) if inner.any() else float("nan")

    def _beside(self, alpha: np.ndarray, reach: float, level: float = 0.5) -> np.ndarray:
        """(h, w) bool: outside the moved head alpha (h, w) (< `level`) and within `reach` px of it."""
        head = (alpha >= level).astype(np.uint8)
        return (cv2.dilate(head, disc_kernel(max(1, round(reach)))) > 0) & (head == 0)

    def fill_edges(self, frame: np.ndarray) -> float:
        """Mean gradient (grey levels per px, Sobel / 8) of `frame` (the animator's last render) on the band
        round the source head's outline that the head uncovers, `EDGE_CLEAR` face sizes (at least the band's
        width) or more from its moved alpha (> 0.02; 0 when fewer than `_FEW_OUTLINE` face sizes of it)."""
        grey, alpha = self._warped(frame)
        clear = max(OUTLINE_BAND + 1.0, EDGE_CLEAR * self._face_px)
        shown = self._outline & (alpha <= 0.02) & ~self._beside(alpha, clear, 0.02)
        if shown.sum() < _FEW_OUTLINE * self._face_px * (2 * OUTLINE_BAND + 1):
            return 0.0
        gradient = np.hypot(cv2.Sobel(grey, cv2.CV_32F, 1, 0), cv2.Sobel(grey, cv2.CV_32F, 0, 1)) / 8
        return float(gradient[shown].mean())

    def light_seams(self, frame: np.ndarray) -> float:
        """Mean white top-hat (grey levels) of `frame` (the animator's last render) in excess of the source's
        own (its largest within the band's width), over the pixels within `SEAM_BAND` face sizes outside the
        moved head alpha, on the person below the higher jaw angle (0 when there are none)."""
        grey, alpha = self._warped(frame)
        band = self._beside(alpha, SEAM_BAND * self._face_px) & self._neck_rows
        if not band.any():
            return 0.0
        own = cv2.dilate(self._source_tophat, disc_kernel(max(1, round(SEAM_BAND * self._face_px))))
        excess = cv2.morphologyEx(grey, cv2.MORPH_TOPHAT, self._kernel) - own
        return float(np.maximum(excess[band], 0).mean())

    def hair_creases(self) -> float:
        """Degrees: the largest change from the source's of the turning angle of a ring round the face at one
        of its points on the head (head alpha >= 0.5 at its source position, following the head fully), in
        the last `map_frame`'s mesh (`MeshAnimator.vertices`); 0 with nothing moved."""
        animator = self.animator
        first, k = len(animator.source_landmarks), len(ids.FACE_OVAL)
        src = animator._src_vertices[first:]
        on_head = (self._ring_alpha >= 0.5) & (animator._follow[:, 0] >= 1.0)
        if not on_head.any():
            return 0.0
        change = _turning(animator.vertices[first:], k) - _turning(src, k)
        change = np.degrees(np.abs((change + np.pi) % (2 * np.pi) - np.pi))
        return float(change[on_head].max())

    def hair_streaks(self) -> float:
        """Share of the last render's head samples outside the face mesh (warp's coarse grid, head alpha >= 0.5
        at their source position) whose local warp stretches more than `STREAK_STRETCH` (or folds)."""
        warp = self.animator.warp
        folded, stretch, head, tri = self.animator.head_samples(1, warp._cx[1:-1, 1:-1], warp._cy[1:-1, 1:-1])
        hair = head & (tri >= 0) & (tri < self.animator._num_ring_tris)
        return float((folded | (stretch > STREAK_STRETCH))[hair].mean()) if hair.any() else 0.0
