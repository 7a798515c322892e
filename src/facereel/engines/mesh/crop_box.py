"""The mesh engine's working crop: a box that holds the whole head (face, hair, ears as the head mask finds
them) wherever the retargeted head can go, plus the band over which the motion fades to still.

Outside the box the output is the source bit for bit, so a head (or its plate's hole) reaching past the box
is cut off along a straight line (lp_s5, a half-body painting whose hair reached the fixed 1.2-face-size box:
`artefact_scores.crop_edge_cut` 0.11 with ordinary drivers). The box is made in two steps:

1. the head mask (`head_proxy.head_mask`) on a box that holds the skull shell's grown silhouette
   (`head_proxy.head_zone`: the head mask is never outside it), which gives the head's extent in the photo;
2. that extent moved as the shell's outline moves (`head_proxy.shell_centre_motion`) to every extreme the
   engine's limits allow (yaw and pitch to the pose limit's ceilings, roll `ROLL_REACH`, the head-scale
   ceiling of `MeshOptions.scale_limit`), grown by the head-shift ceiling of `MeshOptions.shift_limit` and the
   rings' fade band, joined with the minimal box (`MeshOptions.crop_margin`, `crop_below`; not lower: below
   the jaw the neck and body stay) and clipped to the image. The mask is zero in what the box adds.

A short-haired head needs no more than the minimal box; the box grows only where the hair reaches far.
Without a shift or scale limit (`--shift-limit 0`, `--scale-limit 0`) the head can go anywhere: the box then
reaches the image's top and sides.
"""

from __future__ import annotations

from dataclasses import fields
from itertools import product
from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, face_size, head_crop
from facereel.engines.mesh.geometry.head_proxy import (
    HAIR_SCALE,
    SHELL_CENTRE,
    SHELL_RADII,
    HeadMask,
    head_mask,
    place,
    shell_centre_motion,
)
from facereel.engines.mesh.geometry.pose_limit import PITCH_CEILING, YAW_CEILING
from facereel.face.pose import HeadPose, estimate_pose, rotation_from_euler
from facereel.motion.retarget import log_scale_limits
from facereel.motion.retarget_options import SHIFT_CEILING

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshOptions

ROLL_REACH = 15.0
"""deg: the image-plane roll the box allows for (the pose limit leaves roll free). The ../shared drivers roll
12 deg at most from their first frame (lp_d3, lp_d6; lp_d12 10, lp_d11 8)."""

_PART_FROM = 0.02  # head alpha from which a pixel belongs to the head's extent
_SPHERE = 64  # directions sampled on the shell to find its silhouette's box


def _shell_silhouette(pose: HeadPose) -> np.ndarray:
    """(N, 2) image px of points on the grown skull shell whose box holds its silhouette (where the head mask
    can be)."""
    u, v = np.meshgrid(np.linspace(0, np.pi, _SPHERE // 4), np.linspace(0, 2 * np.pi, _SPHERE, endpoint=False))
    unit = np.stack([np.sin(u) * np.cos(v), np.sin(u) * np.sin(v), np.cos(u)], -1).reshape(-1, 3)
    return place(SHELL_CENTRE + unit * SHELL_RADII * HAIR_SCALE[1], pose)[:, :2]


def _poses(source: HeadPose, scale_limit: float) -> list[HeadPose]:
    """The source's pose turned, rolled and scaled to every combination of the engine's limits (shift apart;
    `scale_limit` > 0 as `RetargetOptions.scale_limit`)."""
    scale_max = float(np.exp(log_scale_limits(scale_limit)[1]))
    poses = []
    for yaw, pitch, roll, scale in product((-YAW_CEILING, 0.0, YAW_CEILING), (-PITCH_CEILING, 0.0, PITCH_CEILING),
                                           (-ROLL_REACH, 0.0, ROLL_REACH), (1 / scale_max, 1.0, scale_max)):
        rotation = source.rotation[0].astype(np.float64) @ rotation_from_euler(yaw, pitch, roll)
        poses.append(HeadPose(rotation[None].astype(np.float32), source.scale * np.float32(scale), source.translation))
    return poses


def _union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The smallest box (x0, y0, x1, y1) holding boxes a and b."""
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def head_box(source: np.ndarray, landmarks: np.ndarray, options: MeshOptions, neck: bool = False
             ) -> tuple[tuple[int, int, int, int], HeadMask]:
    """Pixel box (x0, y0, x1, y1), exclusive end, clipped to the (H, W, 3) uint8 `source`, that holds the
    head of (478, 3) px `landmarks` wherever the engine's limits let it move, plus the rings' fade band
    (`options.head_margin` + `head_fade` oval radii), never smaller than `head_crop` with `options.crop_margin`,
    `crop_below` nor lower; and the head's masks in that box (`head_proxy.head_mask`, `neck` and
    `options.hanging_hair` as the animator's), found on the box around the minimal one and the skull shell's
    silhouette (framed as the segmentation reads a portrait best: on the whole grown box it took a dark
    background beside sr_18's head for the person) and zero beyond it."""
    size = (source.shape[1], source.shape[0])
    lm = np.asarray(landmarks, np.float32)
    minimal = head_crop(lm, size, options.crop_margin, options.crop_below)
    pose = estimate_pose(lm[None])[0]
    x0, y0, x1, y1 = _union(minimal, box_around(_shell_silhouette(pose), 0.0, size))
    origin = np.array([x0, y0], np.float32)
    mask = head_mask(source[y0:y1, x0:x1], lm, origin, pose, neck=neck,
                     hanging=options.hanging_hair)
    hull = cv2.convexHull(cv2.findNonZero((mask.head > _PART_FROM).astype(np.uint8)))[:, 0] + origin
    if options.shift_limit > 0 and options.scale_limit > 0:
        moved = np.vstack([shell_centre_motion(pose, target, hull) for target in _poses(pose, options.scale_limit)])
        # The shift ceiling (inter-ocular distances = canonical units) and the fade band (oval radii ~ half a face).
        fade = (options.head_margin + options.head_fade) * face_size(lm) / 2
        pad = options.shift_limit * SHIFT_CEILING * float(pose.scale[0]) + fade
        bx0, by0, bx1, _ = _union((x0, y0, x1, y1), box_around(moved, pad, size))
    else:  # no limit: the head can reach any edge
        bx0, by0, bx1 = 0, 0, size[0]
    box = (bx0, by0, bx1, y1)  # downwards the neck and body stay (`crop_below`)
    widths = ((y0 - by0, 0), (x0 - bx0, bx1 - x1))
    return box, HeadMask(*(np.pad(getattr(mask, f.name), widths) for f in fields(mask)))
