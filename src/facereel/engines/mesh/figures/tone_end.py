"""The neck tone's hard end over dark clothes under a raised chin (issue #9, h25-sr8step).

sr_8 at 512, `facereel edit --pitch -15`: below the raised chin the shadowed neck tone, uncovered where the photo's
chin was, ended in a hard straight dark step against her hoodie (x 225-290, y 232-243) at the plate's hole's end;
`hole_end.into_clothes` fades it into the clothes' colour over its last rows.

`tone_end_step` reads, in each column of the photo's lit chin tip (`still_chin.chin_tip`), the largest one-row
drop in grey level (px to px down) from `GAP` px below the tip's lowest row to `still_chin.BELOW` face sizes below
the chin landmark plus `BELOW` px, and takes the median over those columns: a hard edge where the photo shows its
flat clothes. The source repeated reads the photo's own clothes there (a few grey levels).

`pale_top` reads the hard top of a pale patch standing in the moved neck's dark tone (lp_s3 x preset:turn 36-44,
own size, x 254-266, y ~238-250: the mirrored lit neck, `neck.NeckWarp.mirror`, in the columns where the photo's
neck is lit, beside the shadowed tone): the median (or the upper quartile: the patch's harder columns) over a box's
columns of the largest one-row grey rise (px to px down). The source repeated reads the photo's own soft shading
there.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.still_chin import BELOW as TIP_BELOW
from facereel.engines.mesh.figures.still_chin import chin_tip

GAP = 2
"""Px below the photo's chin tip's lowest row where the window starts (the photo's own chin edge left out)."""
BELOW = 0.06
"""Face sizes below the chin tip's rows (`still_chin.BELOW`) to which the window reaches."""


def tone_end_step(frame: np.ndarray, photo: np.ndarray, chin: np.ndarray, face_px: float) -> float:
    """Median over the photo's chin tip's columns of the largest one-row grey drop in `frame` ((h, w, 3) uint8
    RGB, the photo's box) below where the tip ends in `photo` (same box; its chin landmark at `chin`, (2,) px;
    face_px: the face size, px); 0 where the photo shows no lit chin tip."""
    tip = chin_tip(photo, chin, face_px)
    columns = np.flatnonzero(tip.any(0))
    if not len(columns):
        return 0.0
    grey = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY).astype(np.float32)
    drop = grey[:-1] - grey[1:]  # (h - 1, w): how much darker the next row down is
    last = grey.shape[0] - 1 - np.argmax(tip[::-1, columns], 0)  # the tip's lowest row per column
    end = int(min(drop.shape[0], round(chin[1] + (TIP_BELOW + BELOW) * face_px)))
    reads = [float(drop[r + GAP:end, c].max()) for r, c in zip(last, columns, strict=True) if r + GAP < end]
    return float(np.median(reads)) if reads else 0.0



def pale_top(frame: np.ndarray, box: tuple[int, int, int, int], share: float = 0.5) -> float:
    """The `share` quantile (0.5: the median) over the columns of `box` ((x0, y0, x1, y1) px in `frame`, (h, w, 3)
    uint8 RGB) of the largest one-row grey rise (how much lighter the next row down is), grey levels: the hard top
    of a pale patch in a dark band."""
    x0, y0, x1, y1 = box
    grey = cv2.cvtColor(frame[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).astype(np.float32)
    return float(np.quantile((grey[1:] - grey[:-1]).max(0), share))
