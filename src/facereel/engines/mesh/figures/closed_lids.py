"""How a closing lid looks: the `flatness`, `eyeball` and `darkness` figures (issue #9).

A closed lid painted one flat colour (lp_s1 x lp_d3: dark flat patches of her eyeshadow) has lost the
lid's texture (`flatness`: the share of it flatter than nearly all of the source's lid skin); a sliver of the
eyeball (white, iris) left inside or under it shows through a closed eye (`eyeball`); a small eye's crease or
brow edge stretched over the eyeball is a dark patch (`darkness`: the share darker than the source's lid skin
mostly is; sr_18, lp_s0 x lp_d3); a lid of one shade from corner to corner where the light on the source's lid
changes along it (sr_4's left lid, lit at its outer end, shadowed by the nose: a pale slab) has lost its light
(`light`).
All figures look at the area the target's lids cover that was eyeball in the source (the source's eye
opening carried by the eye-corner similarity, minus the target's opening), and read 0 on the source
repeated (nothing covered).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, box_around, grey_image, polygon_mask
from facereel.engines.mesh.eye.eye_smear import lower_side
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER,
)
from facereel.engines.mesh.geometry.mesh_topology import contour
from facereel.engines.mesh.geometry.warp import fit_similarity

LID_BAND = (0.05, 0.3)  # eye widths above the source's upper lid: the lid skin the texture is compared with
TEXTURE_WINDOW = 0.12  # eye widths: the window over which the lid's texture (`_texture`) is averaged
FLAT_SHARE = 0.1  # the share of the source's lid skin that reads as flat (its texture's 10th percentile)
PALETTE = 400  # colour samples kept per palette (eyeball, lid skin)
CLEAR = 0.7  # a pixel is eyeball when its nearest eyeball colour is this much nearer than its nearest lid colour
DISTINCT = 6.0  # RGB levels: an eyeball colour this close to some lid colour is not kept as the eyeball's
DARK_SHARE = 0.5  # a covered pixel is dark when darker than all but this share of the source's lid skin
MEETING = 0.1  # eye widths either side of the target's lower lid left out of `darkness` (the lash line)
LIGHT_BINS = 8  # stretches along the corner line over which `light` compares the lid's luminance


def _nearest(px: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """(N,) squared RGB distance of each of `px` (N, 3) to its nearest colour of `palette` (M, 3)."""
    return np.min(((px[:, None] - palette[None]) ** 2).sum(-1), axis=1)


def _pixels(image: np.ndarray, mask: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """(N, 3) float32 RGB of `image` (H, W, 3) where `mask` ((y1 - y0, x1 - x0) in [0, 1]) > 0.5."""
    x0, y0, x1, y1 = box
    return image[y0:y1, x0:x1][mask > 0.5].astype(np.float32)


def _luma(image: np.ndarray, polygon: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(N,) float32 luminance of `image` (H, W, 3) uint8 RGB inside `polygon` (M, 2) px; size: its (w, h)."""
    box = box_around(polygon, 1, size)
    mask = polygon_mask([polygon], (box[3] - box[1], box[2] - box[0]), box[:2])
    return _pixels(image, mask, box) @ LUMA


def _luma_at(image: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """(N,) float32 luminance of `image` (H, W, 3) uint8 RGB at integer px xs, ys (N,)."""
    return image[ys, xs].astype(np.float32) @ LUMA


class ClosedLid:
    """`flatness`, `eyeball`, `darkness` and `light` of one eye (lid polylines `upper`, `lower`: mesh_topology's,
    corner to corner) of a source portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, upper: tuple[int, ...],
                 lower: tuple[int, ...]) -> None:
        self.contour, self.corners = contour(upper, lower), [upper[0], upper[-1]]
        pts = landmarks[:, :2].astype(np.float32)
        self.src_corners, self.src_opening = pts[self.corners], pts[self.contour]
        a, b = self.src_corners
        self.width = float(np.linalg.norm(b - a))
        normal = -lower_side(pts, upper, lower) * np.array([a[1] - b[1], b[0] - a[0]], np.float32)  # up, 1 eye width
        lid = pts[list(upper)]
        band = np.vstack([lid + LID_BAND[0] * normal, (lid + LID_BAND[1] * normal)[::-1]])
        size = (source.shape[1], source.shape[0])
        box = box_around(np.vstack([band, self.src_opening]), 2, size)
        shape = (box[3] - box[1], box[2] - box[0])
        eyeball = cv2.erode((polygon_mask([self.src_opening], shape, box[:2]) > 0.5).astype(np.uint8),
                            np.ones((3, 3), np.uint8)).astype(np.float32)  # not the lid's edge pixels
        skin = polygon_mask([band], shape, box[:2])
        self.lower = list(lower)
        ys, xs = np.nonzero(skin > 0.5)
        self.light_profile = self._profile(_luma_at(source, xs + box[0], ys + box[1]),
                                           np.stack([xs + box[0], ys + box[1]], 1), pts)
        self.dark_level = float(np.percentile(_luma(source, band, size), 100 * DARK_SHARE))
        self.flat_level = float(np.percentile(self._texture(source, box)[skin > 0.5], 100 * FLAT_SHARE))
        lashes = np.vstack([lid, (lid + LID_BAND[1] * normal)[::-1]])  # the lid with its lashes
        rng = np.random.default_rng(0)
        ball, lid_px = (p[rng.permutation(len(p))[:PALETTE]] for p in
                        (_pixels(source, eyeball, box), _pixels(source, polygon_mask([lashes], shape, box[:2]), box)))
        # The lid's colours include its lashes blurred into its skin (a closed eye's lash line); colours both
        # show (a dark iris beside dark lashes) say nothing: the eyeball keeps only its own.
        luma = lid_px @ LUMA
        if len(lid_px):
            lash = lid_px[luma <= np.percentile(luma, 10)].mean(0)
            lid_px = np.vstack([lid_px] + [lash + a * (lid_px - lash) for a in (0.25, 0.5, 0.75)])
        self.palettes = [ball[_nearest(ball, lid_px) > DISTINCT ** 2] if len(lid_px) else ball, lid_px]

    def covered(self, target: np.ndarray, size: tuple[int, int], shut: bool = False
                ) -> tuple[tuple[int, int, int, int], np.ndarray]:
        """Box (x0, y0, x1, y1) and its (h, w) mask of the source's eyeball carried by the eye-corner
        similarity onto target landmarks (478, >=2) px, minus the target's opening unless `shut` (a shut
        eye shows no eyeball anywhere); size: the frame's (w, h)."""
        m = fit_similarity(self.src_corners, target[self.corners, :2].astype(np.float32))
        eyeball = self.src_opening @ m[:, :2].T + m[:, 2]
        box = box_around(eyeball, 2, size)
        shape = (box[3] - box[1], box[2] - box[0])
        mask = polygon_mask([eyeball], shape, box[:2])
        if not shut:
            mask = np.clip(mask - polygon_mask([target[self.contour, :2].astype(np.float32)], shape, box[:2]), 0, 1)
        return box, mask

    def _texture(self, image: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
        """(h, w) float32 mean luminance change across image columns (|d/dx|, levels per px) of `image` (H, W,
        3) uint8 in `box`, over windows TEXTURE_WINDOW eye widths across: along the lid, which a closing lid
        stretches across but not along."""
        x0, y0, x1, y1 = box
        luma = grey_image(image[y0:y1, x0:x1])
        k = 2 * max(1, round(TEXTURE_WINDOW * self.width / 2)) + 1
        return cv2.blur(np.abs(cv2.Sobel(luma, cv2.CV_32F, 1, 0, ksize=3)) / 8, (k, k))

    def flatness(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Texture lost on the covering lid: the share (0-1) of the covered area (`covered`) of `frame`
        (H, W, 3) uint8 RGB, for target landmarks (478, >=2) px, flatter than all but FLAT_SHARE of the
        source's lid skin (`_texture`); 0 where nothing is covered."""
        box, mask = self.covered(target, (frame.shape[1], frame.shape[0]))
        inside = mask > 0.5
        if not inside.any():
            return 0.0
        return float((self._texture(frame, box)[inside] < self.flat_level).mean())

    def _profile(self, luma: np.ndarray, xy: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
        """(LIGHT_BINS,) median luminance of pixels at xy (N, 2) px with luminance `luma` (N,) per stretch of
        the corner line of landmarks (478, >=2) px they lie across (NaN where none do)."""
        a, b = landmarks[self.corners[0], :2], landmarks[self.corners[1], :2]
        u = (xy - a) @ (b - a) / max(float((b - a) @ (b - a)), 1e-6)
        at = np.floor(u * LIGHT_BINS).astype(int)
        return np.array([np.median(luma[at == k]) if (at == k).any() else np.nan for k in range(LIGHT_BINS)])

    def _lid_only(self, target: np.ndarray, size: tuple[int, int]) -> tuple[tuple[int, int, int, int], np.ndarray]:
        """`covered`'s box and mask less MEETING eye widths either side of the target's lower lid (the lash
        line). target: landmarks (478, >=2) px; size: the frame's (w, h)."""
        box, mask = self.covered(target, size)
        width = float(np.linalg.norm(target[self.corners[1], :2] - target[self.corners[0], :2]))
        line = np.zeros(mask.shape, np.uint8)
        lid = np.round((target[self.lower, :2] - box[:2]) * 8).astype(np.int32)
        cv2.polylines(line, [lid], False, 1, max(1, round(2 * MEETING * width)), cv2.LINE_8, 3)
        return box, mask * (1 - line)

    def light(self, frame: np.ndarray, target: np.ndarray) -> float:
        """The light along the lid lost: over the stretches of the corner line (LIGHT_BINS), the mean absolute
        difference (grey levels) between the covering lid's median luminance (`_lid_only`) of `frame` (H, W, 3)
        uint8 RGB, for target landmarks (478, >=2) px, and the source's lid skin's (LID_BAND), each less its
        mean over the stretches both have: a lid of one shade where the source's lid is lit at one end and
        shadowed at the other reads their difference; 0 where nothing is covered."""
        box, mask = self._lid_only(target, (frame.shape[1], frame.shape[0]))
        ys, xs = np.nonzero(mask > 0.5)
        if len(xs) == 0:
            return 0.0
        lid = self._profile(_luma_at(frame, xs + box[0], ys + box[1]), np.stack([xs + box[0], ys + box[1]], 1),
                            target)
        both = ~np.isnan(lid) & ~np.isnan(self.light_profile)
        if not both.any():
            return 0.0
        lid, skin = lid[both], self.light_profile[both]
        return float(np.abs((lid - lid.mean()) - (skin - skin.mean())).mean())

    def darkness(self, frame: np.ndarray, target: np.ndarray) -> float:
        """A closing lid darker than the portrait's lid skin (over the eyeball's bulge it catches more light
        than the crease above it): the share (0-1) of the covered area (`covered`) of `frame` (H, W, 3) uint8
        RGB, for target landmarks (478, >=2) px, less MEETING eye widths either side of the target's lower lid
        (the lash line), darker than all but DARK_SHARE of the source's lid skin (LID_BAND); 0 where nothing
        is covered."""
        box, mask = self._lid_only(target, (frame.shape[1], frame.shape[0]))
        px = _pixels(frame, mask, box)
        if len(px) == 0:
            return 0.0
        return float((px @ LUMA < self.dark_level).mean())

    def eyeball(self, frame: np.ndarray, target: np.ndarray, shut: bool = False) -> float:
        """Share (0-1) of the covered area (`covered`) of `frame` (H, W, 3) uint8 RGB whose colour is nearer
        the source's eyeball (white, iris; the colours the lid and lashes do not show too) than its lid
        (skin and lashes up to LID_BAND[1] above the margin) by CLEAR: nearest sample of either palette (a blur of
        lashes and skin is not taken for an iris)."""
        box, mask = self.covered(target, (frame.shape[1], frame.shape[0]), shut)
        px = _pixels(frame, mask, box)
        if len(px) == 0 or min(len(p) for p in self.palettes) == 0:
            return 0.0
        ball, lid = (_nearest(px, p) for p in self.palettes)
        return float((ball < CLEAR ** 2 * lid).mean())


def closed_lids(source: np.ndarray, landmarks: np.ndarray) -> list[ClosedLid]:
    """The figures of both eyes (right, left) of a portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""
    return [ClosedLid(source, landmarks, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER),
            ClosedLid(source, landmarks, LEFT_EYE_UPPER, LEFT_EYE_LOWER)]
