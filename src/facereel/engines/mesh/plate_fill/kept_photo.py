"""The photo the plate keeps beside the head, laid over with the plate round it once the head beside it moved off
(issue #9).

Behind the head's faintest fringe (head alpha under `layers.FULL_PLATE_AT`) the plate fades back to the photo, so a
still frame is the photo bit for bit. Where the segmentation gave the head's own rim no alpha (lp_s0's dark hair
rim over her dress, lp_s3's jaw end, lp_s5's lock tip's end) that photo lies far from the hole's fill, and where
the head moved off it stood still beside the moved head as a dark speck or line. Carrying those pixels with the
head instead (alpha 1, or the head's share of a blend of its colour and the fill) left them as detached blots beside
the moved jaw (lp_s3, rolled -20) and a black blot in lp_s0's moved hair; the fill itself laid there left light dots
where the plate round them is the photo (lp_s0's hair top). So the plate stays the photo there while the head beside
it stays, and takes the plate round it (inpainted) as that head pixel is uncovered; where the neck layer moved the
plate, where the moved plate shows it (`moved_steps`: laid in place, lp_s1's far jaw rim's step stood on her moved
neck as a pale streak).

A kept part beside the neck band as wide as the hole's margin and along the person's outline is no rim but the neck's
side the band left out (lp_s6's neck under each lobe, 13 px across, between the band and the person's outline): the
plate round it is the hole's wall-coloured fill, and laid there it cut a pale block with a straight edge out of the
still neck under the moved jaw (`edit --pitch 20 --roll -15`, `figures.neck_side.paled_neck`). It stays the photo, as
the neck beside it does, but for its pixels as light as the wall beside it: the person mask runs a few px past the
neck's outline, and the sharpened wall's light line kept there stood beside the rolled head (`figures.left_halo`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, moved_reads
from facereel.engines.mesh.plate_fill.plate import nearest_pixels

if TYPE_CHECKING:
    from facereel.engines.mesh.geometry.head_proxy import HeadMask

KEPT_CONTRAST = 25.0
"""Grey levels: the photo this far from the hole's fill is kept photo (a mark once the head moves off)."""
SOLID = 0.5
"""Head alpha from which a pixel is the head beside a kept one."""
INPAINT_PX = 2
"""px: the reach of the inpainting that carries the plate round the kept pixels over them."""
NECK_SIDE = 0.6
"""Hole margins (`grow_px`): a kept part beside the neck band whose widest inside point lies this far from its edge is
the neck's side, not a rim (lp_s6's 0.7 at its own size and at 512; the widest rims beside the band: lp_s12's 0.5,
lp_s1's 0.45, lp_s5's lock tip 0.4)."""
BESIDE_PX = 2
"""px: a kept part this near the neck band (`HeadMask.neck` over 0.5) or the background (`HeadMask.person` under 0.5)
lies beside it."""
OUTLINE_SHARE = 0.05
"""Share of a kept part's pixels beside the background from which it lies along the person's outline (lp_s6's neck
sides 0.09-0.11, the astronaut's 0.21; grace_hopper's dark shadow between her hair and collar, inside the person,
0.01: a mark the lay is for)."""
WALL_LIKE = 15.0
"""Grey levels: a neck side's pixel whose photo is no more than this darker than the background pixel nearest it is
the wall inside the person mask's fringe, not the neck (lp_s6 at 512: the sharpened wall's light line past the neck's
dark outline, 0-5 over the wall beside, the mask 2-4 px past the outline; the neck's skin and outline 100 or more
under it). It is laid over as a rim: kept, that light line stood beside the moved head (`figures.left_halo`, roll 20:
1.10 where the lay leaves -0.02)."""


def kept_photo(source: np.ndarray, fill: np.ndarray, faint: np.ndarray, hole: np.ndarray, mask: HeadMask,
               grow_px: int) -> np.ndarray:
    """(h, w) bool: the pixels of the plate's `hole` ((h, w), nonzero inside; the head grown by `grow_px` px) behind
    the head's `faint` fringe ((h, w) bool, where the plate fades back to the photo) whose photo (`source`, (h, w, 3)
    uint8) lies `KEPT_CONTRAST` or more grey levels from the hole's `fill` ((h, w, 3) float32): on the person
    (`mask.person`; beside the background `plate.margin_shadow` takes what the head casts) off the neck band and the
    chin's photo (`mask.neck`, `mask.photo`: the neck layer's), and off the neck's sides (`neck_sides`) but for
    their pixels as light as the wall beside (`wall_like`)."""
    grey = np.abs(source.astype(np.float32).mean(2) - fill.mean(2))
    kept = ((hole > 0) & faint & (mask.person > 0.5) & (mask.neck < 0.5) & (mask.photo < 0.5)
            & (grey >= KEPT_CONTRAST))
    background = mask.person < 0.5
    sides = neck_sides(kept, mask.neck > 0.5, background, grow_px)
    if not sides.any():  # (`wall_like` reads the whole crop: ~5 CPU ms at 384 px, for the sides' pixels only)
        return kept
    return kept & ~(sides & ~wall_like(source, background))


def wall_like(source: np.ndarray, background: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels of `source` ((h, w, 3) uint8) whose grey is at most `WALL_LIKE` levels under that of
    the `background` pixel ((h, w) bool) nearest each (or over it); none without a background."""
    if not background.any():
        return np.zeros(background.shape, bool)
    grey = source.astype(np.float32).mean(2)
    return grey >= grey.ravel()[nearest_pixels(background)[1]] - WALL_LIKE


def neck_sides(kept: np.ndarray, band: np.ndarray, background: np.ndarray, grow_px: int) -> np.ndarray:
    """(h, w) bool: the pixels of `kept` ((h, w) bool) in parts (8-connected once 1 px gaps are closed) within
    `BESIDE_PX` of the neck `band` ((h, w) bool) whose widest inside point lies `NECK_SIDE` * `grow_px` px or more
    from the part's edge and `OUTLINE_SHARE` or more of whose pixels lie within `BESIDE_PX` of the `background` ((h,
    w) bool): the neck's side beside the band, along the person's outline, not the head's rim (but for its pixels
    `wall_like`, `kept_photo` keeps them the photo)."""
    closed = cv2.morphologyEx(kept.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    count, parts = cv2.connectedComponents(closed, connectivity=8)
    if count < 2:
        return np.zeros_like(kept)
    inside = cv2.distanceTransform(closed, cv2.DIST_L2, 5)
    widest = np.zeros(count, np.float32)
    np.maximum.at(widest, parts.ravel(), inside.ravel())
    reach = np.ones((2 * BESIDE_PX + 1, 2 * BESIDE_PX + 1), np.uint8)
    near = cv2.dilate(band.astype(np.uint8), reach) > 0
    beside = np.zeros(count, bool)
    beside[parts[near & (closed > 0)]] = True
    on_outline = (cv2.dilate(background.astype(np.uint8), reach) > 0) & (closed > 0)
    outline = np.bincount(parts[on_outline], minlength=count) >= OUTLINE_SHARE * np.bincount(parts.ravel(),
                                                                                           minlength=count)
    side = beside & outline & (widest >= NECK_SIDE * grow_px)
    side[0] = False
    return kept & side[parts]


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

    def lay(self, out: np.ndarray, alpha: np.ndarray, box: tuple[slice, slice], walled: np.ndarray | None = None,
            moved: tuple[np.ndarray, int, int] | None = None) -> None:
        """Lay the plate round them on the kept pixels of `out` ((b, a, 3) uint8, the `box` (rows, columns, with starts) of the
        crop as composited) as far as the head pixel nearest each is uncovered (1 - its drawn alpha over its
        photo's, from `alpha` (b, a) float32 as drawn on the box; none where it lies outside the box, unmoved), at
        the share the head leaves of the plate there (1 - its drawn alpha) and the plate leaves of the photo (1 -
        `walled`, (b, a) float32 in [0, 1]: the wall's share mixed into it, `shifted_wall.BesideWall.mixed`; None:
        none). Where nothing moved, nothing changes. moved: the neck layer's backward displacement of the plate
        ((n, m, 2) px, `HeadLayer.neck_field`'s first part) and its first row and column in the box: there the step
        goes where the moved plate shows each kept pixel (`moved_steps`), not where the photo had it."""
        (rows, cols), (b, a) = box, alpha.shape
        y, x = self.rows - rows.start, self.cols - cols.start
        hy, hx = self.head_rows - rows.start, self.head_cols - cols.start
        use = (y >= 0) & (y < b) & (x >= 0) & (x < a) & (hy >= 0) & (hy < b) & (hx >= 0) & (hx < a)
        if not use.any():
            return
        y, x, hy, hx = y[use], x[use], hy[use], hx[use]
        off = 1 - np.clip(alpha[hy, hx] / self.head_alpha[use], 0, 1)
        if moved is not None and moved[0].any() and off.any():
            y, x, step = moved_steps(y, x, off[:, None] * self.step[use], *moved)
            off = np.ones(len(y), np.float32)
        else:
            step = self.step[use]
        share = (off * (1 - alpha[y, x]) * (1 if walled is None else 1 - walled[y, x]))[:, None]
        if not share.any():
            return
        out[y, x] = np.clip(np.rint(out[y, x] + share * step), 0, 255).astype(np.uint8)


def moved_steps(y: np.ndarray, x: np.ndarray, step: np.ndarray, disp: np.ndarray, row: int, col: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kept pixels' steps moved with the plate the neck layer moves: (k',) rows and columns of the box and (k', 3)
    float32 steps. y, x: (k,) box px of the kept pixels; step: (k, 3) float32, each one's step as laid (its share of
    the head's uncovering taken); disp: (n, m, 2) float32 px, the neck's backward displacement on the box from `row`,
    `col` (the plate there reads the plate at each pixel plus it, bilinear): there each pixel takes the steps where it
    reads, read alike; the kept pixels outside keep theirs. Laid where the photo had them, the steps over a moved neck
    drew the kept rim's inpainted light as a streak on it: lp_s1 512 x preset:turn 40-48, the far jaw's rim (kept
    photo, 186-200 grey beside the collar's 236 fill) raised by 20-32 grey levels where the neck layer had moved the
    plate 10-14 px aside (`figures.kept_streak`)."""
    n, m = disp.shape[:2]
    under = (y >= row) & (y < row + n) & (x >= col) & (x < col + m)
    reach = int(np.ceil(max(disp.max(), -disp.min()))) + 1  # px: how far from the moved part a read may land
    read = (y >= row - reach) & (y < row + n + reach) & (x >= col - reach) & (x < col + m + reach)
    if not read.any():
        return y, x, step
    read_y, read_x = y[read], x[read]
    top, left = read_y.min(), read_x.min()
    field = np.zeros((read_y.max() + 1 - top, read_x.max() + 1 - left, 3), np.float32)  # on the read steps' box
    field[read_y - top, read_x - left] = step[read]
    # the part of the moved plate whose reads can land on that box (rows r0:r1, columns c0:c1 of `disp`)
    r0, r1 = max(0, top - reach - row), min(n, top + field.shape[0] + reach - row)
    c0, c1 = max(0, left - reach - col), min(m, left + field.shape[1] + reach - col)
    if r0 >= r1 or c0 >= c1:
        return y[~under], x[~under], step[~under]
    # The moved plate's reads of the field where any channel is not 0 (`cv2.remap`, bilinear, 0 off it), one pass.
    size = (r1 - r0) * (c1 - c0)
    ys, xs, moved = np.empty(size, np.int64), np.empty(size, np.int64), np.empty((size, 3), np.float32)
    count = moved_reads(field, disp[r0:r1, c0:c1], int(col + c0 - left), int(row + r0 - top), BILINEAR_WEIGHTS, ys, xs,
                        moved)
    return (np.concatenate([y[~under], ys[:count] + row + r0]), np.concatenate([x[~under], xs[:count] + col + c0]),
            np.concatenate([step[~under], moved[:count]]))
