"""Seam score: edges in an output frame's head region that the source, moved with the head, does not have.

A warp engine that tears (a hard face/hair seam, a ghost half-face, a pasted cut-out) draws new edges
across smooth skin, hair and background. Per output frame:

1. The source is aligned to the frame by the head's motion, two ways, and an edge may come from either:
   - **the head layer**: the source's head (face, hair, ears: `engines.mesh.geometry.head_proxy.head_mask`) lifted
     onto the skull shell (`head_proxy.lift`) with the source's 3-D pose, posed with the frame's pose
     (both estimated from the landmarks, `face.pose.estimate_pose`) and laid over the source's
     background with the head removed (filled smoothly, no edges of its own). A whole head turning or
     moving over a still background, hair and outline included, is explained; hair left behind by a face
     that moved, or a ghost of the face where it was, is not.
   - **the whole picture**: the 2-D affine map that carries the source's stable landmarks
     (`face.landmark_ids.STABLE`) onto the frame's, least squares (a camera move, the body following).
2. Edge maps: grey levels 0-255, Gaussian blur (sigma 1 px, against codec noise), Sobel gradient
   magnitude in grey levels per pixel.
3. The aligned sources' edges are widened by a grey dilation of radius `TOLERANCE` x the inter-ocular
   distance (small landmark and alignment errors, lips and brows moving a little, do not count).
4. New edge energy = max(0, output edge - max(both widened edges) - `NOISE_FLOOR`) per pixel.
5. The score is its mean over the **head region**: the face outline (`FACE_OVAL`) scaled by `HEAD_SCALE`
   about its centre (face, hair, ears, jaw line and the background just around them), without the eyes
   and the inner mouth (blinks and an opening mouth draw edges of their own; the mouth is judged by
   `eval.mouth`). Unit: grey levels per pixel; the do-nothing baseline scores 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.geometry.head_proxy import head_mask, lift, place
from facereel.engines.mesh.layers import fill_hole
from facereel.eval.landmarks import inter_ocular
from facereel.face import landmark_ids as ids
from facereel.face.pose import HeadPose, estimate_pose

HEAD_SCALE = 1.7  # head region = face outline scaled by this about its centre (reaches hair and ears)
TOLERANCE = 0.06  # source edges widened by this many inter-ocular distances
NOISE_FLOOR = 3.0  # grey levels per pixel of edge difference ignored (H.264 blocking, resampling)
BLUR_SIGMA = 1.0  # pixels
HOLE_GROW = 0.1  # the head's hole in the background is its mask grown by this many inter-ocular distances

_STABLE = ids.as_index(ids.STABLE)
_OVAL = ids.as_index(ids.FACE_OVAL)
_EYES = (ids.as_index(ids.RIGHT_UPPER_LID + ids.RIGHT_LOWER_LID[::-1]),
         ids.as_index(ids.LEFT_UPPER_LID + ids.LEFT_LOWER_LID[::-1]))
_INNER_MOUTH = ids.as_index(ids.INNER_UPPER_LIP + ids.INNER_LOWER_LIP[-2:0:-1])


@dataclass(frozen=True)
class SeamSource:
    """The source as the seam score aligns it, prepared once per source (`prepare`).

    image: (h, w, 3) uint8 RGB. landmarks: (478, 3) image px. pose: its head pose (T=1).
    head: (h, w) float32 in [0, 1], the head layer (face, hair, ears above the jaw line).
    background: (h, w, 3) float32 RGB, the image with the head (grown by `HOLE_GROW`) filled smoothly.
    """

    image: np.ndarray
    landmarks: np.ndarray
    pose: HeadPose
    head: np.ndarray
    background: np.ndarray


def prepare(source: np.ndarray, source_landmarks: np.ndarray) -> SeamSource:
    """The source ((h, w, 3) uint8 RGB) and its (478, 3) landmarks, px, ready for `new_edges`."""
    pose = estimate_pose(source_landmarks[None])[0]
    head = head_mask(source, source_landmarks, np.zeros(2), pose).head
    grow = max(1, int(round(HOLE_GROW * float(inter_ocular(source_landmarks)))))
    hole = cv2.dilate((head > 0.02).astype(np.uint8), disc_kernel(grow))
    background = fill_hole(source, 1.0 - hole.astype(np.float32))
    return SeamSource(source, np.asarray(source_landmarks, np.float32), pose, head, background)


def edge_map(image: np.ndarray) -> np.ndarray:
    """(H, W) float32 gradient magnitude of an RGB (H, W, 3) image (0-255 levels), grey levels per pixel."""
    grey = cv2.cvtColor(image.astype(np.float32), cv2.COLOR_RGB2GRAY)
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


def head_layer(source: SeamSource, landmarks: np.ndarray, box: tuple[int, int, int, int],
               shape: tuple[int, int]) -> np.ndarray:
    """(y1 - y0, x1 - x0, 3) float32 RGB: the source's head posed as the frame's face (478, 3 px landmarks)
    over the source's background, in the frame's `box` (x0, y0, x1, y1) px; `shape` (H, W) is the
    frame's (the background is resized to it when the source's differs)."""
    x0, y0, x1, y1 = box
    gy, gx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    points = np.stack([gx.ravel(), gy.ravel()], 1)
    at_source = place(lift(points, estimate_pose(landmarks[None])[0]), source.pose)[:, :2]
    map_x = at_source[:, 0].reshape(gx.shape).astype(np.float32)
    map_y = at_source[:, 1].reshape(gx.shape).astype(np.float32)
    colour = cv2.remap(source.image.astype(np.float32), map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    alpha = cv2.remap(source.head, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)
    background = source.background
    if background.shape[:2] != shape:
        background = cv2.resize(background, (shape[1], shape[0]), interpolation=cv2.INTER_AREA)
    return alpha[..., None] * colour + (1 - alpha[..., None]) * background[y0:y1, x0:x1]


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
    holes = cv2.dilate(holes, disc_kernel(grow))
    return (mask > 0) & (holes == 0)


def new_edges(frame: np.ndarray, landmarks: np.ndarray, source: SeamSource) -> tuple[np.ndarray, np.ndarray]:
    """New edge energy of an output frame and its head region.

    Args:
        frame: (H, W, 3) uint8 RGB output frame.
        landmarks: (478, 3) the frame's landmarks, pixels.
        source: the prepared source (`prepare`; any size).

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
    motion = head_motion(source.landmarks, landmarks)
    motion[:, 2] -= (x0, y0)
    picture = cv2.warpAffine(source.image, motion, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_REPLICATE)
    layered = head_layer(source, landmarks, (x0, y0, x1, y1), (height, width))
    widened = cv2.dilate(np.maximum(edge_map(picture), edge_map(layered)), disc_kernel(radius))
    energy[y0:y1, x0:x1] = np.maximum(edge_map(frame[y0:y1, x0:x1]) - widened - NOISE_FLOOR, 0.0)
    energy[~region] = 0.0
    return energy, region


def seam_score(frame: np.ndarray, landmarks: np.ndarray, source: SeamSource) -> float:
    """Mean new edge energy over the frame's head region, grey levels per pixel (0 = no edge the source lacks)."""
    energy, region = new_edges(frame, landmarks, source)
    return float(energy[region].mean()) if region.any() else float("nan")
