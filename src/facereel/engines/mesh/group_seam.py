"""How `group.FaceGroup` lays several faces' renders into one frame without a seam.

Three steps, each soft, so nothing along the line between two faces flickers from frame to frame:

1. Soft owners (`soft_owners`): each moving face's render weighs 1 inside the pixels it owns and fades to
   its neighbour's across their border over `SEAM_FEATHER` of the (smallest moving) face's size, by a
   distance transform of the owner map; against a still face it fades to 0 on the moving face's own side,
   so a still face's pixels stay the source's.
2. Uncovered plates (`Uncovered`): where a face's head moved off its plate next to a face it overlaps,
   the plate's fill (from the background beside the head) gives way, for a front face, to the colours of
   the faces behind it (filled in from their own pixels round the hole), for a back face to the source
   (its own hair as it was, hidden further on by the front face): no background-coloured sliver at the
   seam.
3. Layers (`FaceGroup.render`): back to front, each moving face's head layer is laid over what is below
   with its alpha as drawn this frame, except under a face in front of it (or an unordered neighbour):
   a front jaw moving over the back face's hair is drawn whole, not cut along a fixed owner line.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_proxy import smoothstep
from facereel.engines.mesh.layers import FULL_PLATE_AT, fill_hole

SEAM_FEATHER = 0.04  # face sizes: the width over which one face's render fades into its neighbour's


def _signed_distance(mine: np.ndarray) -> np.ndarray:
    """(H, W) float32 px: the distance to the border of `mine` (H, W) bool, positive inside, negative out."""
    inside = mine.astype(np.uint8)
    return (cv2.distanceTransform(inside, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
            - cv2.distanceTransform(1 - inside, cv2.DIST_L2, cv2.DIST_MASK_PRECISE))


def soft_owners(owner: np.ndarray, moving: list[int], feather_px: float) -> dict[int, np.ndarray]:
    """{moving face: (H, W) float32 in [0, 1], its render's weight}: `owner` (H, W) int (each pixel's face)
    feathered across the borders by `feather_px` px. Between two moving faces the weights sum to 1 and
    meet at 0.5 on the border; on a still face's pixels every weight is 0 (they reach 1 `feather_px` inside
    the moving face). Where all weights are 0 the frame is the source."""
    raw = {face: smoothstep(-feather_px / 2, feather_px / 2, _signed_distance(owner == face)) for face in moving}
    total = np.maximum(np.sum(list(raw.values()), axis=0), 1e-6)
    still = ~np.isin(owner, moving)
    away = smoothstep(0.0, feather_px, -_signed_distance(still)) if still.any() else 1.0
    return {face: (weight / total * away).astype(np.float32) for face, weight in raw.items()}


class Uncovered:
    """What shows where a face's head moved off its own plate next to another face it overlaps, instead of
    the plate's fill (made from the background beside the head: a background-coloured sliver at the seam).

    plate: (H, W) float32 in [0, 1], where the face's plate is its fill (`plate_weight`); near: (H, W) bool,
    the pixels of the faces it overlaps (owned by them); colour: (H, W, 3) float32, what shows there.
    `weight` (H, W) float32 in [0, 1]: how much `colour` replaces the plate: 1 where the plate's hole
    borders those faces, fading across the hole towards the background side (push-pull spread of `near`)."""

    def __init__(self, plate: np.ndarray, near: np.ndarray, colour: np.ndarray) -> None:
        spread = fill_hole(np.repeat(near[..., None].astype(np.float32), 3, axis=2), 1.0 - plate)[..., 0]
        self.weight = (smoothstep(0.25, 0.75, spread) * (plate > 0)).astype(np.float32)
        self.colour = colour

    @classmethod
    def in_front(cls, source: np.ndarray, plate: np.ndarray, behind: np.ndarray) -> Uncovered:
        """A front face's hole over the faces `behind` (H, W) bool: their colours, filled in from their own
        pixels round the hole (push-pull), as more of them would show behind the moved head."""
        return cls(plate, behind, fill_hole(source, (1.0 - plate) * behind))

    @classmethod
    def behind(cls, source: np.ndarray, plate: np.ndarray, alpha: np.ndarray, ahead: np.ndarray) -> Uncovered:
        """A back face's hole beside the faces `ahead` (H, W) bool in front of it: on its faint fringe (head
        `alpha` (H, W) float32 under 0.5: the hair the front face's band cut) the source, its hair as it was;
        deeper in its head, where the source shows its own face, a smooth fill from the front faces' pixels
        round the hole (their hair edge), not a second copy of its moved features."""
        inner = smoothstep(0.3, 0.9, alpha)[..., None]
        beside = fill_hole(source, (1.0 - plate) * ahead)
        return cls(plate, ahead, (1 - inner) * source.astype(np.float32) + inner * beside)


def plate_weight(alpha: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much a face's plate is its fill (not the source), from its head alpha."""
    return np.clip(alpha / FULL_PLATE_AT, 0, 1).astype(np.float32)
