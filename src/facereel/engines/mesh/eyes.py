"""Eyes: the eyeball is re-rendered inside the target lid contour, the iris moved, closed lids synthesised.

Warping the lids alone squeezes the iris into the slit and stretches the lid, and cannot move the gaze.
So inside the target eye opening the output is an iris-free "plate" of the source eye (warped with the
face) with the source iris texture pasted at the target iris position; where the target opening is
smaller than the source's, the area the lid now covers is painted with lid skin and a lash line.
Before the mesh is placed, `EyeRenderer.settle` keeps the target lids from sagging below the source's lower
lid (a closed eye's lids meet; they do not bend into a V down the cheek).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import blend, box_around, polygon_mask
from facereel.engines.mesh.eye_smear import lid_offsets, lower_side
from facereel.engines.mesh.mesh_topology import contour
from facereel.engines.mesh.warp import fit_similarity

_IRIS_PAD = 1.15  # the iris disc is taken slightly larger than mediapipe's radius to include its dark rim
LASH_WIDTH = 28.0  # the closed eye's lash line is 1/LASH_WIDTH of the eye width wide (before its blur)
LASH_ALPHA = 0.7  # opacity of the lash line on a fully closed eye
LID_DROP = 0.02  # eye widths a target lid may sit below the source's lower lid (across the corner line)


def opening_ratio(points: np.ndarray, upper: tuple[int, ...], lower: tuple[int, ...]) -> float:
    """Mean lid gap over the eye width (0 = shut). points: (478, >=2) px; upper/lower: lid polylines."""
    gap = np.linalg.norm(points[list(upper[1:-1]), :2] - points[list(lower[1:-1]), :2], axis=1).mean()
    width = np.linalg.norm(points[upper[0], :2] - points[upper[-1], :2])
    return float(gap / max(width, 1e-6))


def _band_colour(image: np.ndarray, lower: np.ndarray, upper: np.ndarray, lo_pct: float, hi_pct: float) -> np.ndarray:
    """(3,) mean RGB of the pixels between two polylines whose luminance lies in a percentile range."""
    band = np.vstack([lower, upper[::-1]])
    x0, y0, x1, y1 = box_around(band, 1, (image.shape[1], image.shape[0]))
    mask = polygon_mask([band], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    px = image[y0:y1, x0:x1][mask].astype(np.float32)
    if len(px) == 0:
        px = image[y0:y1, x0:x1].reshape(-1, 3).astype(np.float32)
    luma = px @ np.array([0.299, 0.587, 0.114], np.float32)
    lo, hi = np.percentile(luma, [lo_pct, hi_pct])
    return px[(luma >= lo) & (luma <= hi)].mean(0)


class EyeRenderer:
    """One eye of one source portrait.

    Args:
        source: (H, W, 3) uint8 RGB source photo.
        landmarks: (478, 3) source landmarks, image px.
        upper, lower: lid polylines (landmark ids, corner to corner); iris: 5 ids, centre first.
    """

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, upper: tuple[int, ...],
                 lower: tuple[int, ...], iris: tuple[int, ...]) -> None:
        self.upper, self.lower, self.iris = upper, lower, iris
        self.contour = contour(upper, lower)
        self.corners = (upper[0], upper[-1])
        h, w = source.shape[:2]
        pts = landmarks[:, :2].astype(np.float32)
        self.src_contour = pts[self.contour]
        self.src_corners = pts[list(self.corners)]
        self.src_ratio = opening_ratio(pts, upper, lower)
        self.lids = list(upper[1:-1]), list(lower[1:-1])
        self.down = lower_side(pts, upper, lower)
        self.src_lower = lid_offsets(pts, self.corners, self.lids[1], self.down)
        eye_w = float(np.linalg.norm(self.src_corners[1] - self.src_corners[0]))
        self.iris_centre = pts[iris[0]]
        self.iris_radius = _IRIS_PAD * float(np.linalg.norm(pts[list(iris[1:])] - pts[iris[0]], axis=1).mean())

        # Plate: the source around the eye with the iris inpainted away (so it can move / be covered).
        x0, y0, x1, y1 = box_around(np.vstack([self.src_contour, self.iris_centre[None]]), 0.5 * eye_w, (w, h))
        self.plate_origin = np.array([x0, y0], dtype=np.float32)
        patch = np.ascontiguousarray(source[y0:y1, x0:x1])
        opening = polygon_mask([self.src_contour], patch.shape[:2], (x0, y0)) > 0
        py, px = np.mgrid[y0:y1, x0:x1]
        disc = np.hypot(px - self.iris_centre[0], py - self.iris_centre[1]) <= self.iris_radius
        hole = (cv2.dilate(opening.astype(np.uint8), np.ones((3, 3), np.uint8)) & disc).astype(np.uint8)
        self.plate = cv2.inpaint(patch, hole, 3, cv2.INPAINT_TELEA) if hole.any() else patch

        # Iris texture: RGBA square around the iris; lid-hidden parts take the iris' mean colour.
        r = int(np.ceil(self.iris_radius)) + 3
        c = np.round(self.iris_centre).astype(int)
        tex = cv2.getRectSubPix(source, (2 * r + 1, 2 * r + 1), tuple(map(float, c))).astype(np.float32)
        seen = polygon_mask([self.src_contour], tex.shape[:2], (c[0] - r, c[1] - r)) > 0
        yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
        dist = np.hypot(xx + c[0] - self.iris_centre[0], yy + c[1] - self.iris_centre[1])
        inside = dist <= self.iris_radius
        if (seen & inside).any():
            tex[inside & ~seen] = tex[seen & inside].mean(0)
        # Opaque over the whole inpainted disc, fading just outside it where plate and source agree, so
        # an unmoved iris reproduces the source exactly.
        alpha = np.clip(self.iris_radius + 1 - dist, 0, 1).astype(np.float32)
        self.iris_rgba = np.dstack([tex, alpha])
        self.iris_offset = self.iris_centre - (c - r)  # iris centre inside the texture

        # Lid skin colour: a band between the lash line and the brow; its brighter half is skin (the rest
        # is lashes, crease shadow). Lash colour: the darkest tenth of the band right above the margin.
        lid = pts[list(upper)]
        self.skin = _band_colour(source, lid - (0, 0.12 * eye_w), lid - (0, 0.35 * eye_w), 50, 100)
        self.lash = _band_colour(source, lid, lid - (0, 0.12 * eye_w), 0, 10)
        self.eye_width = eye_w

    def settle(self, target: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """Target landmarks (478, 3) px with this eye's lids kept from sagging onto the cheek: no lid point
        farther below the corner line than the source's lower lid plus LID_DROP eye widths, and no upper-lid
        point below its lower-lid partner (a closed eye's lids meet, they do not cross). A retargeted blink on
        a narrow source eye can otherwise bend both lids into a V that drags the lashes down the cheek.
        scale: the target head's size over the source's (`HeadPose.scale` ratio); distances are measured in
        source eye widths times it, so a turned head's narrower eye does not read as a sagging lid."""
        a, b = target[self.corners[0], :2], target[self.corners[1], :2]
        width = float(np.linalg.norm(b - a))
        if width < 1e-6:
            return target
        normal = self.down * np.array([a[1] - b[1], b[0] - a[0]], np.float32) / width
        unit = width / (scale * self.eye_width)  # target eye widths -> source eye widths at the target's size
        upper, lower = self.lids
        d_up = lid_offsets(target, self.corners, upper, self.down) * unit
        d_lo = lid_offsets(target, self.corners, lower, self.down) * unit
        new_lo = np.minimum(d_lo, self.src_lower + LID_DROP)
        new_up = np.minimum(d_up, new_lo)
        step = scale * self.eye_width  # px per source eye width at the target's size
        out = target.copy()
        out[upper, :2] += ((new_up - d_up) * step)[:, None] * normal
        out[lower, :2] += ((new_lo - d_lo) * step)[:, None] * normal
        return out

    def render(self, crop: np.ndarray, origin: np.ndarray, displacement: np.ndarray, target: np.ndarray) -> None:
        """Draw this eye into `crop` in place.

        crop: (h, w, 3) uint8 warped face crop whose top-left is `origin` (2,) in image px; displacement:
        (h, w, 2) float32 backward displacement of that crop (source position minus pixel position, px);
        target: (478, 3) target landmarks, image px.
        """
        tgt = target[:, :2].astype(np.float32) - origin
        poly = tgt[self.contour]
        size = (crop.shape[1], crop.shape[0])
        x0, y0, x1, y1 = box_around(poly, max(3.0, 0.15 * self.eye_width), size)
        if x1 <= x0 or y1 <= y0:
            return
        box = crop[y0:y1, x0:x1]
        shape = box.shape[:2]
        opening = polygon_mask([poly], shape, (x0, y0))

        gy, gx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        m = displacement[y0:y1, x0:x1] + np.dstack([gx, gy]) + (origin - self.plate_origin)
        eye = cv2.remap(self.plate, m, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        # The iris moves with its target centre and scales with the target iris size.
        centre = tgt[self.iris[0]]
        k = _IRIS_PAD * float(np.linalg.norm(tgt[list(self.iris[1:])] - centre, axis=1).mean()) / self.iris_radius
        shift = centre - (x0, y0) - k * self.iris_offset
        iris = cv2.warpAffine(self.iris_rgba, np.array([[k, 0, shift[0]], [0, k, shift[1]]], np.float32),
                              (shape[1], shape[0]), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
        blend(eye, iris[..., :3], iris[..., 3])
        blend(box, eye, opening)

        closure = 1.0 - opening_ratio(target, self.upper, self.lower) / max(self.src_ratio, 1e-6)
        if closure > 0.02:
            self._cover(box, (x0, y0), tgt, opening, min(closure, 1.0))

    def _cover(self, box: np.ndarray, box_origin: tuple[int, int], tgt: np.ndarray, opening: np.ndarray,
               closure: float) -> None:
        """Paint lid skin where the source eyeball was visible and the target lid now covers it."""
        to_target = fit_similarity(self.src_corners, tgt[list(self.corners)])
        eyeball = self.src_contour @ to_target[:, :2].T + to_target[:, 2]
        covered = np.clip(polygon_mask([eyeball], box.shape[:2], box_origin) - opening, 0, 1)
        soft = max(1, int(self.eye_width / 12)) | 1
        covered = cv2.GaussianBlur(covered, (soft, soft), 0)
        blend(box, self.skin, covered * (0.85 * closure))
        # Lashes gather along the line where the lids meet: a smooth curve (no zigzag from jittery lid
        # points), thin and soft.
        lash = np.zeros(box.shape[:2], np.uint8)
        lid = np.round((self._lid_curve(tgt) - box_origin) * 8).astype(np.int32)
        cv2.polylines(lash, [lid], False, 255, max(1, round(self.eye_width / LASH_WIDTH)), cv2.LINE_AA, 3)
        lash = cv2.GaussianBlur(lash.astype(np.float32) / 255.0, (0, 0), max(0.6, self.eye_width / (2 * LASH_WIDTH)))
        blend(box, self.lash, lash * (closure * LASH_ALPHA))

    def _lid_curve(self, tgt: np.ndarray, samples: int = 16) -> np.ndarray:
        """(samples, 2) px: the upper lid of `tgt` (478, >=2) px as a smooth curve from corner to corner, its
        offset across the corner line fitted by u (1 - u) (c0 + c1 u) (u: 0-1 along the line)."""
        a, b = tgt[self.corners[0], :2], tgt[self.corners[1], :2]
        u = np.clip((tgt[self.lids[0], :2] - a) @ (b - a) / max(float((b - a) @ (b - a)), 1e-6), 0, 1)
        d = lid_offsets(tgt, self.corners, self.lids[0], self.down)
        basis = np.stack([u * (1 - u), u * u * (1 - u)], 1)
        coef = np.linalg.lstsq(basis, d, rcond=None)[0]
        t = np.linspace(0, 1, samples)
        normal = self.down * np.array([a[1] - b[1], b[0] - a[0]])
        off = (np.stack([t * (1 - t), t * t * (1 - t)], 1) @ coef)[:, None] * normal
        return (a + t[:, None] * (b - a) + off).astype(np.float32)
