"""How `group.FaceGroup` lays several faces' renders into one frame without a seam.

Three steps, each soft, so nothing along the line between two faces flickers from frame to frame:

1. Soft owners (`soft_owners`): each moving face's render weighs 1 inside the pixels it owns and fades to
   its neighbour's across their border over `SEAM_FEATHER` of the (smallest moving) face's size, by a
   distance transform of the owner map; against a still face it fades to 0 on the moving face's own side,
   so a still face's pixels stay the source's.
2. Uncovered plates (`Uncovered`): where a face's head moved off its plate next to a face it overlaps,
   the plate's fill (from the background beside the head) gives way to the source on the head's faint
   fringe and, deeper in the head, to a smooth fill from the other face's pixels round the hole: no
   background-coloured sliver at the seam, no second copy of a moved eye.
3. Layers (`FaceGroup.render`): back to front, each moving face's head layer is laid over what is below
   with its alpha as drawn this frame, except under a face in front of it (or an unordered neighbour):
   a front jaw moving over the back face's hair is drawn whole, not cut along a fixed owner line.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.layers import FULL_PLATE_AT, fill_hole

SEAM_FEATHER = 0.04  # face sizes: the width over which one face's render fades into its neighbour's
FILL_REACH = 0.03  # face sizes: a back face's uncovered fill comes from the other faces' pixels this close to its hole


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

    plate: (H, W) float32 in [0, 1], where the face's plate is its fill (`plate_weight`); alpha: (H, W)
    float32, its head alpha in the source; near: (H, W) bool, the pixels of the faces it overlaps (owned by
    them: behind it for a front face, in front for a back face). `colour(source)` (H, W, 3) float32: on the
    head's faint fringe (alpha under 0.3, the hair a region cut or the mask's edge) the source, mostly what
    is behind it already; deeper in the head (alpha over 0.9, where the source would be a second copy of the
    moved face) a smooth fill from the other faces' pixels round the hole (push-pull); between, a blend.
    `weight` (H, W) float32 in [0, 1]: how much `colour` replaces the plate: 1 where the hole borders those
    faces, fading across the hole towards the background side (push-pull spread of `near`). The weight
    depends on the masks only (a video reuses it while its faces barely move, `group.FaceGroup(like=)`);
    the colour on each frame's pixels. deep: False for a front face whose plate is already filled from the
    faces behind it (`FaceRegions.under`): deeper in the head its plate stays (the back person's hair and
    skin carried in with their texture; the smooth fill showed there as a flat brown wedge between the back
    cheek and the front hair where the front head turned away), only its faint fringe gives way to the
    source. region: (H, W) float32 in [0, 1], the front face's region (`FaceRegions.region`) when `deep` is
    False: its fade band (region under 1) counts as the fringe too, so the plate there gives way to the
    source: the region cuts the front hair there (the cut part stays still, the rest moves), and the plate's
    fill showed through the tear as a light arc along the hairline when the head nodded. Since the plate under
    the region's cut is the source anyway (`layers.cut_source`) this changes less, but not nothing: the frame
    there still holds the face's render where its head is half drawn, and the weight pulls it to the source
    by the share not drawn (lp_s5 behind lp_s1 at 400 px, bench/uncovered_region.py, 50 frames each: without it 37
    frames differ, up to 6 grey levels on a thin arc along the front hairline; the fade band's light pixels,
    its light streak, 558 -> 529 with the front face nodding, 527 -> 495 talking and nodding; the source
    repeated: 0). reach: px, when
    given the smooth fill comes only from the other faces' pixels within it of the hole: what borders the
    head there (a back face: the strip of its own hair its region cut beside the front head, which stays
    still), not the whole of the other face (the front face's skin and the wall above it, averaged into a
    grey crescent inside the back person's hair where her head moved off the strip, lp_d12)."""

    def __init__(self, plate: np.ndarray, alpha: np.ndarray, near: np.ndarray, deep: bool = True,
                 region: np.ndarray | None = None, reach: float | None = None) -> None:
        known = 1.0 - plate
        spread = fill_hole(np.repeat(near[..., None].astype(np.float32), 3, axis=2), known)[..., 0]
        inner = smoothstep(0.3, 0.9, alpha).astype(np.float32)
        if not deep and region is not None:  # the region's fade band: the cut hair goes on behind the tear
            inner = inner * (region >= 1)
        self.weight = (smoothstep(0.1, 0.5, spread) * (plate > 0) * (1 if deep else 1 - inner)).astype(np.float32)
        self._inner = inner[..., None] if deep else None
        self._known = known * near
        if reach is not None:  # only the pixels right beside the hole
            self._known *= cv2.distanceTransform((plate <= 0).astype(np.uint8), cv2.DIST_L2,
                                                 cv2.DIST_MASK_PRECISE) <= reach

    def colour(self, source: np.ndarray) -> np.ndarray:
        """(H, W, 3) float32: what replaces the plate, from `source` (H, W, 3) uint8 (the class docstring)."""
        if self._inner is None:
            return source.astype(np.float32)
        return (1 - self._inner) * source.astype(np.float32) + self._inner * fill_hole(source, self._known)


def plate_weight(alpha: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much a face's plate is its fill (not the source), from its head alpha."""
    return np.clip(alpha / FULL_PLATE_AT, 0, 1).astype(np.float32)
