"""The pale smear under a back face's chin, read from a rendered frame (issue #12): where a front head's hair hung
down over the back person's neck and collar and the front head moved off it, the frame shows the front head's
plate there, a smooth pale streak where the photo shows the collar's ruffles and the neck's shadow (lp_s5 behind
lp_s1, `overlap_photo.one_in_front`, both faces on lp_d12 36-50 and 164-172, where the front head moves right).

Traced (h44-chin): the front face's plate (`layers.background_plate`) filled the hole of its hanging hair from the
body's ring (`plate.ring_fill` with `body`: `plate.body_side` is 1 there): the collar's white below and beside the
hair's end carried in as one smooth colour with a faint texture, up past the collar line. Mended by continuing her
body's rows behind the hair (`plate_fill.row_mirror`).

`smear_zone` is where that shows: the front head as the photo has it (its head alpha over `EDGE`: its hole and
soft edge) below the back face's chin (to `DEPTH` back-face sizes), outside the front face's oval and within `NEAR`
back-face sizes of the back face's: the hair it hangs beside her, not its own jaw and neck. `chin_smear` counts
the zone's pixels no head layer covers this frame (every moving face's drawn alpha under 0.5: a plate shows)
where the frame is smooth (`flat_fill.luma_spread` under `flat_fill.SMOOTH`) and neither the photo nor what the
front head hides there is (both over `TEXTURED`; the overlap picture's back portrait, `overlap_photo.scaled_to`):
a fill without the grain of what stands behind the hair. The source repeated and the back portrait itself count 0
(neither is smooth where it has grain); the photo alone in place of the back portrait counts that portrait's
smooth neck behind the front hair's strands too (37 px).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.face_regions import FaceRegions
from facereel.engines.mesh.figures.flat_fill import SMOOTH, luma_spread

EDGE = 0.02
"""Head alpha (the photo's, the front face's): the faintest of its edge the zone holds (the plate's hole is the
alpha over this, grown: `layers.plate_hole`)."""
DEPTH = 0.6
"""Back-face sizes below its chin (along its down axis, `FaceRegions.below_chin`): how far down the zone reaches
(the overlap picture's 82 px back face: past the collar, over the smear's length on lp_d12 38-50)."""
NEAR = 0.6
"""Back-face sizes outside its oval (`FaceRegions.outside`): how far from her face the zone reaches (without it, on
lp_d12 30, 55 and 177, where the front head is not off its hanging hair, the zone counted 35-44 px a frame further
from her face; with it 0)."""
TEXTURED = 5.0
"""Grey levels of luma (standard deviation over `flat_fill.WINDOW` px): the photo's grain over this is not smooth
(the collar's ruffles, the hair's strands)."""


def smear_zone(regions: FaceRegions, head: np.ndarray, back: int, front: int, depth: float = DEPTH,
               near: float = NEAR) -> np.ndarray:
    """(H, W) bool: where face `front`'s head (`head`, (H, W) float32, its head alpha as the photo has it) lies
    below face `back`'s chin, to `depth` back-face sizes, outside `front`'s oval and within `near` back-face sizes of
    `back`'s (`regions` of the photo's faces)."""
    below = regions.below_chin(back)
    return ((head > EDGE) & (below > 0) & (below < depth) & (regions.outside(front) > 0)
            & (regions.outside(back) < near))


def chin_smear(frame: np.ndarray, photo: np.ndarray, hidden: np.ndarray, zone: np.ndarray, drawn: np.ndarray
               ) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool, `smear_zone`) where no head layer covers `frame` ((H, W, 3)
    uint8 RGB; `drawn`, (H, W) float32, the largest drawn alpha of the moving faces this frame, under 0.5), smooth
    there (luma's spread under `flat_fill.SMOOTH`) while `photo` and `hidden` ((H, W, 3) uint8 RGB: what the front
    head hides, where known; else the photo) are not (over `TEXTURED`)."""
    grain = np.minimum(luma_spread(photo)[1], luma_spread(hidden)[1])
    return zone & (drawn < 0.5) & (luma_spread(frame)[1] < SMOOTH) & (grain > TEXTURED)
