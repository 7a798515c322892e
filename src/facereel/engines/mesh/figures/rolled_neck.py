"""A rolled face's jaw and neck against the same face upright, turned: the `rolled_neck` figures (issue #9).

lp_s1 turned 30 deg (fill 235) `edit --pitch -10` drew a thin dark stepped "Z" line and a pale lobe under the chin,
lp_s3 turned -32 `edit --yaw -10` a pale slab with straight sides on the wall beside the near cheek (h29-fresh3's
sweep (1), (2)); the upright photos, edited alike, neither. A photo turned by a known angle has a known truth: the
upright photo's landmarks and frame, turned the same way (`turned`). `oval_off` reads how far a track of the turned
photo lies from that (px, over the lower face outline: mediapipe's mesh on an axis-aligned crop of a rolled face put
it 3-5 px off); `departure` reads the mean grey distance of the turned photo's frame from the upright frame turned,
over the band `BAND` face sizes either side of the lower face outline, where the neck layer lays the neck. The source
repeated is the baseline (it reads how far the edit moved the jaw and neck).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, grey_image
from facereel.face import landmark_ids as ids

BAND = 0.08
"""Face sizes either side of the lower face outline `departure` reads."""
LOWER_OVAL = ids.FACE_OVAL[8:29]
"""The face outline from the right ear (454) round the chin to the left (234)."""


def turn_matrix(angle: float, size: tuple[int, int]) -> np.ndarray:
    """(2, 3) float64: the turn by `angle` deg (counter-clockwise as seen, PIL's `rotate`) about the centre of an
    image of `size` (W, H), onto the same size."""
    return cv2.getRotationMatrix2D((size[0] / 2, size[1] / 2), angle, 1.0)


def turned(image: np.ndarray, angle: float, fill: tuple[int, int, int]) -> np.ndarray:
    """(H, W, 3) uint8: `image` (H, W, 3) uint8 RGB turned by `angle` deg about its centre (bicubic), the corners
    `fill`."""
    size = (image.shape[1], image.shape[0])
    return cv2.warpAffine(image, turn_matrix(angle, size), size, flags=cv2.INTER_CUBIC, borderValue=fill)


def turned_points(points: np.ndarray, angle: float, size: tuple[int, int]) -> np.ndarray:
    """(N, 3) float32: (N, 3) px `points` of an image of `size` (W, H) turned as `turned` turns it (z kept)."""
    matrix = turn_matrix(angle, size)
    out = np.array(points, np.float32)
    out[:, :2] = out[:, :2] @ matrix[:, :2].T.astype(np.float32) + matrix[:, 2].astype(np.float32)
    return out


def oval_off(landmarks: np.ndarray, truth: np.ndarray) -> float:
    """px: the mean distance of the lower face outline of (478, 2+) px `landmarks` from `truth`'s."""
    oval = list(LOWER_OVAL)
    return float(np.linalg.norm(landmarks[oval, :2] - truth[oval, :2], axis=1).mean())


def band(landmarks: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) bool: within `BAND` face sizes of the lower face outline of (478, 2+) px `landmarks`."""
    mask = np.zeros(shape, np.uint8)
    line = np.rint(landmarks[list(LOWER_OVAL), :2]).astype(np.int32)
    cv2.polylines(mask, [line], False, 1, thickness=max(1, round(2 * BAND * face_size(landmarks))))
    return mask > 0


def departure(frame: np.ndarray, expected: np.ndarray, target: np.ndarray, inside: np.ndarray) -> float:
    """Grey levels: the mean |grey(frame) - grey(expected)| over the `band` of the (478, 2+) px `target` landmarks
    within `inside` ((H, W) bool: where `expected`, the upright frame turned, holds the upright photo); frame and
    expected (H, W, 3) uint8 RGB."""
    near = band(target, frame.shape[:2]) & inside
    return float(np.abs(grey_image(frame) - grey_image(expected))[near].mean())
