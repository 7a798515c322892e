"""Pixel agreement with ground truth (self-reenactment): PSNR, SSIM, L1, full frame and head region.

Frames are uint8 RGB `(H, W, 3)` (docs/conventions.md). The head region is an axis-aligned box
around the ground-truth landmarks (`face_box`), so the scores there ignore the background.
"""

from __future__ import annotations

import numpy as np
from skimage.metrics import structural_similarity

Box = tuple[int, int, int, int]
"""(x0, y0, x1, y1) in pixels, half-open: the region is `image[y0:y1, x0:x1]`."""

MAX_LEVEL = 255.0


def psnr(output: np.ndarray, reference: np.ndarray) -> float:
    """Peak signal-to-noise ratio in dB (peak 255); `inf` for identical images."""
    _check_pair(output, reference)
    mse = float(np.mean((output.astype(np.float64) - reference.astype(np.float64)) ** 2))
    return float("inf") if mse == 0.0 else float(10.0 * np.log10(MAX_LEVEL**2 / mse))


def ssim(output: np.ndarray, reference: np.ndarray) -> float:
    """Structural similarity in [-1, 1] (1 = identical): skimage's, 7x7 window, over RGB channels."""
    _check_pair(output, reference)
    if min(output.shape[:2]) < 7:
        raise ValueError(f"SSIM needs images of at least 7x7 pixels, got {output.shape[:2]}")
    return float(structural_similarity(output, reference, channel_axis=-1, data_range=MAX_LEVEL))


def l1(output: np.ndarray, reference: np.ndarray) -> float:
    """Mean absolute difference, in intensity units of [0, 1] (255 levels = 1.0)."""
    _check_pair(output, reference)
    return float(np.mean(np.abs(output.astype(np.float64) - reference.astype(np.float64))) / MAX_LEVEL)


def face_box(landmarks: np.ndarray, frame_size: tuple[int, int], margin: float = 0.15) -> Box:
    """Box around one face's landmarks, widened by `margin` x its size on every side, clipped to the frame.

    Args:
        landmarks: (N, 2+) image-space landmarks in pixels (x, y first).
        frame_size: (width, height) of the frame.
        margin: fraction of the landmarks' width/height added on each side.
    """
    width, height = frame_size
    lo = landmarks[:, :2].min(axis=0)
    hi = landmarks[:, :2].max(axis=0)
    pad = (hi - lo) * margin
    x0, y0 = np.floor(lo - pad).astype(int)
    x1, y1 = np.ceil(hi + pad).astype(int)
    x0, x1 = int(np.clip(x0, 0, width)), int(np.clip(x1, 0, width))
    y0, y1 = int(np.clip(y0, 0, height)), int(np.clip(y1, 0, height))
    return x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)


def crop(image: np.ndarray, box: Box) -> np.ndarray:
    """`image[y0:y1, x0:x1]`."""
    x0, y0, x1, y1 = box
    return image[y0:y1, x0:x1]


def frame_scores(output: np.ndarray, reference: np.ndarray, head: Box | None) -> dict[str, float]:
    """PSNR / SSIM / L1 of one frame pair, full frame and (when `head` is given) inside the head box.

    Returns keys `psnr`, `ssim`, `l1` and, with a box, `psnr_head`, `ssim_head`, `l1_head`.
    """
    scores = {"psnr": psnr(output, reference), "ssim": ssim(output, reference), "l1": l1(output, reference)}
    if head is not None:
        out_crop, ref_crop = crop(output, head), crop(reference, head)
        scores["psnr_head"] = psnr(out_crop, ref_crop)
        scores["ssim_head"] = ssim(out_crop, ref_crop) if min(ref_crop.shape[:2]) >= 7 else float("nan")
        scores["l1_head"] = l1(out_crop, ref_crop)
    return scores


def _check_pair(output: np.ndarray, reference: np.ndarray) -> None:
    if output.shape != reference.shape:
        raise ValueError(f"image shapes differ: {output.shape} vs {reference.shape}")
