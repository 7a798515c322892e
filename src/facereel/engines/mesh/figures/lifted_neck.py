"""The moved neck lit past the photo's own neck under a turned, raised chin (issue #9).

sr_18 x preset:turn at full size, frames 37-46: under the moved jaw, where the photo's dark jaw edge lay, the neck
plate was lifted 40-80 grey levels past the photo's lit neck (RGB ~(244, 185, 169) against ~(215, 150, 125)): a
pale patch under a paler rim. `jaw_shadow.moved_shadow` divided out the photo's dark line by its whole factor where
`chin_strip` had already taken the line out (the line lifted twice). `over_lit` reads, in the jaw's columns (the
face oval below the mouth corners, the photo's and the frame's) from the jaw's highest row down to `BELOW` face
sizes under the photo's chin, the warm pixels (skin and its shade: OpenCV a >= `jaw_band.SKIN_A`; not a white
collar or a light background) under the drawn head (alpha under `UNDER`) that are `OVER` grey levels or more lighter
than the photo's own neck there (its warm pixels under the photo's head alpha `UNDER` in that window, percentile
`LIT`): face sizes^2 x 1000. ~0 on the source repeated.

`light_rims` reads, in the same window and pixels, the light lines across the neck: at least `RIM` grey levels
lighter (blurred by `SMOOTH` face sizes) than both the neck's pixels `APART` face sizes above and below (sr_18 x
preset:turn 37-46: the hole's shadowed tone just above the photo's jaw edge lifted under the moved head as if it were
the line's reflection, `jaw_shadow.shadow_factor`, a pale rim 6-8 px tall along the old jaw with a stepped lower
edge): face sizes^2 x 1000, beside the source repeated's (the lit skin between a creased neck's folds, sr_18 1.2).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.jaw_band import SKIN_A
from facereel.face import landmark_ids as ids

BELOW = 0.3
"""Face sizes under the photo's chin the window reaches."""
UNDER = 0.05
"""Head alpha under which a pixel is the plate's (the neck), not the head's."""
LIT = 99.0
"""Percentile of the photo's neck's grey levels: its lit neck."""
OVER = 12.0
"""Grey levels over the photo's lit neck from which a pixel counts."""
RIM = 12.0
"""Grey levels over the neck above and below from which a pixel is a light line (`light_rims`)."""
APART = 0.025
"""Face sizes above and below a pixel where the neck it is lighter than is read (a line up to ~0.04 tall)."""
SMOOTH = 0.003
"""Face sizes: the sigma of the blur the lines are read on (the skin's grain, not a line)."""


def _window(landmarks: np.ndarray, photo_landmarks: np.ndarray, shape: tuple[int, int], size: float
            ) -> tuple[slice, slice]:
    """(rows, columns) of the image (`shape`, (H, W)): the jaw's columns and rows of the frame's and the photo's
    landmarks ((478, 2+) px each: the face oval below the mouth corners) down to `BELOW` face sizes (`size` px)
    under the photo's chin."""
    jaws = []
    for lm in (landmarks, photo_landmarks):
        oval = np.asarray(lm, np.float64)[list(ids.FACE_OVAL), :2]
        jaws.append(oval[oval[:, 1] > np.asarray(lm)[list(ids.MOUTH_CORNERS), 1].max()])
    jaw = np.concatenate(jaws)
    x0, x1 = max(0, int(np.floor(jaw[:, 0].min()))), min(shape[1], int(np.ceil(jaw[:, 0].max())) + 1)
    bottom = float(photo_landmarks[ids.CHIN, 1]) + BELOW * size
    y0, y1 = max(0, int(np.floor(jaw[:, 1].min()))), min(shape[0], int(np.ceil(bottom)) + 1)
    return slice(y0, y1), slice(x0, x1)


def _neck(image: np.ndarray, alpha: np.ndarray, window: tuple[slice, slice]) -> tuple[np.ndarray, np.ndarray]:
    """(n, m) float32 grey levels of `image` ((H, W, 3) uint8 RGB) on `window` and (n, m) bool where they are the
    neck: warm (`SKIN_A`) under the head (`alpha`, (H, W) float32, under `UNDER`)."""
    part = np.ascontiguousarray(image[window])
    warm = cv2.cvtColor(part, cv2.COLOR_RGB2LAB)[..., 1] >= SKIN_A
    return grey_image(part), warm & (alpha[window] < UNDER)


def placed(alpha: np.ndarray, origin: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) float32: the crop's head alpha `alpha` ((h, w)) placed at `origin` ((x, y) px) on an image of `shape`."""
    out = np.zeros(shape, np.float32)
    x0, y0 = (int(v) for v in origin)
    out[y0:y0 + alpha.shape[0], x0:x0 + alpha.shape[1]] = alpha
    return out


def over_lit(frame: np.ndarray, landmarks: np.ndarray, alpha: np.ndarray, photo: np.ndarray,
             photo_landmarks: np.ndarray, photo_alpha: np.ndarray, size: float) -> float:
    """Face sizes^2 x 1000: the drawn neck's pixels lighter than the photo's lit neck (module doc).

    frame, photo: (H, W, 3) uint8 RGB; landmarks, photo_landmarks: (478, 2+) px, the frame's and the photo's;
    alpha, photo_alpha: (H, W) float32, the head's alpha as drawn on the frame (`MeshAnimator.drawn_alpha`, `placed`
    on the image) and the photo's; size: the photo's face size, px."""
    window = _window(landmarks, photo_landmarks, frame.shape[:2], size)
    grey, neck = _neck(photo, photo_alpha, window)
    if not neck.any():
        return 0.0
    lit = float(np.percentile(grey[neck], LIT))
    grey, neck = _neck(frame, alpha, window)
    return 1000.0 * int((neck & (grey >= lit + OVER)).sum()) / size ** 2


def light_rims(frame: np.ndarray, landmarks: np.ndarray, alpha: np.ndarray, photo_landmarks: np.ndarray,
               size: float) -> float:
    """Face sizes^2 x 1000: the light lines across the drawn neck (module doc); arguments as `over_lit`'s."""
    window = _window(landmarks, photo_landmarks, frame.shape[:2], size)
    grey, neck = _neck(frame, alpha, window)
    k = max(2, round(APART * size))
    if grey.shape[0] <= 2 * k:
        return 0.0
    grey = cv2.GaussianBlur(grey, (0, 0), max(0.5, SMOOTH * size))
    middle, up, down = grey[k:-k], grey[:-2 * k], grey[2 * k:]
    read = neck[k:-k] & neck[:-2 * k] & neck[2 * k:]
    return 1000.0 * int((read & (np.minimum(middle - up, middle - down) >= RIM)).sum()) / size ** 2
