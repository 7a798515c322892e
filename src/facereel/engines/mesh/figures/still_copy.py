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
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.back_tear import tear_zone

STILL = 10
"""Grey levels (largest channel difference): a frame pixel this close to the photo's is the photo's, unmoved."""


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
