"""A translucent smear on the wall beside a jaw that moved sideways (issue #9; docs/status.md, h35-fresh's find (2)).

lp_s6 (a statue on a white wall, its chin resting on its collar) at 384 px x lp_d12 140-180 (a fast shake: the head
goes ~30 px sideways with a turn), frames 20-30: where the head moved off the wall beside its jaw, a streaky
translucent brown-grey smear stood on the white wall (frame 24, x 140-175, y 170-235); `--no-neck-layer` showed the
wall. What the moved head uncovers there is the plate under the photo's head, and the neck layer holds it still
sideways: the neck's lean is at most `neck.MAX_SHEAR` px per px from the moved chin down to the collar line, which
lies right under lp_s6's chin (the lean ~2 px of the jaw's 30). So the hole's fill beside the old jaw stays where the
jaw was: the tone laid under the ear (`neck_layer.under_ear`, mirrored up above the neck box, at a part weight
0.2-0.6 there), the neck band's fill from the person below and the neck tone over it (`layers.HeadLayer`'s
`on_neck`), each a part mix of the statue's clay and the wall's white. Without the neck layer the head's map, scaled
by the neck weight, carried that fill along, hidden behind the moved jaw.

`wall_smear` reads the uncovered pixels near the person's outline (within `BESIDE` face sizes of the photo's
background, off the drawn head's soft edge) whose colour is a mix of the wall's and the head's: its share along the
line from the wall's colour (the photo's median off the person) to the head's (the photo's median under the head)
within `MIX`, and near that line (`OFF_MIX`: not the photo's own coloured clothes). Clean wall (share ~0) and an
opaque neck or clay (share ~1) do not count.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel

UNCOVERED = 0.5
"""The photo's head alpha over which a pixel was under the head."""
CLEAR = 0.02
"""The drawn head alpha under which a pixel shows the plate alone."""
EDGE_PX = 2
"""Px round the drawn head (alpha from `CLEAR`) left out: its own soft edge is a mix of the head and the wall."""
BESIDE = 0.3
"""Face sizes from the photo's background (off the person) within which an uncovered pixel is beside the outline: the
jaw's side over the wall, not the chin's front over the collar (lp_s6's smear lay within 0.2 of the wall)."""
MIX = (0.1, 0.85)
"""The share of the way from the wall's colour to the head's within which a pixel is a translucent mix of the two
(lp_s6 at 384 px: 99 % of its wall under 0.07; 90 % of its head 0.74-1.57)."""
OFF_MIX = 30.0
"""RGB levels: a pixel farther than this from the line between the wall's colour and the head's is no mix of the two
(lp_s6's pink collar, 26-53 off it for 80 % of its pixels, is the photo's own, uncovered beside the chin)."""


def wall_smear(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, drawn: np.ndarray, person: np.ndarray,
               face_px: float) -> float:
    """Square face sizes: the area of `frame` ((h, w, 3) uint8 RGB on the crop) the moved head uncovered (the photo's
    head alpha `alpha` over `UNCOVERED`; the drawn alpha `drawn` under `CLEAR` and `EDGE_PX` px off the drawn head;
    (h, w) float32 each) within `BESIDE` face sizes (`face_px` px) of the photo's background (`person`, (h, w) in
    [0, 1], under 0.5) whose colour lies within `MIX` of the way from the wall's colour to the head's and within
    `OFF_MIX` of that line (medians of `photo`, (h, w, 3) uint8 RGB, off the person and under the head). 0 where
    nothing is uncovered there."""
    found = uncovered_beside(photo, alpha, drawn, person, face_px)
    if found is None:
        return 0.0
    region, wall, step = found
    colour = frame[region].astype(np.float32) - wall
    share = colour @ step / float(step @ step)
    off_line = np.linalg.norm(colour - share[:, None] * step, axis=1)
    mixed = (share > MIX[0]) & (share < MIX[1]) & (off_line < OFF_MIX)
    return float(np.count_nonzero(mixed)) / (face_px * face_px)


def uncovered_beside(photo: np.ndarray, alpha: np.ndarray, drawn: np.ndarray, person: np.ndarray, face_px: float
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The pixels the moved head uncovered beside the wall, as `wall_smear` reads them ((h, w) bool; arguments as
    its), the wall's colour and the step from it to the head's ((3,) float32 RGB each); None where nothing is
    uncovered or the two colours are within a grey level."""
    off = person < 0.5
    if not off.any() or not (alpha >= UNCOVERED).any():
        return None
    wall = np.median(photo[off].reshape(-1, 3), axis=0).astype(np.float32)
    step = np.median(photo[alpha >= UNCOVERED].reshape(-1, 3), axis=0).astype(np.float32) - wall
    if float(step @ step) < 1.0:
        return None
    to_wall = cv2.distanceTransform((~off).astype(np.uint8), cv2.DIST_L2, 5)
    near_head = cv2.dilate((drawn >= CLEAR).astype(np.uint8), np.ones((2 * EDGE_PX + 1,) * 2, np.uint8)) > 0
    return (alpha >= UNCOVERED) & ~near_head & (to_wall <= BESIDE * face_px), wall, step


def beside_pale(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, drawn: np.ndarray, person: np.ndarray,
                face_px: float, pale: float, near: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Each pixel's share of the way from the wall's colour to the head's in `frame` ((h, w) float32; arguments as
    `wall_smear`'s) and the pixels off the drawn head (`EDGE_PX` px off it) within `near` face sizes of a pixel the
    moved head uncovered (`uncovered_beside`) under `pale` of that way ((h, w) bool): beside the wall laid there. None
    where nothing is uncovered."""
    found = uncovered_beside(photo, alpha, drawn, person, face_px)
    if found is None:
        return None
    region, wall, step = found
    share = (frame.astype(np.float32) - wall) @ step / float(step @ step)
    walled = (region & (share < pale)).astype(np.uint8)
    beside = cv2.dilate(walled, disc_kernel(max(1, round(near * face_px)))) > 0
    near_drawn = cv2.dilate((drawn >= CLEAR).astype(np.uint8), np.ones((2 * EDGE_PX + 1,) * 2, np.uint8)) > 0
    return share, beside & ~near_drawn
