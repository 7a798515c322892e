"""An iris's catchlight moved by whole pixels (issue #9).

A catchlight is a spot of one or two pixels. Sampled half a pixel off, by any interpolation, it spreads over 2 x 2
pixels: bilinear keeps a quarter of its step, Lanczos about a third to a half, and which one a frame gets changes
with the head's sub-pixel motion, so the spot dimmed and twinkled (sr_8 at 320 x lp_d19 120-150: 0.42-0.73 of its
step with bilinear, 0.66-1.04 with Lanczos; `figures.eye_detail`). The spot is parted from the iris texture once
(`spot`: what stands above the texture's opening by a disc of `spot_radius`, where that is `STEP` grey levels or
more), the rest of the iris resampled as before, and the spot laid back unresampled at the whole pixel nearest
where the iris's move takes it (`lay_spot`): its step kept, at most half a pixel off.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, disc_kernel

SPOT_PX = 2
"""px: the smallest radius of the disc whose opening parts a catchlight from its iris (`spot_radius`)."""
STEP = 25.0
"""Grey levels a spot must stand above the iris's opening round it to be a catchlight (lp_s3 at 384's 97 and 38,
sr_8 at 320's 166 and 107; an iris's own texture mostly under 20)."""


def spot_radius(iris_radius: float) -> int:
    """px: the radius of the disc a catchlight is smaller than: half the iris radius (px), at least SPOT_PX."""
    return max(SPOT_PX, round(iris_radius / 2))


def spot(texture: np.ndarray, inside: np.ndarray, iris_radius: float) -> np.ndarray | None:
    """(h, w, 3) float32: the catchlight of an iris texture ((h, w, 3) float32 RGB) inside its disc (`inside`,
    (h, w) bool): per channel what stands above the texture's opening by a disc of `spot_radius`, where its grey
    level does by STEP or more in a part no wider nor taller than that disc (grown by a pixel: the spot's soft rim);
    None where there is none."""
    kernel = disc_kernel(spot_radius(iris_radius))
    excess = texture - cv2.morphologyEx(texture, cv2.MORPH_OPEN, kernel, borderType=cv2.BORDER_REPLICATE)
    lit = ((excess @ LUMA >= STEP) & inside).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lit, connectivity=8)
    compact = np.zeros(count, bool)  # a spot no wider nor taller than the disc (not a pale arc of the iris's pattern)
    compact[1:] = (stats[1:, cv2.CC_STAT_WIDTH] <= len(kernel)) & (stats[1:, cv2.CC_STAT_HEIGHT] <= len(kernel))
    lit = compact[labels].astype(np.uint8)
    if not lit.any():
        return None
    near = cv2.dilate(lit, np.ones((3, 3), np.uint8)) > 0
    return np.where(near[..., None], excess, 0).astype(np.float32)


def spot_centre(catchlight: np.ndarray) -> np.ndarray:
    """(2,) float64 (x, y) texture px: the mean position of the pixels of `catchlight` ((t, t, 3) float32, `spot`)
    that hold any of it, where `lay_spot` centres it (read once per eye)."""
    ys, xs = np.nonzero(catchlight.any(2))
    return np.array([xs.mean(), ys.mean()])


def lay_spot(colour: np.ndarray, catchlight: np.ndarray, centre: np.ndarray, scale: float, shift: np.ndarray,
             start: tuple[int, int], lit: np.ndarray | None = None) -> None:
    """Add `catchlight` ((t, t, 3) float32, `spot`, in the iris texture's px; its `spot_centre` `centre`), times `lit`
    ((t, t) weights, a lid's shade on it; None: whole), into `colour` ((h, w, 3) float32, in place), unresampled at the
    whole pixel nearest where the texture's map (x -> scale x + shift, (2,) px, into the window whose pixel (0, 0) is
    `start` (columns, rows) of that map's output) takes the whole spot's centre (a shaded part does not move it)."""
    if lit is not None:
        catchlight = (catchlight * lit[..., None]).astype(np.float32)
    # the map's move at the spot's centre, rounded as one (rounding the moved and the own centre apart put a spot
    # centred on a half pixel one off where the map moves by whole pixels)
    offset = np.round((scale - 1.0) * centre + shift).astype(int) - np.asarray(start)
    h, w = colour.shape[:2]
    t0, t1 = max(0, -offset[1]), min(catchlight.shape[0], h - offset[1])
    s0, s1 = max(0, -offset[0]), min(catchlight.shape[1], w - offset[0])
    if t1 > t0 and s1 > s0:
        colour[t0 + offset[1]:t1 + offset[1], s0 + offset[0]:s1 + offset[0]] += catchlight[t0:t1, s0:s1]
