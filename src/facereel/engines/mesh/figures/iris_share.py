"""How much iris an eye shows: `iris_share` (issue #12, the pale irises of h29's sweep (6)).

lp_s0 (own size) x lp_d6 500-545, whose frame 0 (the reference) is cross-eyed and wide-eyed: on frames 19-35 the
relative gaze carried the irises up under the lids, the eyes drawn rolled up with pale whites where the irises were.
The figure counts the iris pixels inside an eye's opening: those darker (CIELAB L*) than half-way between the
source's iris and its white, inside the target's lid contour, in units of the same count on the source (the source
repeated reads 1 on every frame).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.figures.pale_lid import lightness
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    contour,
)
from facereel.face import landmark_ids as ids

EYES = ((RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS), (LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS))
"""The image-left and the image-right eye: lid polylines (corner to corner) and iris ids (centre first)."""


def _opening(image: np.ndarray, points: np.ndarray, upper: tuple[int, ...], lower: tuple[int, ...]
             ) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """L* (h, w) of the box round an eye's lid contour in `image` (H, W, 3) uint8 RGB (landmarks `points` (478, >=2)
    px) and the box; pixels outside the opening are NaN."""
    poly = points[contour(upper, lower), :2].astype(np.float32)
    box = box_around(poly, 1, (image.shape[1], image.shape[0]))
    inside = polygon_mask([poly], (box[3] - box[1], box[2] - box[0]), box[:2]) > 0.5
    light = lightness(image[box[1]:box[3], box[0]:box[2]])
    return np.where(inside, light, np.nan), box


class IrisShare:
    """`iris_share` against a source portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px: per eye, the L*
    half-way between the median of its iris disc and of the rest of its opening, and its own iris pixel count."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        self.thresholds, self.own = [], []
        for upper, lower, iris in EYES:
            light, (x0, y0, _, _) = _opening(source, landmarks, upper, lower)
            centre = landmarks[iris[0], :2]
            radius = float(np.linalg.norm(landmarks[list(iris[1:]), :2] - centre, axis=1).mean())
            ys, xs = np.mgrid[y0:y0 + light.shape[0], x0:x0 + light.shape[1]]
            disc = np.hypot(xs - centre[0], ys - centre[1]) <= radius
            threshold = 0.5 * (np.nanmedian(light[disc]) + np.nanmedian(light[~disc]))
            self.thresholds.append(float(threshold))
            self.own.append(max(int((light < threshold).sum()), 1))

    def __call__(self, frame: np.ndarray, target: np.ndarray) -> np.ndarray:
        """(2,) float: the iris pixels inside each eye's opening of `frame` (H, W, 3) uint8 RGB with landmarks
        `target` (478, >=2) px, over the source's own count (image-left eye first)."""
        counts = [int((_opening(frame, target, upper, lower)[0] < threshold).sum())
                  for (upper, lower, _), threshold in zip(EYES, self.thresholds)]
        return np.array(counts, np.float64) / np.array(self.own, np.float64)
