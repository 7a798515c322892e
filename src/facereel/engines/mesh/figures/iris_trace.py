"""The white where the iris was: `left` (issue #9).

Where the gaze moves the iris, the eye's white shows where the photo's iris was. That white is the plate's fill
(`eye.white_fill`); filled from the lids as well it was darker than the white beside it, its edge a dark arc of the
photo's limbus left in the white (sr_8 x lp_d11). `left` reads the white uncovered by the moved iris: the pixels of
the target's eye opening (`EDGE` px in from its edge) inside the photo's iris disc carried by the eye-corner similarity
and outside the target's iris disc (grown by `GROWN` px), their median luminance over the median of the white beside
them (the opening's pixels outside both discs) in the same frame: 1 as light as the white, below 1 darker. NaN where
fewer than `LEAST` pixels are uncovered or beside (the source repeated: none are uncovered).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, box_around, polygon_mask
from facereel.engines.mesh.eye.eyes import IRIS_PAD
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    contour,
)
from facereel.engines.mesh.geometry.warp import fit_similarity
from facereel.face import landmark_ids as ids

EDGE = 1  # px: the opening read this far in from its edge (not the lids' lines)
GROWN = 1.0  # px the target's iris disc is grown by (its soft rim)
LEAST = 6  # uncovered pixels below which an eye is not read
DARKEST = 0.1  # the share of the uncovered white read (its darkest: an arc left in it)


def _disc(centre: np.ndarray, radius: float, shape: tuple[int, int], origin: tuple[int, int]) -> np.ndarray:
    """(h, w) bool: the pixels of a box (shape, top-left `origin` px) within `radius` px of `centre` (2,) px."""
    ys, xs = np.mgrid[origin[1]:origin[1] + shape[0], origin[0]:origin[0] + shape[1]]
    return np.hypot(xs - centre[0], ys - centre[1]) <= radius


def _radius(points: np.ndarray, iris: tuple[int, ...]) -> float:
    """Mediapipe's iris radius (px) of landmarks points (478, >=2) px, padded by `eyes.IRIS_PAD` (its dark rim)."""
    return IRIS_PAD * float(np.linalg.norm(points[list(iris[1:]), :2] - points[iris[0], :2], axis=1).mean())


class IrisTrace:
    """`left` of one eye (lid polylines `upper`, `lower`: corner to corner; iris: 5 landmark ids, centre first) of a
    source portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, upper: tuple[int, ...], lower: tuple[int, ...],
                 iris: tuple[int, ...]) -> None:
        self.contour, self.corners, self.iris = contour(upper, lower), [upper[0], upper[-1]], iris
        pts = landmarks[:, :2].astype(np.float32)
        self.src_corners, self.centre, self.radius = pts[self.corners], pts[iris[0]], _radius(pts, iris)

    @staticmethod
    def _inside(opening: np.ndarray, shape: tuple[int, int], origin: tuple[int, int]) -> np.ndarray:
        """(h, w) bool: the box's pixels inside the polygon `opening` (M, 2) px, EDGE px in from its edge."""
        mask = (polygon_mask([opening], shape, origin) > 0.5).astype(np.uint8)
        return cv2.erode(mask, np.ones((2 * EDGE + 1, 2 * EDGE + 1), np.uint8)) > 0

    def left(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Median luminance of the white the moved iris uncovers in `frame` (H, W, 3) uint8 RGB, for target landmarks
        (478, >=2) px, over the white's beside it; NaN where fewer than LEAST pixels are uncovered or beside."""
        pts = target[:, :2].astype(np.float32)
        m = fit_similarity(self.src_corners, pts[self.corners])
        scale = float(np.sqrt(abs(np.linalg.det(m[:, :2]))))
        was = m[:, :2] @ self.centre + m[:, 2]
        opening = pts[self.contour]
        box = box_around(opening, 2, (frame.shape[1], frame.shape[0]))
        shape = (box[3] - box[1], box[2] - box[0])
        if shape[0] <= 0 or shape[1] <= 0:
            return float("nan")
        inside, was_iris = self._inside(opening, shape, box[:2]), _disc(was, self.radius * scale, shape, box[:2])
        free = inside & ~_disc(pts[self.iris[0]], _radius(pts, self.iris) + GROWN, shape, box[:2])
        uncovered, beside = free & was_iris, free & ~was_iris
        if uncovered.sum() < LEAST or beside.sum() < LEAST:
            return float("nan")
        luma = frame[box[1]:box[3], box[0]:box[2]].astype(np.float32) @ LUMA
        return float(np.percentile(luma[uncovered], 100 * DARKEST)) / max(float(np.median(luma[beside])), 1e-6)


def iris_traces(source: np.ndarray, landmarks: np.ndarray) -> list[IrisTrace]:
    """The figure of both eyes (right, left) of a portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""
    return [IrisTrace(source, landmarks, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS),
            IrisTrace(source, landmarks, LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS)]
