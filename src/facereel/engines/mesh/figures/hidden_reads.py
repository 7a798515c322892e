"""Pixels drawn from the strip of the photo a jump of the map hides: off the seam (`warp.Seam`), so mapped by the
coarse field upsampled bilinearly, whose drawn backward map lies between its two neighbours' on a row or a column,
more than `edge_steps.DRAWN_JUMP` px from each and `HIDDEN` px from the two together: not a squeeze inside a
triangle but a blend of the two sides' maps across a jump, which reads whatever the photo holds between them.
lp_s1 at 512 x preset:turn 36-47: the far cheek drawn over its hair, its outline jumping over the photo's ear lobe,
earring and cheek edge (~20-40 px of the photo), read as pale, grey-blue and dark specks along a hard 1-px staircase
(a jump cell's pixels that none of the triangles of the 4 x 4 samples around the cell covers, left bilinear until
`map_kernels.uncovered_pixels` drew them by the triangle behind, h41-s1stair). `hidden_reads` also counts the specks
among them: the reads whose grey level lies over `SPECK` outside the range of the two neighbours it lies between.
The source repeated has no map: 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.edge_steps import DRAWN_JUMP
from facereel.engines.mesh.geometry.warp import Seam

HIDDEN = 8.0
"""px: a pixel's maps' distances to its two neighbours' summed over this are a jump's two sides (a squeeze of the
photo by up to 2x, lp_s1's far lid at 2 px per px, sums ~4)."""

SPECK = 8.0
"""Grey levels: a hidden read this far above the lighter or below the darker of its two neighbours is a speck (a
blend between them is not)."""


def hidden_reads(frame: np.ndarray, disp: np.ndarray, seam: Seam | None, origin: tuple[int, int],
                 box: tuple[int, int, int, int]) -> tuple[int, int]:
    """(reads, specks): how many crop pixels inside `box` ((x0, y0, x1, y1) image px, ends exclusive) off `seam`
    have a drawn backward map (`disp` (h, w, 2) float32 crop px, the crop at `origin` (x, y) image px) more than
    `DRAWN_JUMP` px from both neighbours' on a row or a column and `HIDDEN` px from the two together, and how many
    of those lie over `SPECK` grey levels outside their two neighbours' range there in `frame` ((H, W, 3) uint8
    RGB)."""
    h, w = disp.shape[:2]
    on = np.zeros((h, w), bool)
    if seam is not None:
        on[seam.rows, seam.cols] = True
    grey = grey_image(frame)[origin[1]:origin[1] + h, origin[0]:origin[0] + w]
    reads, specks = np.zeros((h, w), bool), np.zeros((h, w), bool)
    for dy, dx in ((0, 1), (1, 0)):
        inner = (slice(dy, h - dy), slice(dx, w - dx))
        before, after = (slice(0, h - 2 * dy), slice(0, w - 2 * dx)), (slice(2 * dy, h), slice(2 * dx, w))
        to_before = np.linalg.norm(disp[inner] - disp[before], axis=-1)
        to_after = np.linalg.norm(disp[inner] - disp[after], axis=-1)
        hit = ((to_before > DRAWN_JUMP) & (to_after > DRAWN_JUMP) & (to_before + to_after > HIDDEN)
               & ~on[inner])
        outside = np.maximum(grey[inner] - np.maximum(grey[before], grey[after]),
                             np.minimum(grey[before], grey[after]) - grey[inner])
        reads[inner] |= hit
        specks[inner] |= hit & (outside > SPECK)
    x0, y0, x1, y1 = box
    window = (slice(max(y0 - origin[1], 0), max(y1 - origin[1], 0)),
              slice(max(x0 - origin[0], 0), max(x1 - origin[0], 0)))
    return int(reads[window].sum()), int(specks[window].sum())
