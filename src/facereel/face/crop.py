"""Crop geometry: the model's 3:2 region around a face, and the aligned square face crop."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from facereel.face import landmark_ids as ids


@dataclass(frozen=True)
class Region:
    """An axis-aligned box of the source image (px) that maps onto an output of `size` (width, height).

    The box may extend past the image borders (filled with black when cropped).
    """

    x0: float
    y0: float
    width: float
    height: float
    size: tuple[int, int]

    @property
    def factor(self) -> float:
        """Output px per source px."""
        return self.size[0] / self.width

    def to_region(self, points: np.ndarray) -> np.ndarray:
        """(..., 2+) source px -> region px (z scaled alike)."""
        out = np.array(points, dtype=np.float32, copy=True)
        out[..., 0] -= self.x0
        out[..., 1] -= self.y0
        return out * self.factor

    def crop(self, image: np.ndarray) -> np.ndarray:
        """(H, W, 3) source -> (size[1], size[0], 3) crop, resampled."""
        f = self.factor
        affine = np.array([[f, 0, -self.x0 * f], [0, f, -self.y0 * f]], dtype=np.float64)
        return cv2.warpAffine(image, affine, self.size, flags=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC,
                              borderMode=cv2.BORDER_CONSTANT)


def model_region(frame_size: tuple[int, int], landmarks: np.ndarray, size: tuple[int, int],
                 face_fraction: float = 0.45) -> Region:
    """The `size`-aspect box around a face, with the face's height `face_fraction` of the box height,
    shifted to stay inside the image where the image is large enough (never letterboxing a portrait that
    has room around the face).

    frame_size: (width, height) px of the source. landmarks: (N, 2+) px of the face (all frames' points
    may be stacked so the box holds the whole motion). size: (width, height) of the model frame.
    """
    w_img, h_img = frame_size
    lo, hi = landmarks[:, :2].min(0), landmarks[:, :2].max(0)
    aspect = size[0] / size[1]
    height = (hi[1] - lo[1]) / face_fraction
    height = min(height, h_img, w_img / aspect) if min(h_img, w_img / aspect) >= (hi[1] - lo[1]) * 1.2 else height
    width = height * aspect
    cx, cy = (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2 - 0.05 * height  # a little headroom for hair
    x0 = float(np.clip(cx - width / 2, 0, max(w_img - width, 0))) if width <= w_img else cx - width / 2
    y0 = float(np.clip(cy - height / 2, 0, max(h_img - height, 0))) if height <= h_img else cy - height / 2
    return Region(x0, y0, float(width), float(height), size)


# Where the eye centres and mouth centre sit in the aligned square crop (fractions of its side).
_ALIGN_DST = np.array([[0.37, 0.45], [0.63, 0.45], [0.5, 0.72]], dtype=np.float32)


def aligned_face_crop(image: np.ndarray, landmarks: np.ndarray, side: int = 512) -> np.ndarray:
    """(side, side, 3) crop with the eyes level and the face centred (for identity encoders).

    landmarks: (478, 2+) px of the face in `image`.
    """
    right = landmarks[list(ids.RIGHT_EYE_CORNERS), :2].mean(0)
    left = landmarks[list(ids.LEFT_EYE_CORNERS), :2].mean(0)
    mouth = landmarks[list(ids.MOUTH_CORNERS), :2].mean(0)
    src = np.stack([right, left, mouth]).astype(np.float32)
    matrix, _ = cv2.estimateAffinePartial2D(src, _ALIGN_DST * side)
    return cv2.warpAffine(image, matrix, (side, side), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REFLECT)
