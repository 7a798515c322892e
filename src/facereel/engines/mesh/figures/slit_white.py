"""The squinted slit's white: `shown` (issue #9).

A squinted eye (sr_8 at 448 x lp_d3 5-40, frames 4-15, image-right eye, the tracked lids ~5 px apart on a 31 px eye)
shows its slit as a wavy, scalloped dark band with blue peaks: the drawn lash line's blur under the lowered lid's
margin (`eye.eyes.EyeRenderer._lash_line`) darkens all but the bottom pixel row of the slit the tracker left open,
broken into specks of white and iris along the opening's jagged lower edge. `shown` reads how much of the slit shows
its white: the pixels of the target's eye opening (its lid polygon, `MIDDLE` of the way along the corner line,
outside the target's iris disc grown by `GROWN` px) at least `WHITE` of the source white's light (the `LIGHT`
percentile of the source opening's luminance outside its iris disc), as a share of those pixels: 0 none, 1 all. NaN
where the opening has fewer than `LEAST` such pixels.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import LUMA, box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    contour,
)
from facereel.face import landmark_ids as ids

MIDDLE = (0.15, 0.85)  # the share of the corner line read (the corners' pinched ends left out)
GROWN = 1.0  # px the iris disc is grown by (its soft rim)
LIGHT = 75  # percentile of the source opening's luminance outside its iris disc read as its white's light
WHITE = 0.6  # share of that light from which a pixel reads as white
LEAST = 6  # pixels below which an eye is not read
EYES = {"image-left": (RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS),
        "image-right": (LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS)}
"""Each eye's lid polylines (landmark ids, corner to corner) and iris (5 ids, centre first), by its side in the
image."""


def _slit(frame: np.ndarray, points: np.ndarray, eye: str) -> np.ndarray:
    """Luminance (N,) of the opening's read pixels (module docstring) of `eye` in `frame` (H, W, 3) uint8 RGB whose
    landmarks are `points` (478, >=2) px."""
    upper, lower, iris = EYES[eye]
    pts = points[:, :2].astype(np.float32)
    poly = pts[contour(upper, lower)]
    x0, y0, x1, y1 = box_around(poly, 2.0, (frame.shape[1], frame.shape[0]))
    inside = polygon_mask([poly], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    a, b = pts[upper[0]], pts[upper[-1]]
    axis = b - a
    u = ((xs - a[0]) * axis[0] + (ys - a[1]) * axis[1]) / max(float(axis @ axis), 1e-6)
    centre = pts[iris[0]]
    radius = float(np.linalg.norm(pts[list(iris[1:])] - centre, axis=1).mean()) + GROWN
    keep = inside & (u >= MIDDLE[0]) & (u <= MIDDLE[1]) & (np.hypot(xs - centre[0], ys - centre[1]) > radius)
    return frame[y0:y1, x0:x1][keep].astype(np.float32) @ LUMA


def white_light(source: np.ndarray, landmarks: np.ndarray, eye: str) -> float:
    """The source white's light (grey levels): the `LIGHT` percentile of `_slit`'s pixels in the source (H, W, 3)
    uint8 RGB with its landmarks (478, >=2) px."""
    return float(np.percentile(_slit(source, landmarks, eye), LIGHT))


def shown(frame: np.ndarray, target: np.ndarray, eye: str, light: float) -> float:
    """The share (0-1) of `eye`'s slit in `frame` (H, W, 3) uint8 RGB, target landmarks `target` (478, >=2) px, at
    least WHITE of `light` (`white_light`, grey levels); NaN under LEAST pixels."""
    luma = _slit(frame, target, eye)
    return float(np.mean(luma >= WHITE * light)) if luma.size >= LEAST else float("nan")
