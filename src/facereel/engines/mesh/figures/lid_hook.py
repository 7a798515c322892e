"""A shut lid's upper-lid line left where it was: the `hook` figure (issue #9).

lp_s1's thick upper-lid line (liner) lies above the tracker's upper lid. The carried lid
(`EyeRenderer._cover`) reached lid_skin above the source's margin, which falls to the corners, so at the inner
end the liner stayed where it was beside the lid as it shut: a dark hook rising from the lash line to the lid's
top at the inner corner. A closing lid takes its line down with it. `hook` reads the share of the source's dark
pixels just above its upper lid, at the inner end where the target's lid has moved down, still dark at the same
place (in the eye-corner frame) of a frame. The source repeated with its own landmarks reads 0 (no lid moved),
with a shut eye's landmarks 1 (nothing moved); lp_d3's own shut frames against its first frame 0.00-0.06.
`second_line` reads the other way round: a dark line drawn where the source has none (lp_s6's box-shaped lid).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image
from facereel.engines.mesh.eye.eye_smear import lid_offsets, lower_side
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER,
)

HOOK_REACH = 0.35  # eye widths above the source's upper lid that the figure looks at
INNER = (0.5, 1.0)  # the stretch of the corner line looked at (0 = outer corner, 1 = inner corner)
MOVED = 0.03  # eye widths the target's upper lid must lie below the source's for its line to be looked at
DARK_AT = 0.5  # the dark level: this far from the lashes' luminance to the lid skin's (upper quartile)
BELOW = 0.1  # eye widths below the target's lower lid that `second_line` looks at


def _frame(points: np.ndarray, corners: tuple[int, int], down: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The corner line's start a (2,), direction (2,) and normal towards the lower lid (2,), each one eye width
    long, px; points (478, >=2) px."""
    a, b = points[corners[0], :2].astype(np.float32), points[corners[1], :2].astype(np.float32)
    axis = b - a
    return a, axis, down * np.array([-axis[1], axis[0]], np.float32)


def _along(points: np.ndarray, corners: tuple[int, int], lid: list[int], down: float) -> tuple[np.ndarray, np.ndarray]:
    """u (N + 2,) along the corner line and offsets (N + 2,) across it (eye widths) of a lid, corners included,
    sorted by u."""
    a, axis, _ = _frame(points, corners, down)
    ids = [corners[0], *lid, corners[1]]
    u = (points[ids, :2] - a) @ axis / max(float(axis @ axis), 1e-6)
    d = lid_offsets(points, corners, ids, down)
    order = np.argsort(u)
    return u[order], d[order]


def _grid(frame: tuple[np.ndarray, ...], size: tuple[int, int]) -> tuple[np.ndarray, ...]:
    """Pixels xs, ys (h, w) int of a box round an eye whose corner line is `frame` (`_frame`) and their u, d
    (h, w) float32 along and across it (eye widths); size: the image's (w, h)."""
    a, axis, normal = frame
    x0, y0, x1, y1 = box_around(np.stack([a, a + axis]), (HOOK_REACH + 0.6) * float(np.linalg.norm(axis)), size)
    ys, xs = np.mgrid[y0:y1, x0:x1]
    rel = np.stack([xs - a[0], ys - a[1]], -1).astype(np.float32)
    span = max(float(axis @ axis), 1e-6)
    return xs, ys, rel @ axis / span, rel @ normal / span


class LidHook:
    """`hook` of one eye (lid polylines `upper`, `lower`, corner to corner, outer corner first) of a source
    portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, upper: tuple[int, ...],
                 lower: tuple[int, ...]) -> None:
        self.corners = (upper[0], upper[-1])
        self.lids = list(upper[1:-1]), list(lower[1:-1])
        pts = landmarks[:, :2].astype(np.float32)
        self.down = lower_side(pts, upper, lower)
        self.src_luma = grey_image(source)
        self.src_frame = _frame(pts, self.corners, self.down)
        self.src_upper = _along(pts, self.corners, self.lids[0], self.down)
        # the lashes' luminance (darkest tenth) and the lid skin's (upper quartile), in the band above the upper lid
        xs, ys, u, d = _grid(self.src_frame, (source.shape[1], source.shape[0]))
        lid = np.interp(u, *self.src_upper)
        band = self.src_luma[ys, xs][(d < lid) & (d > lid - HOOK_REACH) & (u > 0) & (u < 1)]
        lash, skin = np.percentile(band, [10, 75]) if band.size else (0.0, 0.0)  # none: nothing reads dark
        self.dark = float(lash + DARK_AT * (skin - lash))

    def _at_source(self, u: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The source's nearest pixels xs, ys (int, u's shape) at u along and d across its corner line (eye widths)."""
        a, axis, normal = self.src_frame
        sx = np.clip(np.round(a[0] + u * axis[0] + d * normal[0]), 0, self.src_luma.shape[1] - 1).astype(int)
        sy = np.clip(np.round(a[1] + u * axis[1] + d * normal[1]), 0, self.src_luma.shape[0] - 1).astype(int)
        return sx, sy

    def hook(self, frame: np.ndarray, target: np.ndarray) -> float:
        """The source's upper-lid line left in place at the inner end: of the source's dark pixels (under the
        dark level) from HOOK_REACH above its upper lid down to it, over the INNER stretch of the corner line
        where the target's upper lid lies at least MOVED below the source's, the share (0-1) still dark at the
        same place in the eye-corner frame of `frame` (H, W, 3) uint8 RGB for target landmarks (478, >=2) px
        (a closing lid takes its line down with it); 0 where there are none (the lid has not moved)."""
        pts = target[:, :2].astype(np.float32)
        xs, ys, u, d = _grid(_frame(pts, self.corners, self.down), (frame.shape[1], frame.shape[0]))
        margin = np.interp(u, *self.src_upper)
        moved = np.interp(u, *_along(pts, self.corners, self.lids[0], self.down)) - margin >= MOVED
        sx, sy = self._at_source(u, d)
        line = (moved & (u >= INNER[0]) & (u <= INNER[1]) & (d > margin - HOOK_REACH) & (d <= margin)
                & (self.src_luma[sy, sx] < self.dark))
        if not line.any():
            return 0.0
        luma = grey_image(frame)[ys, xs]
        return float((luma[line] < self.dark).mean())

    def second_line(self, frame: np.ndarray, target: np.ndarray) -> float:
        """A dark line drawn where the source has none: of `frame`'s (H, W, 3) uint8 RGB dark pixels (under the
        dark level) over the target eye (landmarks (478, >=2) px; along its corner line, from HOOK_REACH above
        the source's upper lid to BELOW under the target's lower lid, eye-corner frame), the share (0-1) farther
        than a pixel from every dark pixel of the source at the same place. The source repeated reads 0. lp_s6's
        statue eye, which the tracker reads as nearly shut (its lids under the carved lid line), shut by the
        editor drew a straight lash line under the carved one, the floor of a box whose sides are the carved
        line's ends; 0 where nothing is dark."""
        pts = target[:, :2].astype(np.float32)
        xs, ys, u, d = _grid(_frame(pts, self.corners, self.down), (frame.shape[1], frame.shape[0]))
        lower = np.interp(u, *_along(pts, self.corners, self.lids[1], self.down))
        sx, sy = self._at_source(u, d)
        own = cv2.dilate((self.src_luma < self.dark).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        luma = grey_image(frame)[ys, xs]
        dark = ((u > 0) & (u < 1) & (d > np.interp(u, *self.src_upper) - HOOK_REACH) & (d <= lower + BELOW)
                & (luma < self.dark))
        return float((~own[sy, sx][dark]).mean()) if dark.any() else 0.0


def lid_hooks(source: np.ndarray, landmarks: np.ndarray) -> list[LidHook]:
    """The figure of both eyes (right, left) of a portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""
    return [LidHook(source, landmarks, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER),
            LidHook(source, landmarks, LEFT_EYE_UPPER, LEFT_EYE_LOWER)]
