"""An earring stretched sideways on a turn (issue #9, h28-fresh2 sweep find (1)): lp_s1 at 512 px, `facereel edit
--to-video` through yaw 20 then -20 (frames 38-44) and preset:turn (frames 36-46), her image-left drop earring (x
150-165, y 243-264 in the photo) drawn as a flat wide pale shape ~1.7x its width: the band between the cheek's outline
and the first ring, which carries it, stretched with the turn (`head_edge.pendants`).

`pendant_size`: the width and height (px) of the light grey object (`pendants.light_objects`, the same test that
finds the photo's pendants) in a box of a frame, the largest there; `pendant_widths`: a frame's over the photo's, and
its width-over-height over the photo's. 1 / 1: drawn as the photo shows it (the source repeated reads 1 / 1). The
case: `clips` (the sweep's `KEYFRAMES`, preset:turn) and `widths` (in `BOX`, per frame, with the warp health), which
bench/earring_width.py and tests/mesh/test_pendants.py read.
"""

from __future__ import annotations

import numpy as np

from facereel.animate.edit import edit_retarget
from facereel.animate.options import AnimateOptions
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.head_edge.pendants import light_objects
from facereel.motion.keyframes import keyframes_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.sliders import Sliders

KEYFRAMES = [(0.4, Sliders(smile=0.8)), (0.8, Sliders(brow_raise=0.7)), (1.2, Sliders(yaw=20, gaze=(0.4, 0))),
             (1.6, Sliders(yaw=-20, gaze=(-0.3, 0.2))), (2.0, Sliders())]
"""The sweep's keyframes (seconds, sliders), at 25 fps."""

BOX = (slice(225, 290), slice(130, 240))
"""Rows, columns (px of the 512 px photo) round the image-left earring wherever the two clips draw it."""


def clips(lm: np.ndarray) -> dict[str, list[np.ndarray]]:
    """Per clip name ("keyframes": the sweep's, retargeted as `facereel edit --to-video` does; "preset:turn": 2 s,
    as `facereel animate` does, no smoothing), its (478, 3) px targets for the photo's landmarks `lm` ((478, 3) px)."""
    edit = edit_retarget(AnimateOptions(engine="mesh"), "mesh")
    return {"keyframes": list(retarget(lm, keyframes_motion(KEYFRAMES), edit)),
            "preset:turn": list(retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True)))}


def widths(animator: MeshAnimator | None, image: np.ndarray, targets: list[np.ndarray], frames: range,
           face_px: float) -> tuple[np.ndarray, list[float]]:
    """((F, 2) `pendant_widths` in `BOX`, F warp healths) on `frames` of `targets` drawn by `animator` (None: the
    source repeated, health 0) from the photo `image` of a face `face_px` px across, every frame up to the last in
    order."""
    ratios, health = [], []
    for k in range(frames.stop):
        drawn = animator.render(targets[k]) if animator is not None else image
        if k in frames:
            ratios.append(pendant_widths(drawn, image, BOX, face_px))
            health.append(animator.warp_health if animator is not None else 0.0)
    return np.array(ratios), health


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
