"""A second hand beside the held one (issue #9, `held_hand`): the map carried the photo's own hand pixels out from under
the held hand, which moves rigidly with the head (lp_s1 with the test's hand x lp_d6 600-620: the hand's heel left of
the held one; lp_s12 with it x lp_d19 150-190: a 2-3 px brown ghost of the finger's edge beside it).

`hand_ghost`: the photo's hand (its known `mask`) is aligned onto the frame as `hand_bend` aligns it (one affine map
for the whole hand); in the ring from `GAP` to `REACH` px round the hand so placed, the frame's pixels of the hand's
colour (Lab within `LIKE` standard deviations of the photo's hand pixels, per channel) are counted, less those in the
same ring round the hand on the photo itself (the skin or a sleeve beside it that has the hand's colour). Returned:
that excess over the hand's area (0 or less: no more hand colour beside the hand than the photo has). The source
repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.figures.hand_bend import aligned

GAP = 1
"""px: the ring starts this far out from the placed hand (the frame's resampling mixes its edge row with the face)."""

REACH = 12
"""px: how far out from the placed hand the ring reaches (a big head move left the photo's hand ~10 px beside the held
one at `--size 256`)."""

LIKE = 2.0
"""Standard deviations of the photo's hand Lab colour (per channel) within which a pixel is of the hand's colour."""


def _ring(mask: np.ndarray) -> np.ndarray:
    """(H, W) bool: the pixels from `GAP` to `REACH` px outside `mask` (H, W) bool."""
    grow = [cv2.dilate(mask.astype(np.uint8), disc_kernel(r)) > 0 for r in (GAP, REACH)]
    return grow[1] & ~grow[0]


def hand_ghost(photo: np.ndarray, frame: np.ndarray, mask: np.ndarray) -> float:
    """Hand-coloured pixels of `frame` (H, W, 3) uint8 RGB in the ring round the photo's hand `mask` (H, W) bool placed
    on it, less those round it on `photo` (H, W, 3) uint8 RGB, over the hand's area (module docstring)."""
    labs = [cv2.cvtColor(np.ascontiguousarray(im), cv2.COLOR_RGB2LAB).astype(np.float32) for im in (photo, frame)]
    sure = cv2.erode(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    mean, spread = labs[0][sure].mean(0), labs[0][sure].std(0) + 1.0
    placed = cv2.warpAffine(mask.astype(np.uint8), aligned(photo, frame, mask), frame.shape[1::-1],
                            flags=cv2.INTER_NEAREST) > 0
    counts = [int(((np.abs(lab - mean) < LIKE * spread).all(-1) & _ring(m)).sum())
              for lab, m in zip(labs, (mask, placed))]
    return (counts[1] - counts[0]) / max(1, int(mask.sum()))
