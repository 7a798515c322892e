"""A moustache's ends dragged down beside an opened mouth (issue #12, the expression editor), read on a rendered
frame, its photo and their (478, 3) px landmarks.

lp_s12 (a moustache hanging past the mouth's corners) `facereel edit --mouth-open 1.5` at his own size: the warp moved
the skin beside the corners with the lower lip and the jaw, and the ends' hair with it, into dark vertical bands down
to the lower lip (x 152-170 and 200-215, y 215-252; `open_mouth.moustache_ends`). `moustache_drag`: beside each of the
frame's mouth corners (from `INSIDE` mouth widths inside it to `OUTSIDE` outside it, from the corner's row down to the
frame's lower lip's lowest point plus `BELOW`; the frame's outer lips left out), the share of the pixels dark in the
frame (L* under `DARK` of the way from the photo's upper lip band's to its cheeks' skin's, `mouth_shape.lip_bands` /
`skin_colour`) with no dark pixel of the photo within `SLACK` mouth widths above or below it: hair the photo does not
have there (the ends moved a few px with the upper lip are not counted). The photo repeated scores 0. It reads a head
left in place (the mouth's sliders, a talking driver): a turned one moves the whole moustache sideways past `SLACK`.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import polygon_mask
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_bands, outer_lips, skin_colour
from facereel.face import landmark_ids as ids

INSIDE = 0.1
"""Mouth widths inside each corner (towards the mouth's middle, along the corners' line) the window starts at."""
OUTSIDE = 0.45
"""Mouth widths outside each corner the window reaches (lp_s12's ends: 0.3-0.4)."""
BELOW = 0.1
"""Mouth widths below the frame's lower lip's lowest point the window reaches."""
SLACK = 0.1
"""Mouth widths a dark pixel of the photo above or below a frame's dark pixel may lie (lp_s12 `--mouth-open 1.5`: his
upper lip's points beside the corners drop 5-6 px, 0.15 mouth widths, and the ends kept with them 2-4 px; the ends
dragged reach 0.4 below the photo's)."""
DARK = 1 / 3
"""Share of the way from the moustache's L* (the photo's upper lip band) to the skin's below which a pixel is dark:
lp_s12's ends read L* 10-35, his shaded stubble beside the left one 25-45 (at the middle, 42, half of it dark)."""


def moustache_drag(frame: np.ndarray, photo: np.ndarray, photo_lm: np.ndarray, frame_lm: np.ndarray) -> float:
    """Share (0-1) of the window beside the frame's mouth corners that is dark in `frame` and not near it (`SLACK`)
    in `photo` (both (H, W, 3) uint8 RGB, the same size); `photo_lm`, `frame_lm` (478, 2+) image px. NaN where the
    photo's lips or skin are not read or the window is empty."""
    tones = hair_and_skin(photo, photo_lm)
    if tones is None:
        return float("nan")
    hair, skin = tones
    dark = hair + DARK * (skin - hair)
    pts = np.asarray(frame_lm, np.float64)[:, :2]
    left, right = pts[ids.MOUTH_CORNERS[0]], pts[ids.MOUTH_CORNERS[1]]
    h, w = frame.shape[:2]
    width, ys, along = along_corners(pts, (h, w))
    bottom = pts[ids.LOWER_LIP_BOTTOM, 1] + BELOW * width
    lips = polygon_mask([outer_lips(pts)], (h, w), (0, 0)) > 0.5
    window = np.zeros((h, w), bool)
    for corner, beside in ((left, (along > -OUTSIDE) & (along < INSIDE)),
                           (right, (along > 1 - INSIDE) & (along < 1 + OUTSIDE))):
        window |= beside & (ys >= corner[1]) & (ys <= bottom)
    window &= ~lips
    if not window.any():
        return float("nan")
    slack = 2 * round(SLACK * width) + 1
    near = cv2.dilate((to_lab(photo)[..., 0] < dark).astype(np.uint8), np.ones((slack, 1), np.uint8)) > 0
    return float(((to_lab(frame)[..., 0] < dark) & ~near)[window].mean())


def hair_and_skin(photo: np.ndarray, photo_lm: np.ndarray) -> tuple[float, float] | None:
    """(L*, L*) of the photo's upper lip band (a moustache's hair) and its cheeks' skin (`lip_bands`, `skin_colour`;
    photo (H, W, 3) uint8 RGB, `photo_lm` (478, 2+) px); None where either is not read."""
    upper, _ = lip_bands(photo, photo_lm)
    skin = skin_colour(photo, photo_lm)
    if upper is None or skin is None:
        return None
    return float(to_lab(upper)[0]), float(to_lab(skin)[0])


def along_corners(points: np.ndarray, shape: tuple[int, int]) -> tuple[float, np.ndarray, np.ndarray]:
    """(mouth width px, (h, w) row of each pixel, (h, w) mouth widths along the corners' line from the first corner)
    for landmarks `points` (478, 2) px on an image of `shape` (h, w)."""
    left, right = points[ids.MOUTH_CORNERS[0]], points[ids.MOUTH_CORNERS[1]]
    width = max(float(np.linalg.norm(right - left)), 1.0)
    ys, xs = np.mgrid[0:shape[0], 0:shape[1]]
    return width, ys, ((xs - left[0]) * (right - left)[0] + (ys - left[1]) * (right - left)[1]) / width ** 2
