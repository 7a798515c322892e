"""The wall behind a lock hanging over it, where a turn uncovers it (issue #9 item 2; docs/status.md "## Next",
h30-fresh4's find (1)).

lp_s5 cut to x 230-720, y 110-720 (its head near the corner, a curl hanging over the wall left of the jaw) x lp_d12
140-183 (a fast shake), frames 24-30: a blurred brown block and a dark triangular shard stood on the wall where the
curl had hung. The person's mask holds the curl, so the plate's fill behind it counted as inside the person: the
neck's shadowed tone was laid there (`under_ear.wall_inside`, mirrored up past the neck box's top; mended, h30-curl)
and across the neck box (`layers.HeadLayer`'s `on_neck`; leaving it out behind the hanging hair laid lp_s1's wall
blue-grey beside her neck on preset:turn). The shard's dark tone and the brown left above the lock were the curl read as
the jaw's shadow (below; mended, h31-curl).

`lock_wall` reads, of a frame's pixels of the photo's hanging hair (`HeadMask.hanging` over 0.5) that the moved head no
longer covers (drawn alpha under `UNCOVERED`), the share standing more than `LOCK_STEP` from the wall carried in from
beside the hole (`body_on_wall.wall_fill`); the source repeated (the head covering the lock) reads 0.

`dark_beside_lock` reads the shard and the brown above the lock: of the uncovered pixels round the lock (its hanging
hair and the photo's head within `BESIDE` face sizes of it), the share more than `DARK_STEP` darker than that wall.
Their tone was the curl's own brown: the neck's tone took the hanging curl, right above the neck's skin under it, for
the jaw's dark shadow (`shadow_band.dark_rim`; mended, h31-curl).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.figures.body_on_wall import wall_fill
from facereel.engines.mesh.geometry.head_proxy import HeadMask
from facereel.engines.mesh.layers import plate_hole
from facereel.engines.mesh.neck_layer.hole_end import lightness

UNCOVERED = 0.1
"""The drawn head alpha under which a pixel shows the plate."""
LOCK_STEP = 30.0
"""Grey levels (largest channel) from which an uncovered pixel is not the wall: past the wall's painted grain (lp_s5:
under 15); the brown block stood 60-100 from it."""


def lock_wall(frame: np.ndarray, crop: np.ndarray, mask: HeadMask, drawn_alpha: np.ndarray, grow_px: int) -> float:
    """Share in [0, 1] of the uncovered pixels of the hanging hair (`mask`'s) in `frame` ((h, w, 3) uint8, the drawn
    frame on the crop box) off the wall of `crop` ((h, w, 3) uint8, the photo on the crop box; its plate's hole grown
    by `grow_px` px) by over `LOCK_STEP`; `drawn_alpha` (h, w) float32, the head's alpha as the frame was drawn
    (`MeshAnimator.drawn_alpha`). 0 where nothing of the lock is uncovered."""
    shown = (mask.hanging > 0.5) & (drawn_alpha < UNCOVERED)
    if not shown.any():
        return 0.0
    wall = wall_fill(crop, mask.person, plate_hole(mask, grow_px))
    return float((np.abs(frame[shown].astype(np.float32) - wall[shown]).max(-1) > LOCK_STEP).mean())


BESIDE = 0.1
"""Face sizes round the hanging hair within which `dark_beside_lock` reads the photo's head: lp_s5's shard lay on and
beside its lock, the brown above it up to 0.15 above the lock (its lower two thirds read)."""
DARK_STEP = 30.0
"""Lab L (OpenCV's 0-255) by which an uncovered pixel is darker than the wall to count in `dark_beside_lock`: past the
wall's painted grain (lp_s5: under 15); the shard and the brown stood 70-115 under it (frame 24)."""


def dark_beside_lock(frame: np.ndarray, crop: np.ndarray, mask: HeadMask, drawn_alpha: np.ndarray, grow_px: int,
                     face_px: float) -> float:
    """Share in [0, 1] of the pixels round `mask`'s hanging hair (it, and the photo's head (`mask.alpha` over 0.5)
    within `BESIDE` face sizes (`face_px` px) of it) that `frame` ((h, w, 3) uint8, the drawn frame on the crop box)
    shows uncovered (`drawn_alpha` (h, w) float32 under `UNCOVERED`) more than `DARK_STEP` darker than the wall of `crop`
    ((h, w, 3) uint8) carried in (`lock_wall`'s); 0 where none is uncovered."""
    hung = (mask.hanging > 0.5).astype(np.uint8)
    near = cv2.dilate(hung, disc_kernel(max(1, round(BESIDE * face_px)))) > 0
    shown = near & ((mask.alpha > 0.5) | (hung > 0)) & (drawn_alpha < UNCOVERED)
    if not shown.any():
        return 0.0
    wall = np.clip(wall_fill(crop, mask.person, plate_hole(mask, grow_px)), 0, 255).astype(np.uint8)
    return float((lightness(wall)[shown] - lightness(frame)[shown] > DARK_STEP).mean())
