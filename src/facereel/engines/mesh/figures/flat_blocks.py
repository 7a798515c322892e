"""Flat blocks: a few source px drawn over many beside a turning face, read from a render's own backward map.

A source triangle under a px wide (mediapipe's slivers on a small face's silhouette, the rings beside it) opened
to tens of px is drawn from one or two source pixels: a patch of one colour, or of streaks along one direction,
with hard edges where it meets its neighbours (lp_s3 at 512 beside the near cheek, preset:turn frames 36-45;
lp_s0's comb of dark streaks on the far cheek, frames 9-21; before `stretch_limit.TINY_WIDTH_PX`). The warp
health reads the coarse map over ~4 of its samples and misses most of such slivers; this figure reads the
crop-resolution map (the one drawn: coarse map upsampled, seam pixels exact) over 2 px. The figure: the share of
the moved head's pixels (drawn head alpha >= 0.5, the repainted eye and mouth openings left out) whose map
magnifies the photo more than `SMEAR` times in some direction. The source repeated scores 0 (nothing moved).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2

from facereel.engines.mesh.geometry.warp import local_distortion

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

SMEAR = 8.0  # a pixel drawn from a source spot magnified more than this in some direction shows no texture


def flat_blocks(animator: MeshAnimator) -> float:
    """The flat-block figure of the last render of `animator` (its backward map, triangle ids and drawn head
    alpha are read): a share of the moved head's pixels, 0 when nothing moved."""
    box = animator._drawn_box
    if box is None:
        return 0.0
    warp = animator.warp
    displacement = warp.full_size(warp.coarse_displacement, warp.seam)[box]  # (h, w, 2) crop px
    folded, stretch = local_distortion(displacement, (1.0, 1.0))
    ids = cv2.resize(warp.triangle_ids, warp.size, interpolation=cv2.INTER_NEAREST)[box][1:-1, 1:-1]
    head = (animator.drawn_alpha()[box] >= 0.5)[1:-1, 1:-1] & ~animator._repainted[ids + 1]
    return float((stretch > SMEAR)[head].mean()) if head.any() else 0.0
