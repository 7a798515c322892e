"""An eye drawn over the face that covers it: `drawn_over` (issue #9).

Turned far enough (sr_8 `edit --yaw 20`, 34 -> 54 deg) the nose's bridge passes the far eye's inner corner and the
head map draws the bridge over the eye's inner third; the eye layer drew the whole target opening on top, the eye
cut by the bridge's edge inside it (a slice). `covered` marks the pixels of a target eye opening the head map reads
from more than `COVERED` source eye widths outside the photo's eye opening (another part of the face is drawn
there); `drawn_over` is the mean absolute grey-level difference (0-255) there between the frame and the same frame
drawn without the eye layer (`MeshOptions(eyes=False)`: the head layer's own pixels): 0 where the covering face is
left as the head layer drew it. NaN where fewer than `LEAST` pixels are covered (the source repeated: none are).
Blinking there (h39-eyes), the closing lid was drawn over the bridge too: `covered(lid=True)` reads the opening with
the lid a closing lid carries above it (`eyes.LID_SKIN`), in the target and the photo alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, polygon_mask
from facereel.engines.mesh.eye.eyes import LID_SKIN
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    contour,
)

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import FrameMap, MeshAnimator

COVERED = 0.2  # source eye widths outside the photo's eye opening from which a read is another part of the face
LEAST = 6  # covered pixels below which an eye is not read
EYES = ((contour(RIGHT_EYE_UPPER, RIGHT_EYE_LOWER), (RIGHT_EYE_UPPER[0], RIGHT_EYE_UPPER[-1])),
        (contour(LEFT_EYE_UPPER, LEFT_EYE_LOWER), (LEFT_EYE_UPPER[0], LEFT_EYE_UPPER[-1])))  # (opening, corners)


def head_reads(animator: MeshAnimator, frame: FrameMap, size: tuple[int, int]) -> np.ndarray:
    """(H, W, 2) float32: the source position (x, y) px each output pixel of `frame` (`MeshAnimator.map_frame`) reads
    through the head map, at its own position off the animator's crop box; size: the frame's (H, W)."""
    reads = np.mgrid[0:size[0], 0:size[1]][::-1].transpose(1, 2, 0).astype(np.float32)
    x0, y0, x1, y1 = animator.box
    reads[y0:y1, x0:x1] += animator.warp.full_size(frame.coarse, frame.seam)
    return reads


def covered(reads: np.ndarray, target: np.ndarray, source: np.ndarray, eye: int, lid: bool = False) -> np.ndarray:
    """(H, W) bool: the pixels inside eye `eye`'s (0: RIGHT_EYE, 1: LEFT_EYE) target opening (polygon coverage
    over a half) whose head-map read lies more than `COVERED` source eye widths outside its source opening; with
    `lid`, the opening with the lid above it (`_with_lid`) in both. reads: (H, W, 2) float32 source position (x, y)
    px each output pixel reads; target, source: (478, 2+) px."""
    ring, corners = EYES[eye]
    h, w = reads.shape[:2]
    width = float(np.linalg.norm(source[corners[0], :2] - source[corners[1], :2]))
    region = (lambda pts: _with_lid(pts, eye)) if lid else (lambda pts: pts[ring, :2].astype(np.float32))
    opening = polygon_mask([region(target)], (h, w), (0, 0)) > 0.5
    outside = (polygon_mask([region(source)], (h, w), (0, 0)) <= 0).astype(np.uint8)
    distance = cv2.distanceTransform(outside, cv2.DIST_L2, 5)
    far = cv2.remap(distance, reads.astype(np.float32), None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return opening & (far > COVERED * width)


def _with_lid(points: np.ndarray, eye: int) -> np.ndarray:
    """(M, 2) float32 polygon px of eye `eye`'s opening with the lid a closing lid carries above it: the upper lid
    raised `eyes.LID_SKIN` eye widths across the corner line (towards the brow), then the lower lid back, of
    landmarks `points` (478, 2+) px."""
    upper, lower = (LEFT_EYE_UPPER, LEFT_EYE_LOWER) if eye else (RIGHT_EYE_UPPER, RIGHT_EYE_LOWER)
    pts = points[:, :2].astype(np.float32)
    a, b = pts[upper[0]], pts[upper[-1]]
    up = np.array([b[1] - a[1], a[0] - b[0]], np.float32)  # 1 eye width across the corner line
    up = up if up[1] < 0 else -up  # ... towards the brow (image y up)
    return np.vstack([pts[list(upper)] + LID_SKIN * up, pts[list(lower)][::-1]])


def drawn_over(frame: np.ndarray, plain: np.ndarray, mask: np.ndarray) -> float:
    """Mean |grey(frame) - grey(plain)| (0-255) over `mask` (H, W) bool; frame, plain (H, W, 3) uint8 RGB, the
    latter drawn without the eye layer. NaN where `mask` holds fewer than `LEAST` pixels."""
    if int(mask.sum()) < LEAST:
        return float("nan")
    diff = (frame.astype(np.float32) - plain.astype(np.float32)) @ LUMA
    return float(np.abs(diff[mask]).mean())
