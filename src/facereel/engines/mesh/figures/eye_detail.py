"""The eyes' detail against the source's (issue #9: the eyes go soft once the face moves), read on a frame and its
(478, 3) px landmarks.

lp_s3 / lp_s5 at 384 x lp_d18 60-100 (eyes opened wide): the eyes' box read sharp on frame 0 and about half as
sharp from frame 4 on, the catchlights dimmed (lp_s3's image-right eye's bright dot spread over 2 x 2 px). An
opened lid shows more eye than the source has, stretched, so the figure reads what a moved eye should keep:

- `box`: the variance of the Laplacian of the grey levels (`composite.grey_image`) over the box round the eye's lid
  contour and iris (`PAD` px beyond), over the source's own at its landmarks: h35-fresh's reading (it counts the lids'
  stretch too);
- `iris`: the same over the iris disc (mediapipe's radius) inside the lid opening, each a pixel in from its edge (not
  the lid line), over the source's own (its texture, moved and scaled, not stretched);
- `catchlight`: the highest white top-hat in the iris disc inside the opening (the grey levels less their opening by
  a disc of `eye.catchlight.spot_radius`: a spot smaller than that, not the white beside the iris nor a lid's edge),
  over the source's own: 1 as bright a catchlight, under 1 dimmed. NaN where the source's own is under
  `eye.catchlight.STEP` grey levels (no catchlight).

Each a (2,) array, the image-left eye first; NaN where an eye's disc inside the opening holds under `MIN_PX` pixels
(in the frame or the source). The source repeated reads 1 everywhere it reads.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, disc_kernel, grey_image, polygon_mask
from facereel.engines.mesh.eye.catchlight import STEP, spot_radius
from facereel.engines.mesh.figures.iris_share import EYES
from facereel.engines.mesh.geometry.mesh_topology import contour

PAD = 5
"""px beyond the eye's lid contour and iris that the `box` reading takes (h35-fresh's 4-6 px: lashes, lid fold)."""
MIN_PX = 8
"""Fewest pixels of an iris disc inside the opening the `iris` and `catchlight` readings take."""


def _eye_reads(frame: np.ndarray, landmarks: np.ndarray) -> list[tuple[float, float, float]]:
    """Per eye (image-left first): (the box's Laplacian variance, the iris disc's, the disc's highest white top-hat,
    grey levels); NaN for the disc's where it holds under MIN_PX pixels inside the opening less its rim. frame
    (H, W, 3) uint8 RGB, landmarks (478, >=2) px."""
    points = np.asarray(landmarks, np.float32)[:, :2]
    out = []
    for upper, lower, iris in EYES:
        lids = points[contour(upper, lower)]
        x0, y0, x1, y1 = box_around(np.vstack([lids, points[list(iris)]]), PAD, (frame.shape[1], frame.shape[0]))
        grey = grey_image(frame[y0:y1, x0:x1])
        laplacian = cv2.Laplacian(grey, cv2.CV_32F)
        centre = points[iris[0]]
        radius = float(np.linalg.norm(points[list(iris[1:])] - centre, axis=1).mean())
        ys, xs = np.mgrid[y0:y1, x0:x1]
        disc = (np.hypot(xs - centre[0], ys - centre[1]) <= radius).astype(np.uint8)
        opening = (polygon_mask([lids], grey.shape, (x0, y0)) > 0.5).astype(np.uint8)
        inside = (disc & cv2.erode(opening, np.ones((3, 3), np.uint8))) > 0
        if inside.sum() < MIN_PX:
            out.append((float(laplacian.var()), float("nan"), float("nan")))
            continue
        top_hat = cv2.morphologyEx(grey, cv2.MORPH_TOPHAT, disc_kernel(spot_radius(radius)),
                                   borderType=cv2.BORDER_REPLICATE)
        seen = (disc & opening) > 0  # a catchlight right under the lid's line too (lp_s3 x lp_d18 frame 12)
        out.append((float(laplacian.var()), float(laplacian[inside].var()), float(top_hat[seen].max())))
    return out


class EyeDetail:
    """The eyes' `box`, `iris` and `catchlight` readings (module docstring) against a source portrait (H, W, 3) uint8
    RGB with landmarks (478, >=2) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        self.own = np.array(_eye_reads(source, landmarks))  # (2, 3): per eye box, iris, peak step
        self.own[self.own[:, 2] < STEP, 2] = np.nan

    def __call__(self, frame: np.ndarray, target: np.ndarray) -> dict[str, np.ndarray]:
        """{"box", "iris", "catchlight"}: (2,) each, the frame's `frame` ((H, W, 3) uint8 RGB, landmarks `target`
        (478, >=2) px) over the source's own (image-left eye first)."""
        reads = np.array(_eye_reads(frame, target)) / self.own
        return {"box": reads[:, 0], "iris": reads[:, 1], "catchlight": reads[:, 2]}
