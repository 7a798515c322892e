"""Crop geometry: the model's 3:2 region around a face, and the aligned square face crop."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from facereel.face import landmark_ids as ids


@dataclass(frozen=True)
class Region:
    """An axis-aligned box of the source image (px) that maps onto an output of `size` (width, height).

    The box may extend past the image borders (filled with black when cropped). `pil`: whole-pixel box
    resized with PIL's default (bicubic) filter, as the release's `crop_and_resize` does.
    """

    x0: float
    y0: float
    width: float
    height: float
    size: tuple[int, int]
    pil: bool = False

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
        if self.pil:
            from PIL import Image

            x0, y0, w, h = int(self.x0), int(self.y0), int(self.width), int(self.height)
            box = np.zeros((h, w, 3), np.uint8)
            sx0, sy0 = max(x0, 0), max(y0, 0)
            sx1, sy1 = min(x0 + w, image.shape[1]), min(y0 + h, image.shape[0])
            box[sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = image[sy0:sy1, sx0:sx1]
            return np.asarray(Image.fromarray(box).resize(self.size))
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


def release_region(frame_size: tuple[int, int], size: tuple[int, int]) -> Region:
    """The release's model frame (`crop_and_resize`): a photo wider than `size`'s aspect is centre-cropped to
    it, a narrower one padded left and right with black; then resized to `size` with PIL's bicubic filter.

    frame_size, size: (width, height).
    """
    width, height = frame_size
    if height / width < size[1] / size[0]:
        cropped = int(height / size[1] * size[0])
        return Region(float((width - cropped) // 2), 0.0, float(cropped), float(height), size, pil=True)
    pad = int(((size[0] / size[1]) * height - width) / 2.0)
    return Region(float(-pad), 0.0, float(width + 2 * pad), float(height), size, pil=True)


def release_face_box(frame_size: tuple[int, int], landmarks: np.ndarray) -> tuple[int, int, int, int]:
    """(x, y, width, height) int px: the release's face box (`FaceAnimationProcessor.face_crop`) in a frame.

    The release widens a detector box of width w by w/2 on each side (clipped to the frame), centres a
    square of that width vertically on it (clipped), then narrows the width to the clipped height. Its
    detector (insightface) is not used here: the detector box is the landmarks' bounding box.
    frame_size: (width, height). landmarks: (N, 2+) px.
    """
    width, height = frame_size
    (bx0, by0), (bx1, by1) = landmarks[:, :2].min(0).astype(np.float64), landmarks[:, :2].max(0).astype(np.float64)
    w, h = bx1 - bx0, by1 - by0
    x1, x2 = max(0, int(bx0 - w / 2)), min(width - 1, int(bx1 + w / 2))
    y_offset = ((x2 - x1) - h) / 2.0
    y1, y2 = max(0, int(by0 - y_offset)), min(height, int(by1 + y_offset))
    shrink = int(((x2 - x1) - (y2 - y1)) / 2) if (x2 - x1) > (y2 - y1) else 0
    return x1 + shrink, y1, (x2 - shrink) - (x1 + shrink), y2 - y1


# facexlib's standard 5-point FFHQ template at 512 px, as the release's FaceRestoreHelper(face_size=512,
# crop_ratio=(1, 1)) uses it: eye centres, nose tip, mouth corners, image-left point first.
FFHQ_TEMPLATE_512 = np.array([[192.98138, 239.94708], [318.90277, 240.1936], [256.63416, 314.01935],
                              [201.26117, 371.41043], [313.08905, 371.15118]], dtype=np.float64)
# facexlib fills outside the photo with (135, 133, 132) in BGR order: this grey in RGB.
FACE_CROP_BORDER_RGB = (132, 133, 135)


def five_points(landmarks: np.ndarray) -> np.ndarray:
    """(5, 2) float64 detector-style keypoints from mediapipe landmarks (478, 2+): eye centres (midpoint of
    each eye's corners, image-left eye first), nose tip, mouth corners (image-left first)."""
    eyes = [landmarks[list(corners), :2].mean(0) for corners in (ids.RIGHT_EYE_CORNERS, ids.LEFT_EYE_CORNERS)]
    mouth = landmarks[list(ids.MOUTH_CORNERS), :2]
    return np.stack([*eyes, landmarks[ids.PRONASALE, :2], *mouth]).astype(np.float64)


def aligned_face_crop(image: np.ndarray, landmarks: np.ndarray, side: int = 512) -> np.ndarray:
    """(side, side, 3) uint8 crop aligned as the release aligns its SigLIP face crop: a robust (LMEDS)
    similarity fit of the 5 keypoints to the FFHQ template, bilinear resampling, grey border outside the image.

    image: (H, W, 3) uint8 RGB (the release crops from its 480x720 model frame). landmarks: (478, 2+) px of
    the face in `image`.
    """
    template = FFHQ_TEMPLATE_512 * (side / 512.0)
    matrix, _ = cv2.estimateAffinePartial2D(five_points(landmarks), template, method=cv2.LMEDS)
    return cv2.warpAffine(image, matrix, (side, side), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=FACE_CROP_BORDER_RGB)
