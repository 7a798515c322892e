"""The far cheek's grain where the far fold's even stretch draws it (issue #9, `far_fold.unfold_rows`).

The even stretch lays a row's few photo pixels over many (sr_18 at his own size on preset:turn 12-16: 2-8 frame px
per photo px), so the photo's grain, stretched along the rows only, was drawn as horizontal streaks (h27-farblock's
trade; lp_s12 x preset:turn 34-38 alike). A real far cheek foreshortened by a turn shows its texture compressed,
not smeared. `FarGrain.regrain` draws a stretched pixel from the photo blurred down its columns (`DOWN`: the
shading and the outline's edge stretched as before, without the rows' grain and the sideburn's tips that made the
streaks) plus the photo's fine grain (`GRAIN`) read unstretched, 1 photo px per frame px, back and forth over the
far cheek just inside the row's outermost read (`MIRROR`), scaled to the grey it is drawn on (`LIKE`).
"""

from __future__ import annotations

import cv2
import numpy as np

GRAIN = 0.005
"""Face sizes: the standard deviation of the blur whose difference from the photo is the grain a stretched pixel
reads unstretched (sr_18's pores, ~2 px at his own size; at 0.01-0.03 his smile's crease came along, drawn as
mirrored arches)."""
GRAIN_PX = 1.5
"""px: the least standard deviation of that blur (lp_s12's photo grain, 2-3 px at a face of ~160 px)."""
DOWN = 0.025
"""Face sizes: the standard deviation of the blur down the photo's columns a stretched pixel reads (lp_s12's
streaks, his sideburn's tips and the outline's light rim stretched along the rows, 2-6 px apart at a face of ~160
px; at 0.01 they were still drawn)."""
STRETCHED = (1.5, 2.5)
"""Frame px per photo px along a row: from the first the grain is read unstretched, in full from the second (the
fold's redraw on sr_18 at his own size: 2-8 where it streaked; a turned face's own rows 0.8-2)."""
MIRROR = 0.06
"""Face sizes: the unstretched grain is read back and forth between this far and twice this far inside the row's
outermost stretched read (the photo's far cheek by its outline; read from the frame's cheek before the stretch
instead, the smile's crease and the moustache were mirrored in)."""
CLIP = 2.0
"""Times the photo's median |grain| (colour levels) at which a grain is cut (a crease's or a hair's edge; the pores
kept)."""
LIKE = (0.5, 0.9)
"""|ln| of the ratio of two greys (`alike`): under the first alike, from the second not, linear between. The grain
is drawn where the grey it lies on is alike the stretched pixel's blur (lp_s12: his moustache's hairs, ~0.9,
mirrored onto the cheek beside it were dark dots; his lit near cheek against the shaded far one ~0.4), scaled by
their ratio; a stretched pixel unlike its blur is a line, not grain, and is drawn as before (sr_8 `edit --yaw 25`:
the dark line under her far eye, blurred, a light fleck)."""
OPAQUE = 0.99
"""The photo's head alpha from which its grain is read (its outline's fringe holds the background's)."""


class FarGrain:
    """The head layer's blur down the columns (`DOWN`) and its grain (`GRAIN`), made once per photo."""

    def __init__(self, head: np.ndarray, cheek: np.ndarray, side: int, face_px: float) -> None:
        """head: (h, w, 4) float32, the head layer's premultiplied colour and alpha on the crop; cheek: (h, w) bool,
        the photo's pixels redrawn and read for grain (`far_fold.cheek_reads`); side: the photo's far side (+1:
        right); face_px: the photo's face size, px."""
        sigma = max(0.5, DOWN * face_px)
        self.low = cv2.GaussianBlur(head, (1, 2 * int(np.ceil(3 * sigma)) + 1), 0, sigmaY=sigma,
                                    borderType=cv2.BORDER_REPLICATE)
        blurred = cv2.GaussianBlur(head, (0, 0), max(GRAIN_PX, GRAIN * face_px), borderType=cv2.BORDER_REPLICATE)
        keep = (head[..., 3] >= OPAQUE) & (blurred[..., 3] >= OPAQUE) & cheek
        grain = (head[..., :3] - blurred[..., :3]) * keep[..., None]
        bound = CLIP * float(np.median(np.abs(grain[keep]))) if keep.any() else 0.0
        # the grain and, beside it, the grey it lies on (`LIKE`)
        self.grain = np.ascontiguousarray(np.dstack([np.clip(grain, -bound, bound), blurred[..., :3].mean(-1)]))
        self.cheek = cheek
        self.side = side
        self.period = max(1, round(MIRROR * face_px))

    def regrain(self, head: np.ndarray, maps: np.ndarray, moved: np.ndarray) -> None:
        """Redraws in place the colour of `head` ((b, a, 4) float32 premultiplied, the layer as `maps` (b, a, 2)
        float32 crop px read it) where the far fold redrew the map (`moved`, (b, a) bool) and stretched it
        (`stretch_weight`) over the cheek (not the far eye's lashes, sr_8 `edit --yaw 25`): the blur down the
        columns read at `maps` plus the grain read at `mirrored` maps, scaled to the blur's grey (`LIKE`), the drawn
        alpha kept."""
        h, w = self.cheek.shape
        at = np.clip(np.rint(maps).astype(np.intp), 0, [w - 1, h - 1])
        weight = stretch_weight(maps, moved & self.cheek[at[..., 1], at[..., 0]])
        rows, cols = np.flatnonzero(weight.any(1)), np.flatnonzero(weight.any(0))
        if not len(rows):
            return
        box = slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)
        weight = weight[box][..., None]
        low = remapped(self.low, maps[box])
        grain = remapped(self.grain, mirrored(maps[box], weight[..., 0] > 0, self.side, self.period))
        drawn = head[box]
        alpha = drawn[..., 3:]
        colour = low[..., :3] / np.maximum(low[..., 3:], 1e-3)  # the blur's colour, unpremultiplied
        grey = colour.mean(-1, keepdims=True)
        ratio = grey / np.maximum(grain[..., 3:], 1.0)  # the grain scaled to the grey it is drawn on
        weight = weight * alike(drawn[..., :3].mean(-1, keepdims=True) / np.maximum(alpha, 1e-3), grey)
        low_rgb = colour * alpha
        drawn[..., :3] = (low_rgb + (1 - weight) * (drawn[..., :3] - low_rgb)
                          + (weight * alike(grain[..., 3:], grey) * ratio * alpha) * grain[..., :3])


def alike(grey: np.ndarray, other: np.ndarray) -> np.ndarray:
    """(..., 1) float32 in [0, 1]: how alike two greys ((..., 1) float32, colour levels) are (`LIKE`)."""
    ratio = np.maximum(grey, 1.0) / np.maximum(other, 1.0)
    return np.clip((LIKE[1] - np.abs(np.log(ratio))) / (LIKE[1] - LIKE[0]), 0, 1)


def stretch_weight(maps: np.ndarray, moved: np.ndarray) -> np.ndarray:
    """(b, a) float32 in [0, 1]: 0 where the map ((b, a, 2) float32 crop px) draws a row at under `STRETCHED[0]`
    frame px per photo px or outside `moved` ((b, a) bool), 1 from `STRETCHED[1]`, linear between."""
    rate = 1 / np.maximum(np.abs(np.gradient(maps[..., 0], axis=1)), 1e-3)
    low, high = STRETCHED
    return (np.clip((rate - low) / (high - low), 0, 1) * moved).astype(np.float32)


def mirrored(maps: np.ndarray, stretched: np.ndarray, side: int, period: int) -> np.ndarray:
    """(n, m, 2) float32: where a pixel of `maps` ((n, m, 2) float32 crop px) reads its grain: per row, 1 photo px
    per frame px from the row's first `stretched` ((n, m) bool) column from the near side (`side`: the photo's far
    side, +1: right), back and forth over `period` px between `period` and twice that inside the row's outermost
    stretched read (the photo's far cheek by its outline, compressed by the turn: its grain, no crease), y as
    `maps` reads it."""
    cols = np.arange(maps.shape[1])
    start = np.where(stretched, cols[None], maps.shape[1] if side > 0 else -1)
    start = start.min(1) if side > 0 else start.max(1)
    xs = side * np.where(stretched, maps[..., 0], -np.inf if side > 0 else np.inf)
    outer = side * xs.max(1)
    past = np.abs(cols[None] - start[:, None])
    back = period - np.abs(past % (2 * period) - period)
    out = maps.copy()
    out[..., 0] = np.where(stretched.any(1)[:, None], outer[:, None] - side * (period + back), maps[..., 0])
    return out


def remapped(image: np.ndarray, maps: np.ndarray) -> np.ndarray:
    """`image` ((h, w, c) float32) read at `maps` ((n, m, 2) float32 px) bilinearly, the border replicated."""
    return cv2.remap(image, np.ascontiguousarray(maps), None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
