"""Does a driven mouth show the driver's teeth, and do the lips around it survive? (issue #9 item 3)

Per frame, from the frame and its (478, 3) px landmarks, relative to the face's own skin (the cheeks'
median colour, `mouth_shape.skin_colour`) so skin tone and lighting cancel:

- **teeth area**: pixels inside the inner-lip contour that are teeth-like (CIELAB L* >= 0.9 x the skin's
  and chroma <= 0.7 x the skin's: bright and whiter than the face), in squared mouth widths. A pink or
  grey blob where the driver shows white teeth scores ~0.
- **interior contrast**: standard deviation of L* inside the inner-lip contour / the skin's L* (teeth
  against the cavity; a smooth blob is low).
- **cavity**: mean L* of the darkest quarter of the pixels inside the inner-lip contour / the skin's L*
  (the throat's shadow; a driven opening lifted to a pale blob reads high, a mouth's cavity low).
- **rim**: (mean L* of the opening's edge band, within 0.1 inner-lip gaps and at least 2 px of the
  contour, minus the median L* of the rest of the opening) / the skin's L*: a pale ring round the opening
  (the lips' wet inner band carried inside it) reads high.
- **detail**: the steepness of the edges in the same rest of the opening: L* gradient magnitude (Sobel,
  per px) averaged weighted by itself (sum of squares / sum, so flat areas do not count and an edge's
  length does not either, only how sharp it is) / the skin's L*. A driver's small mouth magnified into a
  large opening has edges m times wider and reads ~1/m of the driver's own; a flat band ~0.
- **hue**: the angle (degrees, 0-180) between the opening's mean (a*, b*) and the skin's (a*, b*) in
  CIELAB: how far the interior's colour cast turns from the face's. A driver's red cavity carried
  unchanged into a cyan-lit face reads ~150+; the same interior in a face lit like the driver's, the
  driver's own figure (~20-40: a mouth is redder than skin).
- **lower lip colour**: median CIELAB of the band between the inner and outer lower lip contours; its
  distance (delta E) to the source's band says whether the lower lip's colour survived (0 = unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_driver import hue_angle, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap, skin_colour
from facereel.face import landmark_ids as ids

TEETH_LIGHT, TEETH_CHROMA = 0.9, 0.7  # teeth-like: L* at least, chroma at most, these times the skin's
MIN_CHROMA = 5.0  # skin chroma floor (a grey statue still has teeth whiter than "no colour")
_RIM_DEPTH = 0.1  # edge band depth in inner-lip gaps (at least 2 px)
_LOWER_BAND = np.array(ids.OUTER_LOWER_LIP + ids.INNER_LOWER_LIP[::-1])


@dataclass(frozen=True)
class MouthLook:
    """One frame's mouth: teeth_area (squared mouth widths), contrast (L* std / skin L*) and cavity
    (darkest-quarter L* / skin L*), both NaN when the opening has under 10 px, lower_lip (3,) median
    CIELAB of the lower lip band (NaN when empty), rim (edge band minus core L* / skin L*, NaN when either
    is empty), detail (core edge steepness, L* per px / skin L*, NaN when the core is empty), hue (degrees
    between the opening's mean a*, b* and the skin's, NaN under 10 px)."""

    teeth_area: float
    contrast: float
    lower_lip: np.ndarray
    cavity: float = float("nan")
    rim: float = float("nan")
    detail: float = float("nan")
    hue: float = float("nan")


def _inside(shape: tuple[int, int], polygon: np.ndarray, origin: tuple[int, int]) -> np.ndarray:
    """(h, w) bool mask of a box of `shape` inside a (K, 2) px polygon; origin: the box's top-left."""
    return polygon_mask([polygon], shape, origin) > 0.5


def _region(lab: np.ndarray, polygon: np.ndarray, origin: tuple[int, int]) -> np.ndarray:
    """(N, 3) CIELAB pixels of a box-sized `lab` inside a (K, 2) px polygon; origin: the box's top-left."""
    return lab[_inside(lab.shape[:2], polygon, origin)]


def _rim_and_detail(lab: np.ndarray, opening: np.ndarray, depth: float) -> tuple[float, float]:
    """(edge band minus core lightness, self-weighted mean L* gradient magnitude per px over the core) of
    the `opening` (box-sized bool mask) in `lab`; band `depth` px; NaN where the band or core is empty."""
    inward = cv2.distanceTransform(opening.astype(np.uint8), cv2.DIST_L2, 3)
    band, core = opening & (inward <= depth), inward > depth
    if not core.any():
        return float("nan"), float("nan")
    light = np.ascontiguousarray(lab[..., 0])
    grad = np.hypot(cv2.Sobel(light, cv2.CV_32F, 1, 0), cv2.Sobel(light, cv2.CV_32F, 0, 1)) / 8  # per px
    rim = float(light[band].mean() - np.median(light[core])) if band.any() else float("nan")
    edges = grad[core]
    return rim, float((edges**2).sum() / edges.sum()) if edges.sum() > 0 else 0.0


def mouth_look(frame: np.ndarray, landmarks: np.ndarray) -> MouthLook:
    """Teeth area, interior contrast, cavity darkness, rim, detail and lower lip colour of (H, W, 3) uint8
    RGB `frame`'s mouth."""
    pts = landmarks[:, :2].astype(np.float32)
    gap, width = mouth_gap(landmarks)
    skin = skin_colour(frame, landmarks)
    mouth = np.vstack([pts[_LOWER_BAND], pts[INNER_LIP_CONTOUR]])
    x0, y0, x1, y1 = box_around(mouth, 2, (frame.shape[1], frame.shape[0]))
    nan = np.full(3, np.nan)
    if skin is None or x1 <= x0 or y1 <= y0:
        return MouthLook(0.0, float("nan"), nan)
    skin_lab = to_lab(skin)
    lab = to_lab(frame[y0:y1, x0:x1])
    opening = _inside(lab.shape[:2], pts[INNER_LIP_CONTOUR], (x0, y0))
    inside = lab[opening]
    lip = _region(lab, pts[_LOWER_BAND], (x0, y0))
    chroma = np.linalg.norm(inside[:, 1:], axis=1)
    teeth = (inside[:, 0] >= TEETH_LIGHT * skin_lab[0]) & (
        chroma <= TEETH_CHROMA * max(float(np.linalg.norm(skin_lab[1:])), MIN_CHROMA))
    contrast = cavity = hue = float("nan")
    if len(inside) >= 10:
        hue = hue_angle(inside[:, 1:].mean(0), skin_lab[1:])
        contrast = float(inside[:, 0].std() / max(skin_lab[0], 1.0))
        dark = np.sort(inside[:, 0])[:max(len(inside) // 4, 1)]
        cavity = float(dark.mean() / max(skin_lab[0], 1.0))
    rim, detail = np.divide(_rim_and_detail(lab, opening, max(_RIM_DEPTH * gap, 2.0)), max(skin_lab[0], 1.0))
    return MouthLook(float(teeth.sum()) / max(width, 1.0) ** 2, contrast,
                     np.median(lip, 0) if len(lip) else nan, cavity, float(rim), float(detail), hue)
