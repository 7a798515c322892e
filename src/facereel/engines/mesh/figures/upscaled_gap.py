"""How far a small face's frames are from the same picture upscaled, animated and scaled back (issue #9).

A face of a few dozen px drawn at its own size showed what the same picture upscaled 4x, animated and scaled back
did not (lp_s3 at 1/4, a 32 px face, x preset:turn: the near cheek a pale blocky band on frames 10-13, the jaw
below the chin washed into the neck on 40-44; `small_face.py`). The yardstick is what a user gets by upscaling
the picture themselves: the photo enlarged `FACTOR` times (bicubic), its face tracked there, the same motion
retargeted onto it, each frame scaled back (an area mean). `upscaled_gap`: the mean absolute grey difference
between a frame and that one's over the pixels either moved (grey levels); the source repeated reads the turn's
own change.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image

FACTOR = 4


def upscaled(image: np.ndarray, factor: int = FACTOR) -> np.ndarray:
    """(H * factor, W * factor, 3) uint8: the (H, W, 3) uint8 `image` enlarged by bicubic interpolation."""
    h, w = image.shape[:2]
    return np.ascontiguousarray(cv2.resize(image, (w * factor, h * factor), interpolation=cv2.INTER_CUBIC))


def scaled_back(frame: np.ndarray, factor: int = FACTOR) -> np.ndarray:
    """(H, W, 3) uint8: an (H * factor, W * factor, 3) frame of the `upscaled` picture, area-averaged back."""
    h, w = frame.shape[0] // factor, frame.shape[1] // factor
    return cv2.resize(frame, (w, h), interpolation=cv2.INTER_AREA)


def upscaled_gap(frame: np.ndarray, source: np.ndarray, reference: np.ndarray, reference_still: np.ndarray) -> float:
    """Grey levels: the mean |grey(frame) - grey(reference)| over the pixels either moved (all (H, W, 3) uint8:
    `frame` against its `source`, `reference` (`scaled_back` of the upscaled picture's frame) against
    `reference_still` (`scaled_back` of the upscaled picture)); 0 when neither moved."""
    moved = (frame != source).any(2) | (reference != reference_still).any(2)
    return float(np.abs(grey_image(frame) - grey_image(reference))[moved].mean()) if moved.any() else 0.0
