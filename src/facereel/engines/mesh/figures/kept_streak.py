"""A light streak on the moved neck under a turned far jaw (issue #9).

lp_s1 at 512 x preset:turn 40-48: a thin pale streak (grey 205-227 on the neck's 185-200, 1-2 px wide, ~20 px long)
on the neck under the far jaw, where the head alpha is 0. The plate keeps the photo of the far jaw's rim there
(`kept_photo`) and lays the plate round it (inpainted: the collar's light fill beside it) as the head moves off; laid
where the photo had the rim while the neck layer had moved the plate there 10-14 px aside, that step stood on the
moved neck in the rim's shape (`kept_photo.moved_steps`). `light_streak` is the share of a box's pixels that the drawn
head leaves bare (its alpha under `BARE`) and that stand `GAP` grey levels or more over the frame opened by a disc of
`RADIUS` (a white top-hat: a light piece at most ~2 `RADIUS` px wide) where the photo has none within `TOLERANCE`
(the collar's own light top edge beside the box stays where it is): the source repeated reads 0, a neck with its own
shading ~0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, grey_image

BARE = 0.1
"""The drawn head's alpha under which a pixel shows what lies behind it (the plate or the moved neck)."""
RADIUS = 2
"""px: the opening's disc; lighter pieces up to ~4 px across stand out of it (the streak's 1-2 px)."""
GAP = 15.0
"""Grey levels over the opened frame from which a pixel is on a light piece (the streak stood 20-32 over the neck
beside it; the moved neck's grain stays under ~10)."""
TOLERANCE = 1
"""px: a light piece the photo has this near is the photo's own (its collar's top edge), not a streak."""


def light_streak(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share in [0, 1] of the pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px, end excluded)
    where the drawn head's `alpha` ((H, W) float32 on the frame's grid) is under `BARE` and the frame is on a light
    piece (`light_pieces`) that `photo` ((H, W, 3) uint8 RGB, the source) has not within `TOLERANCE` px."""
    x0, y0, x1, y1 = box
    pad = 2 * RADIUS + TOLERANCE
    window = (slice(max(0, y0 - pad), y1 + pad), slice(max(0, x0 - pad), x1 + pad))
    own = cv2.dilate(light_pieces(photo[window]).astype(np.uint8), disc_kernel(TOLERANCE)) > 0
    streak = light_pieces(frame[window]) & ~own
    inside = (slice(y0 - window[0].start, y1 - window[0].start), slice(x0 - window[1].start, x1 - window[1].start))
    return float((streak[inside] & (alpha[y0:y1, x0:x1] < BARE)).mean())


def light_pieces(image: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels of `image` ((h, w, 3) uint8 RGB) whose grey stands `GAP` or more levels over the grey
    opened by a disc of `RADIUS` px (a white top-hat)."""
    return cv2.morphologyEx(grey_image(image), cv2.MORPH_TOPHAT, disc_kernel(RADIUS)) >= GAP
