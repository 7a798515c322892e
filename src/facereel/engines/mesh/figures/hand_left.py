"""A piece of the photo's hand left at its place when the held hand moves with the head (issue #9, `held_hand`): the
painted test hand's wrist over lp_s1's dress lay past the hold's colour growth, so it was neither held nor filled out
of the photo the map draws, and stayed behind as a brown piece below the moved hand (h34-look, lp_d12 140-179 at 384
px, frame 8, x 169-193 y 339-362).

`hand_left`: the photo's hand (its known `mask`) is placed onto the frame by the head's motion (the similarity of the
stable landmarks, photo -> target: the held hand follows it; `hand_bend`'s affine alignment of the hand's grey levels
fell apart on the painted hand once the hand moved whole, its wrist with it); where the photo's hand lay and the placed hand, grown by `GAP` px, does not reach, the frame's pixels
still within `SAME` grey levels of the photo's hand pixel there are counted (the hand left unmoved; skin, cloth or a
fill drawn there differ from it). Returned: that count over the hand's area. The source repeated reads 0 (the hand
placed where it lay).

`rim_left` reads the hand's blurred rim the same way (h36-hand4, lp_d12 140-179 frames 24-33 at 384 px: the painted
hand's rim on the dress, part hand and part dress, lay past the hold and stayed as a dotted brown line): the photo's
rim pixels (a known hand share between `FAINT` and 0.5) that differ from the photo beside them, outside the placed
hand, still drawn as the photo has them, over those rim pixels."""

from __future__ import annotations

import cv2
import numpy as np
from scipy import ndimage

from facereel.engines.mesh.composite import disc_kernel

GAP = 2
"""px: the placed hand is grown by this before the place it left is read (the frame's resampling and the hold's
softened rim mix the hand's edge rows with what lies beside it)."""

SAME = 12
"""Grey levels (0-255, max over R, G, B): a frame pixel this near the photo's hand pixel at the same place is the
hand left there; the painted hand's grain against the skin, cloth or fill beside it differs by tens of levels."""


FAINT = 0.1
"""Least share (0-1) of the hand in a photo pixel of its blurred rim read by `rim_left`: fainter rim pixels differ from
what lies beside them by less than `SAME` on the test's painted hand over lp_s1's white dress."""


def _placed(mask: np.ndarray, move: np.ndarray) -> np.ndarray:
    """(H, W) bool: the hand `mask` (H, W) bool placed on the frame by `move` ((2, 3) photo -> frame px), grown by
    `GAP` px."""
    placed = cv2.warpAffine(mask.astype(np.uint8), np.asarray(move, np.float32), mask.shape[::-1],
                            flags=cv2.INTER_NEAREST)
    return cv2.dilate(placed, disc_kernel(GAP)) > 0


def uncovered(mask: np.ndarray, move: np.ndarray) -> np.ndarray:
    """(H, W) bool: where the hand `mask` (H, W) bool lay on the photo and the hand placed on the frame by `move`
    ((2, 3) photo -> frame px, the head's similarity), grown by `GAP` px, does not reach."""
    return mask & ~_placed(mask, move)


def hand_left(photo: np.ndarray, frame: np.ndarray, mask: np.ndarray, move: np.ndarray) -> float:
    """Share of the hand's area: pixels of `frame` (H, W, 3) uint8 RGB where the hand `mask` (H, W) bool lay on
    `photo` (H, W, 3) uint8 RGB, outside the hand placed on the frame by `move` ((2, 3) photo -> frame px, the head's
    similarity), still drawn as the photo's hand (module docstring)."""
    same = np.abs(frame.astype(np.int16) - photo.astype(np.int16)).max(axis=2) <= SAME
    return int((uncovered(mask, move) & same).sum()) / max(1, int(mask.sum()))


def rim_left(photo: np.ndarray, frame: np.ndarray, share: np.ndarray, move: np.ndarray) -> float:
    """Share of the hand's blurred rim on `photo` (H, W, 3) uint8 RGB (the pixels whose hand `share` (H, W) float in
    [0, 1] is over `FAINT` and at most 0.5, and whose colour differs by more than `SAME` grey levels from the photo's
    nearest pixel with less than `FAINT` of the hand) that `frame` (H, W, 3) uint8 RGB still draws as the photo has it
    (within `SAME`) outside the hand (share > 0.5) placed on the frame by `move` ((2, 3) photo -> frame px, the head's
    similarity, grown by `GAP` px): the rim left on the cloth as a dotted line where the hand moved off. The source
    repeated reads 0 (the hand placed where it lay covers its rim)."""
    rim = (share > FAINT) & (share <= 0.5)
    _, (ys, xs) = ndimage.distance_transform_edt(share >= FAINT, return_indices=True)
    beside = photo[ys, xs]
    seen = rim & (np.abs(photo.astype(np.int16) - beside).max(axis=2) > SAME)
    same = np.abs(frame.astype(np.int16) - photo.astype(np.int16)).max(axis=2) <= SAME
    left = seen & same & ~_placed(share > 0.5, move)
    return int(left.sum()) / max(1, int(seen.sum()))
