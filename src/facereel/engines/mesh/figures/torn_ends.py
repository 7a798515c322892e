"""A moustache's end torn apart beside the mouth: a pale gap inside its hair (issue #9), read on a rendered frame,
its photo and their (478, 3) px landmarks.

lp_s12 at 512 x preset:turn frames 36-43 (his mouth closed, the head turned back and raised): the near (image-left)
end was laid by a similarity of the upper lip's and cheek's points that does not follow the near cheek the map widens
(~1.8x across), and the skin under it drawn where the map had it, so the end came apart from the moustache into a dark
stroke across the cheek with a pale gap between (`open_mouth.moustache_ends`). `torn_ends`: beside each of the
frame's mouth corners (within `REACH` mouth widths, outside the corner along the corners' line; the frame's outer lips
left out), the share of pixels light (L* over `LIGHT` of the way from the moustache's, the photo's upper lip band, to
its cheeks' skin, `mouth_shape.lip_bands` / `skin_colour`) inside the dark hair (L* under `DARK` of that way) closed
by a disc `SPAN` mouth widths across: a gap in the hair narrower than the disc. lp_s12 repeated scores 0.0004.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import polygon_mask
from facereel.engines.mesh.figures.moustache_drag import along_corners, hair_and_skin
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import outer_lips
from facereel.face import landmark_ids as ids

REACH = 0.7
"""Mouth widths round each of the frame's corners the window reaches (lp_s12's stroke ends ~0.6 from his near one)."""
DARK = 1 / 3
"""Share of the way from the moustache's L* to the skin's below which a pixel is hair (lp_s12's ends 10-25, the
stroke 15-24)."""
LIGHT = 0.6
"""Share of that way above which a pixel is skin (the gap torn in lp_s12's end: L* 43-54 between hair of 15-25)."""
SPAN = 0.25
"""Mouth widths across the disc closing the hair: the widest gap counted (lp_s12 at 512: 2-4 px in ~40 px widths)."""


def torn_ends(frame: np.ndarray, photo: np.ndarray, photo_lm: np.ndarray, frame_lm: np.ndarray) -> float:
    """Share (0-1) of the window beside the frame's mouth corners that is a light gap inside dark hair in `frame`
    (both images (H, W, 3) uint8 RGB, the same size; `photo_lm`, `frame_lm` (478, 2+) image px). NaN where the
    photo's lips or skin are not read."""
    tones = hair_and_skin(photo, photo_lm)
    if tones is None:
        return float("nan")
    hair, step = tones[0], tones[1] - tones[0]
    pts = np.asarray(frame_lm, np.float64)[:, :2]
    left, right = pts[ids.MOUTH_CORNERS[0]], pts[ids.MOUTH_CORNERS[1]]
    h, w = frame.shape[:2]
    width, ys, along = along_corners(pts, (h, w))
    xs = np.arange(w)[None, :]
    window = np.zeros((h, w), bool)
    for corner, outside in ((left, along < 0), (right, along > 1)):
        window |= (np.hypot(xs - corner[0], ys - corner[1]) < REACH * width) & outside
    window &= ~(polygon_mask([outer_lips(pts)], (h, w), (0, 0)) > 0.5)
    if not window.any():
        return float("nan")
    lightness = to_lab(frame)[..., 0]
    dark = (lightness < hair + DARK * step).astype(np.uint8)
    size = 2 * max(round(SPAN * width / 2), 1) + 1
    closed = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))) > 0
    gap = closed & (lightness > hair + LIGHT * step) & window
    return float(gap.sum() / window.sum())
