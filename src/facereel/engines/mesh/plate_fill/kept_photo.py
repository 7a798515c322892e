"""The photo the plate keeps beside the head, laid over with the plate round it once the head beside it moved off
(issue #9).

Behind the head's faintest fringe (head alpha under `layers.FULL_PLATE_AT`) the plate fades back to the photo, so a
still frame is the photo bit for bit. Where the segmentation gave the head's own rim no alpha (lp_s0's dark hair
rim over her dress, lp_s3's jaw end, lp_s5's lock tip's end) that photo lies far from the hole's fill, and where
the head moved off it stood still beside the moved head as a dark speck or line. Carrying those pixels with the
head instead (alpha 1, or the head's share of a blend of its colour and the fill) left them as detached blots beside
the moved jaw (lp_s3, rolled -20) and a black blot in lp_s0's moved hair; the fill itself laid there left light dots
where the plate round them is the photo (lp_s0's hair top). So the plate stays the photo there while the head beside
it stays, and takes the plate round it (inpainted) as that head pixel is uncovered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.plate_fill.plate import nearest_pixels

if TYPE_CHECKING:
    from facereel.engines.mesh.geometry.head_proxy import HeadMask

KEPT_CONTRAST = 25.0
"""Grey levels: the photo this far from the hole's fill is kept photo (a mark once the head moves off)."""
SOLID = 0.5
"""Head alpha from which a pixel is the head beside a kept one."""
INPAINT_PX = 2
"""px: the reach of the inpainting that carries the plate round the kept pixels over them."""


def kept_photo(source: np.ndarray, fill: np.ndarray, faint: np.ndarray, hole: np.ndarray, mask: HeadMask
               ) -> np.ndarray:
    """(h, w) bool: the pixels of the plate's `hole` ((h, w), nonzero inside) behind the head's `faint` fringe ((h,
    w) bool, where the plate fades back to the photo) whose photo (`source`, (h, w, 3) uint8) lies `KEPT_CONTRAST`
    or more grey levels from the hole's `fill` ((h, w, 3) float32): on the person (`mask.person`; beside the
    background `plate.margin_shadow` takes what the head casts) off the neck band and the chin's photo
    (`mask.neck`, `mask.photo`: the neck layer's)."""
    grey = np.abs(source.astype(np.float32).mean(2) - fill.mean(2))
    return ((hole > 0) & faint & (mask.person > 0.5) & (mask.neck < 0.5) & (mask.photo < 0.5)
            & (grey >= KEPT_CONTRAST))


class KeptPhoto:
    """The kept photo's pixels of one crop and what laying the fill there changes.

    kept: (h, w) bool, `kept_photo`; alpha: (h, w) float32, the head's alpha; plate: (h, w, 3) float32, the plate
    (the photo, faded, on the kept pixels)."""

    def __init__(self, kept: np.ndarray, alpha: np.ndarray, plate: np.ndarray) -> None:
        self.rows, self.cols = np.nonzero(kept)  # (k,) crop px
        solid = alpha >= SOLID
        near = nearest_pixels(solid)[1][kept] if solid.any() else np.zeros(0, np.int64)
        self.head_rows, self.head_cols = np.divmod(near, alpha.shape[1])  # (k,) the nearest head pixel, crop px
        self.head_alpha = alpha[self.head_rows, self.head_cols]  # (k,) its alpha in the photo
        # (k, 3) float32: the plate round the kept pixels carried over them (inpainted) less the plate there
        around = cv2.inpaint(np.clip(np.rint(plate), 0, 255).astype(np.uint8), kept.astype(np.uint8), INPAINT_PX,
                             cv2.INPAINT_TELEA)
        self.step = around[kept].astype(np.float32) - plate[kept]

    def lay(self, out: np.ndarray, alpha: np.ndarray, box: tuple[slice, slice]) -> None:
        """Lay the plate round them on the kept pixels of `out` ((b, a, 3) uint8, the `box` (rows, columns, with starts) of the
        crop as composited) as far as the head pixel nearest each is uncovered (1 - its drawn alpha over its
        photo's, from `alpha` (b, a) float32 as drawn on the box; none where it lies outside the box, unmoved), at
        the share the head leaves of the plate there (1 - its drawn alpha). Where nothing moved, nothing changes."""
        (rows, cols), (b, a) = box, alpha.shape
        y, x = self.rows - rows.start, self.cols - cols.start
        hy, hx = self.head_rows - rows.start, self.head_cols - cols.start
        use = (y >= 0) & (y < b) & (x >= 0) & (x < a) & (hy >= 0) & (hy < b) & (hx >= 0) & (hx < a)
        if not use.any():
            return
        y, x, hy, hx = y[use], x[use], hy[use], hx[use]
        off = 1 - np.clip(alpha[hy, hx] / self.head_alpha[use], 0, 1)
        share = (off * (1 - alpha[y, x]))[:, None]
        if not share.any():
            return
        out[y, x] = np.clip(np.rint(out[y, x] + share * self.step[use]), 0, 255).astype(np.uint8)
