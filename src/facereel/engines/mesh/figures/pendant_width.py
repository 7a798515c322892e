"""An earring stretched sideways on a turn (issue #9, h28-fresh2 sweep find (1)): lp_s1 at 512 px, `facereel edit
--to-video` through yaw 20 then -20 (frames 38-44) and preset:turn (frames 36-46), her image-left drop earring (x
150-165, y 243-264 in the photo) drawn as a flat wide pale shape ~1.7x its width: the band between the cheek's outline
and the first ring, which carries it, stretched with the turn (`head_edge.pendants`).

`pendant_size`: the width and height (px) of the light grey object (`pendants.light_objects`, the same test that
finds the photo's pendants) in a box of a frame, the largest there; `pendant_widths`: a frame's over the photo's, and
its width-over-height over the photo's. 1 / 1: drawn as the photo shows it (the source repeated reads 1 / 1).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.head_edge.pendants import light_objects


def pendant_size(image: np.ndarray, box: tuple[slice, slice], face_px: float) -> tuple[int, int] | None:
    """(width, height) px of the largest light grey object (`light_objects`) in `box` (rows, columns) of `image`
    ((H, W, 3) uint8 RGB) of a face `face_px` px across, or None where there is none."""
    hulls = light_objects(np.ascontiguousarray(image[box]), face_px, np.ones(image[box].shape[:2], bool))
    if not hulls:
        return None
    ys, xs = np.nonzero(max(hulls, key=lambda hull: int(hull.sum())))
    return int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)


def pendant_widths(frame: np.ndarray, photo: np.ndarray, box: tuple[slice, slice], face_px: float
                   ) -> tuple[float, float]:
    """(width ratio, aspect ratio): the pendant's width in `box` of `frame` over the photo's, and its width over
    height over the photo's (`pendant_size`; both (H, W, 3) uint8 RGB); NaN where the frame shows none."""
    drawn, own = pendant_size(frame, box, face_px), pendant_size(photo, box, face_px)
    if drawn is None or own is None:
        return float("nan"), float("nan")
    return drawn[0] / own[0], (drawn[0] / drawn[1]) / (own[0] / own[1])
