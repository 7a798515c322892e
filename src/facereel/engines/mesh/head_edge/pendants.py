"""Earrings hanging below the ear lobes move rigidly (issue #9, h28-fresh2 sweep find (1): lp_s1's drop earring).

A small pendant below the lobe lies in the band between the face oval and the first ring, whose inner corners ride
with the cheek and outer ones with the skull shell's outline: on a turn the band stretches sideways and the pendant
with it (lp_s1 at 512 px, yaw -20: the drop ~1.7x its width, a flat wide pale shape). Once per source `find_pendants`
finds each light, grey (metal, pearl) object brighter than the hair round it in the ears' strips below the ear
canals' height, the size of an earring; each frame `hold_pendants` makes the backward map a translation over it, by
the mesh's motion of its top (where it hangs from the lobe) and, across the face's axis, of its cheek side where that
is nearer the face (`_motion`), easing back to the map over as wide a band round it as it is wide, so the stretch lies
in the hair beside it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_edge.ear_matte import ear_strips
from facereel.engines.mesh.head_mask.face_colours import below_eyes, face_axis
from facereel.face import landmark_ids as ids

BRIGHTER = 30.0
"""Lightness (L*, 0-100 scaled to 0-255 as OpenCV's Lab) a pendant's pixels stand above the median round them."""

GREY = 16.0
"""Chroma (OpenCV Lab units) a pendant's pixels stay under: metal, pearl, not the hair's lit strands."""

AROUND = 0.08
"""Face sizes: the window the median lightness round a pixel is taken over."""

SIZE = (0.04, 0.15)
"""Face sizes: a pendant's width and height lie between these (a lone lit fleck is smaller, the ear's rim larger)."""

GROW = 0.01
"""Face sizes: the light outline's hull is grown by this much (its rim's soft edge, darker than `BRIGHTER` asks)."""

NEAR = 0.9
"""Round a pendant a reading counts as on it where its `Pendant.weight` is at least this (its hull and ~1-2 px round
it, where the rim's soft edge still shows: read again, a faint grey copy of the rim's outline)."""

EAR_POINTS = (234, 454)
"""The face oval's points level with the ear canals (the subject's right, left): a pendant hangs below them."""


@dataclass(frozen=True)
class Pendant:
    """One pendant of the photo. weight: (h, w) float32 on the crop, 1 on the pendant (its outline's hull) easing
    to 0 as far outside it as it is wide; anchors: (2, 2) crop px, its top's middle and its point nearest the face
    oval (its cheek side); triangles, corners: per anchor the mesh triangle (vertex indices (2, 3)) holding it and its
    barycentric corners' weights (2, 3); toward: (2,) unit, crop px, across the face's axis towards the face (`_motion`);
    width: px, its hull's."""

    weight: np.ndarray
    anchors: np.ndarray
    triangles: np.ndarray
    corners: np.ndarray
    toward: np.ndarray
    width: float

    @functools.cached_property
    def extent(self) -> tuple[int, int, int, int] | None:
        """(x0, y0, x1, y1) crop px, the first and last columns and rows where `weight` > 0; None where it is 0."""
        cols, rows = np.flatnonzero((self.weight > 0).any(0)), np.flatnonzero((self.weight > 0).any(1))
        if not len(cols):
            return None
        return int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1])


def pendant_masks(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float,
                  alpha: np.ndarray) -> list[np.ndarray]:
    """(h, w) uint8 hulls (1 inside) of the pendants on a crop ((h, w, 3) uint8 RGB at `origin` (2,) px):
    `light_objects` in the ears' strips (`ear_strips`) of the head layer (`alpha` (h, w) >= 0.5), below the ear
    canals' height. landmarks (478, 2+) image px; face_px: the face's size, px."""
    down = below_eyes(crop.shape[:2], landmarks, origin)
    eyes = landmarks[[ids.RIGHT_PUPIL, ids.LEFT_PUPIL], :2].mean(0)
    ears = float(np.min((eyes - landmarks[list(EAR_POINTS), :2]) @ face_axis(landmarks)))  # px below the pupils
    return light_objects(crop, face_px, ear_strips(crop.shape[:2], landmarks, origin, face_px) & (alpha >= 0.5)
                         & (down > ears))


def light_objects(image: np.ndarray, face_px: float, where: np.ndarray) -> list[np.ndarray]:
    """(h, w) uint8 hulls (1 inside) of the light grey objects (`BRIGHTER` than the median `AROUND` them, under
    `GREY` chroma) in `where` ((h, w) bool) of `image` ((h, w, 3) uint8 RGB), `SIZE` across (face sizes of `face_px`
    px), their pixels joined and the hulls grown by `GROW`."""
    lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)
    around = cv2.medianBlur(lab[..., 0], 2 * round(AROUND * face_px / 2) + 1).astype(np.float32)
    chroma = np.hypot(lab[..., 1].astype(np.float32) - 128, lab[..., 2].astype(np.float32) - 128)
    light = where & (lab[..., 0] - around > BRIGHTER) & (chroma < GREY)
    r = max(1, round(GROW * face_px))
    disc = disc_kernel(r)
    joined = cv2.morphologyEx(light.astype(np.uint8), cv2.MORPH_CLOSE, disc)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    low, high = SIZE[0] * face_px, SIZE[1] * face_px
    hulls = []
    for i in range(1, count):
        w, h = stats[i, 2:4]
        if low <= w <= high and low <= h <= high:
            hull = np.zeros(image.shape[:2], np.uint8)
            cv2.fillConvexPoly(hull, cv2.convexHull(np.argwhere(labels == i)[:, ::-1].astype(np.int32)), 1)
            hulls.append(cv2.dilate(hull, disc))
    return hulls


@dataclass(frozen=True)
class Pendants:
    """The photo's pendants (`Pendant`), found on a crop with the photo's face `oval` ((h, w) uint8, 1 inside), the
    head layer's `alpha` ((h, w) float32 in [0, 1]) and the face size `face_px` px, which `off_face` and `inside` are
    read from when `hold_pendants` first needs them (never without a pendant: most photos, and a video source makes
    them every frame)."""

    items: list[Pendant]
    oval: np.ndarray
    alpha: np.ndarray
    face_px: float

    @functools.cached_property
    def off_face(self) -> np.ndarray:
        """(h, w) float32 on the crop, 1 off the photo's face oval grown by 1 px, 0 on it (a held map does not read the
        cheek beside a pendant)."""
        return (1 - cv2.dilate(self.oval, np.ones((3, 3), np.uint8))).astype(np.float32)

    @functools.cached_property
    def inside(self) -> np.ndarray:
        """(h, w) float32, 1 on the head layer (alpha >= 0.5) farther than `OUTLINE` face sizes from its edge, 0 off it
        (the map of the head's outline is left as it was: held, the hair's outline beside lp_s1's earring bent into a
        wave, lp_d12 frame 24)."""
        r = max(1, round(OUTLINE * self.face_px))
        head = _specks_filled((self.alpha >= 0.5).astype(np.uint8), self.face_px)
        return cv2.erode(head, disc_kernel(r)).astype(np.float32)


def find_pendants(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float, alpha: np.ndarray,
                  vertices: np.ndarray, triangles: np.ndarray) -> Pendants:
    """The photo's pendants (`pendant_masks`, same arguments) with their anchors placed in the mesh: vertices (V, 2)
    crop px (the source's), triangles (F, 3) vertex indices. A pendant whose hull reaches the face oval (lp_s1's right
    earring, half behind her cheek: held, a sliver of the cheek beside it was drawn over the hair) or whose anchor no
    triangle holds is left out."""
    items = []
    oval = face_oval(crop.shape[:2], landmarks, origin)[0]
    hulls = pendant_masks(crop, landmarks, origin, face_px, alpha)
    if not hulls:
        return Pendants(items, oval, alpha, face_px)
    to_face = cv2.distanceTransform(1 - oval, cv2.DIST_L2, 3)  # px
    axis = face_axis(landmarks)
    across = np.array([axis[1], -axis[0]], np.float32)
    centre = landmarks[list(ids.FACE_OVAL), :2].mean(0) - origin  # crop px
    for hull in hulls:
        if (hull & oval).any():  # partly behind the cheek: its held map would read the cheek beside it
            continue
        ys, xs = np.nonzero(hull)
        side = to_face[ys, xs].argmin()
        anchors = np.array([[xs[ys == ys.min()].mean(), ys.min()], [xs[side], ys[side]]], np.float32)
        held = [_holding(anchor, vertices, triangles) for anchor in anchors]
        if held[0] is None or held[1] is None:
            continue
        toward = across if float((centre - anchors[0]) @ across) > 0 else -across
        width = float(xs.max() - xs.min() + 1)
        outside = cv2.distanceTransform(1 - hull, cv2.DIST_L2, 3)
        t = np.clip(outside / width, 0.0, 1.0)
        weight = (1 - t * t * (3 - 2 * t)).astype(np.float32)
        items.append(Pendant(weight, anchors, triangles[[held[0][0], held[1][0]]], np.stack([held[0][1], held[1][1]]),
                             toward, width))
    return Pendants(items, oval, alpha, face_px)


def _specks_filled(head: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) uint8 `head` (1 on the head layer) with its enclosed holes no wider nor taller than `SPECK` face sizes
    (`face_px` px) set to 1: such a speck is not the layer's edge, but eroded by `OUTLINE` it was a hole that wide."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(1 - head, connectivity=4)
    x, y, w, h = (stats[:, i] for i in range(4))
    small = (w <= SPECK * face_px) & (h <= SPECK * face_px)
    enclosed = (x > 0) & (y > 0) & (x + w < head.shape[1]) & (y + h < head.shape[0])
    speck = small & enclosed
    speck[0] = False  # label 0: the head's own pixels
    return np.where(speck[labels], 1, head).astype(np.uint8)


def _holding(point: np.ndarray, vertices: np.ndarray, triangles: np.ndarray) -> tuple[int, np.ndarray] | None:
    """The first triangle (index into `triangles` (F, 3)) of `vertices` (V, 2) holding `point` (2,) and its
    barycentric weights (3,), or None."""
    a, b, c = (vertices[triangles[:, i]].astype(np.float64) for i in range(3))
    det = (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (c[:, 0] - a[:, 0]) * (b[:, 1] - a[:, 1])
    p = point.astype(np.float64) - a
    with np.errstate(divide="ignore", invalid="ignore"):
        u = (p[:, 0] * (c[:, 1] - a[:, 1]) - (c[:, 0] - a[:, 0]) * p[:, 1]) / det
        v = ((b[:, 0] - a[:, 0]) * p[:, 1] - p[:, 0] * (b[:, 1] - a[:, 1])) / det
    inside = np.flatnonzero((np.abs(det) > 1e-9) & (u >= 0) & (v >= 0) & (u + v <= 1))
    if not len(inside):
        return None
    i = int(inside[0])
    return i, np.array([1 - u[i] - v[i], u[i], v[i]], np.float32)


def hold_pendants(coarse: np.ndarray, shown: np.ndarray, centres: tuple[np.ndarray, np.ndarray], pendants: Pendants,
                  vertices: np.ndarray) -> np.ndarray:
    """Make the backward map a translation over each pendant, in place, and give the share held per sample ((h, w)
    float32, 0: the map as it was). coarse: (h, w, 2) float32 backward displacement (source minus target, crop px)
    on the coarse grid; shown: (h, w) bool, where the map shows what a pendant may be part of (not a face triangle
    drawn over it); centres: the coarse samples' crop px x and y, each (h, w) (`MeshWarp.centres`); vertices: (V, 2)
    crop px, the frame's placed mesh (the source's order). Round the pendant each sample reads the point between the
    map's and the held reading (`STEPS`) nearest the eased share that is neither the pendant (a second copy of its
    rim) nor the photo's face oval (a notch of cheek beside the moved cheek's edge): the hair between them stretched;
    then eased to 0 over `EDGE` before the samples not `shown` (cut there, the map stepped where the face's triangles
    begin: a straight seam in lp_s1's far cheek and a square step at the hook, preset:turn 30-45, h29-look2).
    """
    x, y = centres
    spacing = float(x[0, 1] - x[0, 0])  # crop px between samples
    held = np.zeros(coarse.shape[:2], np.float32)
    for pendant in pendants.items:
        moved = _motion(pendant, vertices)
        box = _reach(pendant, moved, x[0], y[:, 0])
        if box is None:
            continue
        field, bx, by = coarse[box], x[box], y[box]  # (on the box its moved weight reaches: 0 elsewhere)
        weight = bilinear(pendant.weight, bx - moved[0], by - moved[1]) * shown[box]
        weight *= bilinear(pendants.inside, bx + field[..., 0], by + field[..., 1])  # not where the map reads the outline
        fade = np.nonzero((weight > 0) & (weight < 1))
        if len(fade[0]):
            weight[fade] = _free_share(field[fade], -moved, bx[fade], by[fade], weight[fade], pendant, pendants.off_face)
        weight *= _away_from(shown, EDGE * pendant.width / spacing, box)  # eased out before the face's triangles
        field += weight[..., None] * (-moved - field)
        held[box] = np.maximum(held[box], weight)
    return held


def _reach(pendant: Pendant, moved: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> tuple[slice, slice] | None:
    """(rows, columns) of the coarse samples (crop px columns `xs` (w,), rows `ys` (h,)) that `pendant`'s weight moved
    by `moved` (2,) px reads above 0 (bilinear: within 1 px of its `Pendant.extent`), 1 sample more each side; None
    where none does (hold_pendants on the whole grid cost ~2.5 CPU ms a frame on lp_s1 512 x lp_d3)."""
    if pendant.extent is None:
        return None
    x0, y0, x1, y1 = pendant.extent
    cols = np.flatnonzero((xs - moved[0] > x0 - 1) & (xs - moved[0] < x1 + 1))
    rows = np.flatnonzero((ys - moved[1] > y0 - 1) & (ys - moved[1] < y1 + 1))
    if not len(cols) or not len(rows):
        return None
    return slice(max(0, rows[0] - 1), rows[-1] + 2), slice(max(0, cols[0] - 1), cols[-1] + 2)


def _motion(pendant: Pendant, vertices: np.ndarray) -> np.ndarray:
    """(2,) px: how a pendant moves in a frame whose placed mesh is `vertices` (V, 2) crop px: its top's motion, and
    across the face's axis its cheek side's where that takes it farther towards the face. By its top alone, on a turn
    away (lp_s1's drop, preset:turn 40-43) it moved off the moved cheek's edge and the hold filled the gap with the
    photo's cheek beside it: a bump of skin over the hair below it; by its cheek side alone, on a turn towards it
    (keyframes 28-31) the cheek moving over it pushed it out from under the cheek, a broken grey piece."""
    top, side = np.einsum("ij,ijk->ik", pendant.corners, vertices[pendant.triangles]) - pendant.anchors
    return top + max(0.0, float((side - top) @ pendant.toward)) * pendant.toward


OUTLINE = 0.06
"""Face sizes: the band inside the head layer's edge whose map a pendant's hold leaves as it was."""

SPECK = 0.02
"""Face sizes: an enclosed hole in the head layer up to this wide and tall is a speck, not its edge (`find_pendants`).
lp_s1 at 2400 px: a few-px dot of alpha < 0.5 beside her earring, eroded by `OUTLINE`, left the hold 24 % of the
earring and the drop was squashed to a triangle (h31-fresh5)."""

EDGE = 0.5
"""Pendant widths: the band inside the `shown` samples over which a pendant's hold eases to 0 (`hold_pendants`; 1: the
earring itself no longer held, 1.21x its width on the sweep's keyframes)."""

STEPS = 33
"""Shares tried between the map's reading (0) and the held one (1) round a pendant (`hold_pendants`)."""

_SHARES = np.linspace(0.0, 1.0, STEPS, dtype=np.float32)[:, None]  # (S, 1): the `STEPS` shares, made once


def _free_share(field: np.ndarray, held: np.ndarray, x: np.ndarray, y: np.ndarray, eased: np.ndarray,
                pendant: Pendant, off_face: np.ndarray) -> np.ndarray:
    """(N,) float32: for samples at crop px x, y (N,) with backward displacements `field` (N, 2), the share of the
    way to `held` (2,) nearest `eased` (N,) whose reading is off the pendant (`NEAR`) and off the face (`off_face`); where none
    is, off the pendant; `eased` where none is either."""
    shares = _SHARES
    rx = x + field[:, 0] + shares * (held[0] - field[:, 0])  # (S, N) readings
    ry = y + field[:, 1] + shares * (held[1] - field[:, 1])
    off_pendant = bilinear(pendant.weight, rx, ry) < NEAR
    free = off_pendant & (bilinear(off_face, rx, ry) > 0.5)
    free = np.where(free.any(0), free, off_pendant)  # none: the cheek's skin rather than the pendant again
    best = np.where(free, np.abs(shares - eased), np.inf).argmin(0)
    return np.where(free.any(0), shares[best, 0], eased).astype(np.float32)


def _away_from(shown: np.ndarray, band: float, box: tuple[slice, slice]) -> np.ndarray:
    """(n, m) float32 on `box` ((rows, columns) of the grid): 0 off `shown` ((h, w) bool), easing (smoothstep) to 1
    `band` samples (at least 1) inside it. The distances from the whole grid (OpenCV's 3 x 3 L2 transform sums its
    steps in float32 in its scan's order: on a window round the box a few distances differed in the last bit), the
    rest on the box alone."""
    distance = cv2.distanceTransform(shown.astype(np.uint8), cv2.DIST_L2, 3)[box]
    t = np.clip(distance / max(band, 1.0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def bilinear(image: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """(h, w) float32: `image` (H, W) float32 at crop px `x`, `y` (h, w), bilinear, 0 outside."""
    return cv2.remap(image, x.astype(np.float32), y.astype(np.float32), cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_CONSTANT)
