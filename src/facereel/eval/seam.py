"""Seam score: edges in an output frame's head region that the source, moved with the head, does not have.

A warp engine that tears (a hard face/hair seam, a ghost half-face, a pasted cut-out) draws new edges
across smooth skin, hair and background. Per output frame:

1. The source is aligned to the frame by the head's motion: the 2-D affine map that carries the source's
   stable landmarks (`face.landmark_ids.STABLE`) onto the frame's, least squares.
2. Both images get an edge map: grey levels 0-255, Gaussian blur (sigma 1 px, against codec noise),
   Sobel gradient magnitude in grey levels per pixel.
3. The source's edges are widened by a grey dilation of radius `TOLERANCE` x the inter-ocular distance
   (small landmark and alignment errors, lips and brows moving a little, do not count).
4. New edge energy = max(0, output edge - widened source edge - `NOISE_FLOOR`) per pixel.
5. The score is its mean over the **head region**: the face outline (`FACE_OVAL`) scaled by `HEAD_SCALE`
   about its centre (face, hair, ears, jaw line and the background just around them), without the eyes
   and the inner mouth (blinks and an opening mouth draw edges of their own; the mouth is judged by
   `eval.mouth`). Unit: grey levels per pixel; the do-nothing baseline scores 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.eval.landmarks import inter_ocular
from facereel.face import landmark_ids as ids

HEAD_SCALE = 1.7  # head region = face outline scaled by this about its centre (reaches hair and ears)
TOLERANCE = 0.06  # source edges widened by this many inter-ocular distances
NOISE_FLOOR = 3.0  # grey levels per pixel of edge difference ignored (H.264 blocking, resampling)
BLUR_SIGMA = 1.0  # pixels

_STABLE = ids.as_index(ids.STABLE)
_OVAL = ids.as_index(ids.FACE_OVAL)
_EYES = (ids.as_index(ids.RIGHT_UPPER_LID + ids.RIGHT_LOWER_LID[::-1]),
         ids.as_index(ids.LEFT_UPPER_LID + ids.LEFT_LOWER_LID[::-1]))
_INNER_MOUTH = ids.as_index(ids.INNER_UPPER_LIP + ids.INNER_LOWER_LIP[-2:0:-1])


def edge_map(image: np.ndarray) -> np.ndarray:
    """(H, W) float32 gradient magnitude of an RGB uint8 (H, W, 3) image, grey levels per pixel."""
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    grey = cv2.GaussianBlur(grey, (0, 0), BLUR_SIGMA)
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    return cv2.magnitude(gx, gy)


def head_motion(source_landmarks: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """(2, 3) affine map, source pixels -> frame pixels, fitted to the stable landmarks (least squares).

    Args:
        source_landmarks, landmarks: (478, 2+) image-space landmarks of the source and of the frame, pixels.
    """
    src = source_landmarks[_STABLE, :2].astype(np.float64)
    dst = landmarks[_STABLE, :2].astype(np.float64)
    design = np.hstack([src, np.ones((len(src), 1))])
    solution, *_ = np.linalg.lstsq(design, dst, rcond=None)
    return solution.T


def head_region(landmarks: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) bool head region of a frame (see the module docstring) from its (478, 2+) landmarks, pixels."""
    height, width = shape
    oval = landmarks[_OVAL, :2].astype(np.float64)
    centre = oval.mean(axis=0)
    mask = np.zeros((height, width), np.uint8)
    cv2.fillPoly(mask, [np.round(centre + HEAD_SCALE * (oval - centre)).astype(np.int32)], 1)
    holes = np.zeros_like(mask)
    for polygon in (*_EYES, _INNER_MOUTH):
        cv2.fillPoly(holes, [np.round(landmarks[polygon, :2]).astype(np.int32)], 1)
    grow = max(1, int(round(TOLERANCE * float(inter_ocular(landmarks)))))
    holes = cv2.dilate(holes, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1, 2 * grow + 1)))
    return (mask > 0) & (holes == 0)


def new_edges(frame: np.ndarray, landmarks: np.ndarray, source: np.ndarray,
              source_landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """New edge energy of an output frame and its head region.

    Args:
        frame: (H, W, 3) uint8 RGB output frame.
        landmarks: (478, 3) the frame's landmarks, pixels.
        source: (h, w, 3) uint8 RGB source image (any size).
        source_landmarks: (478, 3) the source's landmarks, pixels.

    Returns:
        (H, W) float32 energy, grey levels per pixel (zero outside the region), and the (H, W) bool region.
    """
    height, width = frame.shape[:2]
    region = head_region(landmarks, (height, width))
    energy = np.zeros((height, width), np.float32)
    if not region.any():
        return energy, region
    radius = max(1, int(round(TOLERANCE * float(inter_ocular(landmarks)))))
    pad = radius + 4  # the work is done on the region's box, grown by what the filters reach
    ys, xs = np.nonzero(region)
    x0, y0 = max(int(xs.min()) - pad, 0), max(int(ys.min()) - pad, 0)
    x1, y1 = min(int(xs.max()) + pad + 1, width), min(int(ys.max()) + pad + 1, height)
    motion = head_motion(source_landmarks, landmarks)
    motion[:, 2] -= (x0, y0)
    aligned = cv2.warpAffine(source, motion, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_REPLICATE)
    disk = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    widened = cv2.dilate(edge_map(aligned), disk)
    energy[y0:y1, x0:x1] = np.maximum(edge_map(frame[y0:y1, x0:x1]) - widened - NOISE_FLOOR, 0.0)
    energy[~region] = 0.0
    return energy, region


def seam_score(frame: np.ndarray, landmarks: np.ndarray, source: np.ndarray, source_landmarks: np.ndarray) -> float:
    """Mean new edge energy over the frame's head region, grey levels per pixel (0 = no edge the source lacks)."""
    energy, region = new_edges(frame, landmarks, source, source_landmarks)
    return float(energy[region].mean()) if region.any() else float("nan")
