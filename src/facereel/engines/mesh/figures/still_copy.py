"""The still second copy of a back face's hair, read from a rendered frame (issue #12): where the head of a face
behind another moved off the strip of its own hair it carries beside the front head, the frame still showing
the photo's hair there, unmoved, beside the moved copy of it (lp_s5 behind lp_s1 on lp_d12: a dark second
copy of her hair above and beside her moved-down head).

`copy_zone` is that strip: the back face's head (its head alpha as the photo has it, >= 0.5) within
`back_tear.REACH` back-face sizes of its region's cut (`back_tear.tear_zone`), off the pixels the front faces'
regions hold whole (there the front person is, and the front head's own layer goes over it). `still_copy`
counts the zone's pixels the moved head left this frame (`left`: its drawn alpha under 0.5) where the frame
is still the photo (within `STILL` grey levels, largest channel): the hair shown a second time, where the
wall behind it belongs. The source repeated leaves nothing: 0.

`wisp_zone` and `still_wisp` do the same on the head's faint fringe (the photo's head alpha under 0.5), which
`copy_zone` leaves out: the thin strand tips of her hair beside the front head's top, left standing as a dark
wisp over the wall when her head moved down and away (lp_d12 frame 20).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.figures.back_tear import tear_zone

STILL = 10
"""Grey levels (largest channel difference): a frame pixel this close to the photo's is the photo's, unmoved."""
FRINGE = 0.05
"""Head alpha (the photo's): the faintest fringe `wisp_zone` holds, the tips of thin strands."""
HAIR = 24
"""Grey levels of luma: a photo pixel this much darker than the wall beside the head shows hair."""


def copy_zone(head: np.ndarray, region: np.ndarray, fronts: np.ndarray, size: float) -> np.ndarray:
    """(H, W) bool: the back face's own hair strip beside the front head: its head (`head` (H, W) float32, its
    head alpha as the photo has it, >= 0.5) near its region's cut (`region` (H, W) float32 < 1, within
    `back_tear.REACH` * `size` px, its face size), off the front faces' whole regions (`fronts` (H, W)
    float32, the largest of their regions, < 1)."""
    return tear_zone(head, region, size) & (fronts < 1)


def still_copy(frame: np.ndarray, photo: np.ndarray, zone: np.ndarray, left: np.ndarray) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool, `copy_zone`) that the moved head left (`left` (H, W)
    bool: its drawn alpha under 0.5 this frame) where `frame` ((H, W, 3) uint8 RGB) is still the `photo`
    ((H, W, 3) uint8 RGB), within `STILL` grey levels in every channel."""
    same = np.abs(frame.astype(np.int16) - photo).max(2) <= STILL
    return zone & left & same


def wisp_zone(head: np.ndarray, region: np.ndarray, fronts: np.ndarray, size: float, below_chin: np.ndarray
              ) -> np.ndarray:
    """(H, W) bool: the back face's hair fringe beside the front head: its head's faint edge (`head` (H, W)
    float32, the photo's head alpha, in [`FRINGE`, 0.5)) near its region's cut (`back_tear.tear_zone`, `region`
    and `size` as `copy_zone`'s), off the front faces' whole regions (`fronts` (H, W) float32 < 1), above its
    chin (`below_chin` (H, W) float32 < 0, `FaceRegions.below_chin`: her jaw's edge is no hair)."""
    return tear_zone(head, region, size, FRINGE) & (head < 0.5) & (fronts < 1) & (below_chin < 0)


def still_wisp(frame: np.ndarray, photo: np.ndarray, zone: np.ndarray, head: np.ndarray, drawn: np.ndarray
               ) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool, `wisp_zone`) that show hair in the `photo` ((H, W, 3)
    uint8 RGB: darker by over `HAIR` grey levels of luma than the wall, the upper quartile of its pixels off the
    head (`head` (H, W) float32 at 0) in the zone's box), that the moved head left (its drawn alpha `drawn`
    (H, W) float32 under half the photo's `head` alpha) and where `frame` ((H, W, 3) uint8 RGB) is still the
    photo (within `STILL` grey levels in every channel): a strand left standing where its head moved off."""
    ys, xs = np.nonzero(zone)
    if not len(ys):
        return zone.copy()
    box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    luma = photo.astype(np.float32) @ LUMA
    off = luma[box][head[box] <= 0]
    wall = float(np.percentile(off, 75)) if off.size else float(luma[box].max())
    same = np.abs(frame.astype(np.int16) - photo).max(2) <= STILL
    return zone & (luma < wall - HAIR) & (drawn < 0.5 * head) & same
