"""The photo's dark outline left standing where the head moved off it (issue #9 / #12, the expression editor).

lp_s6 (a statue, 725 px) `facereel edit --yaw -25 --pitch 15` (the yaw ended at -16 by `slider_room`; `--yaw -16`
alone alike): beside the image-left jaw the statue's dark sideburn outline (grey 70-90 on a wall of 235) stays where
the photo has it, a dark spike 2-3 px wide and ~40 px tall (x 283-292, y 365-405) standing in a pale smudge, while
the sideburn it belongs to moves right with the head. Those pixels lie 1-3 px outside the head mask (photo head
alpha 0-0.02), where the plate is the photo (`layers.HeadLayer`: the fill weighted by the alpha over
`FULL_PLATE_AT`), so when the head moves off they stay.

`left_fringe` counts the pixels off the head (photo head alpha under 0.5, drawn alpha under 0.5) lying within `NEAR`
px of where the head moved off this frame (photo head alpha >= 0.5, drawn alpha < 0.5), which the frame shows as the
photo (within `STILL` grey levels, largest channel) and darker by over `DARKER` grey levels than both the plate's
hole fill there and the frame's median over `AROUND` px round it: a thin outline left behind in the fill where the
wall belongs (not a broad shadow the photo has there, as under a chin). The source repeated moves nothing off: 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel

NEAR = 3
"""px: how far from a pixel the head moved off a fringe pixel is read (lp_s6's spike lies 1-3 px outside the
sideburn's 0.5 level)."""
STILL = 12
"""Grey levels (largest RGB channel): a frame pixel this near the photo's is the photo unmoved."""
DARKER = 40
"""Grey levels: a left pixel this much darker than the hole's fill there and than the frame round it is an outline,
not the wall (lp_s6's spike 70-90 against its fill's 150-210)."""
AROUND = 9
"""px: the side of the square whose median grey is the frame round a pixel (lp_s6's spike 2-3 px wide)."""


def left_fringe(frame: np.ndarray, photo: np.ndarray, photo_alpha: np.ndarray, drawn_alpha: np.ndarray,
                filled: np.ndarray) -> int:
    """How many px just off the head the frame shows as the photo's dark outline where the head moved off.

    frame, photo: (h, w, 3) uint8 RGB on the same box (the animator's crop); photo_alpha, drawn_alpha: (h, w)
    float32 0-1, the photo's head alpha and the frame's drawn one (`MeshAnimator.drawn_alpha`); filled: (h, w, 3)
    float32, the plate's hole fill (`layers.HeadLayer.filled`)."""
    moved_off = ((photo_alpha >= 0.5) & (drawn_alpha < 0.5)).astype(np.uint8)
    near = cv2.dilate(moved_off, disc_kernel(NEAR)) > 0
    off_head = (photo_alpha < 0.5) & (drawn_alpha < 0.5) & near
    still = np.abs(frame.astype(np.int16) - photo.astype(np.int16)).max(2) <= STILL
    grey = frame.astype(np.float32).mean(2)
    around = cv2.medianBlur(np.clip(grey, 0, 255).astype(np.uint8), AROUND).astype(np.float32)
    dark = (grey < filled.mean(2) - DARKER) & (grey < around - DARKER)
    return int((off_head & still & dark).sum())
