"""Does a driven mouth show the driver's teeth, and do the lips around it survive? (issue #9 item 3)

Per frame, from the frame and its (478, 3) px landmarks, relative to the face's own skin (the cheeks'
median colour, `mouth_shape.skin_colour`) so skin tone and lighting cancel:

- **teeth area**: pixels inside the inner-lip contour that are teeth-like (CIELAB L* >= 0.9 x the skin's
  and chroma <= 0.7 x the skin's: bright and whiter than the face), in squared mouth widths. A pink or
  grey blob where the driver shows white teeth scores ~0.
- **interior contrast**: standard deviation of L* inside the inner-lip contour / the skin's L* (teeth
  against the cavity; a smooth blob is low).
- **lower lip colour**: median CIELAB of the band between the inner and outer lower lip contours; its
  distance (delta E) to the source's band says whether the lower lip's colour survived (0 = unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.mouth_driver import to_lab
from facereel.engines.mesh.mouth_shape import mouth_gap, skin_colour
from facereel.face import landmark_ids as ids

TEETH_LIGHT, TEETH_CHROMA = 0.9, 0.7  # teeth-like: L* at least, chroma at most, these times the skin's
_MIN_CHROMA = 5.0  # skin chroma floor (a grey statue still has teeth whiter than "no colour")
_LOWER_BAND = np.array(ids.OUTER_LOWER_LIP + ids.INNER_LOWER_LIP[::-1])


@dataclass(frozen=True)
class MouthLook:
    """One frame's mouth: teeth_area (squared mouth widths), contrast (L* std / skin L*, NaN when the
    opening has under 10 px), lower_lip (3,) median CIELAB of the lower lip band (NaN when empty)."""

    teeth_area: float
    contrast: float
    lower_lip: np.ndarray


def _region(lab: np.ndarray, polygon: np.ndarray, origin: tuple[int, int]) -> np.ndarray:
    """(N, 3) CIELAB pixels of a box-sized `lab` inside a (K, 2) px polygon; origin: the box's top-left."""
    return lab[polygon_mask([polygon], lab.shape[:2], origin) > 0.5]


def mouth_look(frame: np.ndarray, landmarks: np.ndarray) -> MouthLook:
    """Teeth area, interior contrast and lower lip colour of (H, W, 3) uint8 RGB `frame`'s mouth."""
    pts = landmarks[:, :2].astype(np.float32)
    _, width = mouth_gap(landmarks)
    skin = skin_colour(frame, landmarks)
    mouth = np.vstack([pts[_LOWER_BAND], pts[INNER_LIP_CONTOUR]])
    x0, y0, x1, y1 = box_around(mouth, 2, (frame.shape[1], frame.shape[0]))
    nan = np.full(3, np.nan)
    if skin is None or x1 <= x0 or y1 <= y0:
        return MouthLook(0.0, float("nan"), nan)
    skin_lab = to_lab(skin)
    lab = to_lab(frame[y0:y1, x0:x1])
    inside = _region(lab, pts[INNER_LIP_CONTOUR], (x0, y0))
    lip = _region(lab, pts[_LOWER_BAND], (x0, y0))
    chroma = np.linalg.norm(inside[:, 1:], axis=1)
    teeth = (inside[:, 0] >= TEETH_LIGHT * skin_lab[0]) & (
        chroma <= TEETH_CHROMA * max(float(np.linalg.norm(skin_lab[1:])), _MIN_CHROMA))
    contrast = float(inside[:, 0].std() / max(skin_lab[0], 1.0)) if len(inside) >= 10 else float("nan")
    return MouthLook(float(teeth.sum()) / max(width, 1.0) ** 2, contrast,
                     np.median(lip, 0) if len(lip) else nan)
