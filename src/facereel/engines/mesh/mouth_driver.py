"""The driver's own mouth interior (teeth, tongue, cavity) carried into the portrait's opening.

As in "Bringing Portraits to Life" (Averbuch-Elor et al., SIGGRAPH Asia 2017): the pixels inside the
driver's inner-lip contour are mapped onto the target inner-lip contour (least-squares affine map between
the two 20-point contours) and colour-matched to the portrait through the skin of the cheeks: scaled by
the ratio of the portrait's skin luma to the driver's (exposure) and by the square root of the ratio of
their chromaticities (half the colour cast: skin colour is part light, part the person), so the driver's
teeth and tongue take the portrait's light while keeping their brightness relative to the face.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.mouth_shape import mouth_gap, skin_colour
from facereel.engines.mesh.warp import fit_linear

_GAIN_RANGE = (0.4, 2.5)  # per-channel colour gain limits (portrait skin / driver skin)
_OPEN_FROM, _OPEN_FULL = 0.03, 0.08  # driver gap / mouth width: its interior fades in over this range


@dataclass(frozen=True)
class DriverFrame:
    """One driving frame for the mouth: image (H, W, 3) uint8 RGB and its tracked landmarks (478, 3) px."""

    image: np.ndarray
    landmarks: np.ndarray


def _luma(rgb: np.ndarray) -> float:
    """Luma of a (3,) RGB colour, at least 1."""
    return max(float(rgb @ (0.299, 0.587, 0.114)), 1.0)


def driver_interior(driver: DriverFrame, target_contour: np.ndarray, shape: tuple[int, int],
                    portrait_skin: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The driver's mouth interior mapped onto a target opening.

    target_contour: (20, 2) target inner-lip contour (`INNER_LIP_CONTOUR` order) in the px of a box of
    `shape` (h, w); portrait_skin: (3,) RGB of the portrait's cheeks. Returns (paint (h, w, 3) float32 RGB,
    alpha (h, w) float32: driver interior coverage times how open the driver's mouth is), or None when the
    driver's mouth is closed or its skin cannot be measured.
    """
    gap, width = mouth_gap(driver.landmarks)
    weight = np.clip((gap / max(width, 1e-6) - _OPEN_FROM) / (_OPEN_FULL - _OPEN_FROM), 0, 1)
    drv_skin = skin_colour(driver.image, driver.landmarks) if weight > 0 else None
    if drv_skin is None:
        return None
    h, w = driver.image.shape[:2]
    contour = driver.landmarks[INNER_LIP_CONTOUR, :2].astype(np.float32)
    x0, y0, x1, y1 = box_around(contour, 2, (w, h))
    if x1 <= x0 or y1 <= y0:
        return None
    patch = driver.image[y0:y1, x0:x1].astype(np.float32)
    src = contour - np.array([x0, y0], np.float32)
    alpha = polygon_mask([src], patch.shape[:2], (0, 0))
    exposure = _luma(portrait_skin) / _luma(drv_skin)
    cast = (portrait_skin / _luma(portrait_skin)) / (np.maximum(drv_skin, 1.0) / _luma(drv_skin))
    gain = np.clip(exposure * np.sqrt(cast), *_GAIN_RANGE)
    layer = np.dstack([patch * gain, alpha * weight])
    lin = fit_linear(src, target_contour)
    affine = np.hstack([lin, (target_contour.mean(0) - lin @ src.mean(0))[:, None]])
    out = cv2.warpAffine(layer, affine, (shape[1], shape[0]), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT)
    return np.clip(out[..., :3], 0, 255), out[..., 3]
