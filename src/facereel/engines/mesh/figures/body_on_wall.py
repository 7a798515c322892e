"""The body's colours carried onto the wall beside the neck (issue #12 item 1, video-to-video with `--regions pose`).

lp_d19 (a presenter in a cream knit collar against a grey wall) as the clip, sr_1 frames 30-70 the driver, `--regions
pose`: on frames 20-35 white flecks and torn pale pieces stood on the wall beside the moved head, under both ears (x
125-150, y 295-335; x 365-395, y 310-330). In the neck band's rows the plate's hole is filled from the person beside
the band where it is nearer than the wall (`plate.neck_body_side`, lp_s6's notch behind a thin neck): it raised the
body's share over the whole row, off the person too, so the wall the segmentation sees under the ears took the
collar's knit and the neck's edge (their colour and mirrored texture), which the turned head uncovered.

`body_on_wall` counts the plate's pixels in the hole, in the neck band's rows and off the person (beyond its grown
fringe), that stand more than `WALL_STEP` from the wall carried in from beside the hole (`wall_fill`); the source
repeated (the crop itself as the plate) reads the wall's own grain there.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.layers import fill_hole

WALL_STEP = 8.0
"""Grey levels (largest channel) from which a plate pixel departs from the wall carried in: past the clip's coding
noise on a smooth wall (lp_d19: 2-4); the knit's pale flecks stand 5-25 from it."""


def wall_fill(crop: np.ndarray, person: np.ndarray, hole: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32: the wall of `crop` ((h, w, 3) uint8 RGB; off `person` (h, w) in [0, 1], under 0.1, and
    outside `hole` (h, w), nonzero inside) carried smoothly into the rest (`layers.fill_hole`)."""
    return fill_hole(crop, ((person < 0.1) & (hole == 0)).astype(np.float32))


def body_on_wall(plate: np.ndarray, crop: np.ndarray, person: np.ndarray, neck: np.ndarray, hole: np.ndarray) -> int:
    """The pixels of `plate` ((h, w, 3) RGB; a crop's plate, or the crop itself for the source repeated) inside
    `hole` ((h, w), nonzero inside), in the rows of the `neck` band ((h, w) in [0, 1]; rows whose strongest pixel is
    over 0.5) and off `person` ((h, w) in [0, 1], under 0.5: past its grown fringe) that depart from `crop`'s
    (h, w, 3) uint8 wall carried in (`wall_fill`) by more than `WALL_STEP`."""
    where = (hole > 0) & (person < 0.5)
    where[~(neck.max(axis=1) > 0.5)] = False
    step = np.abs(plate.astype(np.float32) - wall_fill(crop, person, hole)).max(-1)
    return int(np.count_nonzero(where & (step > WALL_STEP)))
