"""An open mouth drawn as a flat black slot (issue #9), read on a rendered frame and its (478, 3) px landmarks.

lp_s0 at 512 x sr_1 from frame 30, `--multiplier 1.5`: sr_1 speaks with its mouth open from its reference frame on,
so the portrait opens flatter than it, and its interior was carried centred (`mouth_driver.unsqueezed_map`): the
middle of its mouth, its dark cavity, with the upper teeth under the target's upper lip, and that cavity (L* 1-16,
then never lightened; now lifted by `mouth_driver._SHADOW_LIFT`) beside a pale face: a black slot where sr_1 itself
shows its upper teeth over a dark red mouth.
`black_slot`: the share of the pixels inside the inner-lip contour darker than `NEAR_BLACK` of the face's cheek
skin grey level (`mouth_shape.skin_colour` of the same frame, so a driver's own frame reads against its own skin).
`teeth_light`: the share at least `TEETH_LIGHT` of it, over the opening or its upper `UPPER_BAND` (lp_s1's face
upscaled 2x x sr_1: the upper teeth left above the target's upper lip, h27-fresh's find (8)).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import grey_level
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

NEAR_BLACK = 0.2
"""Share of the cheeks' grey level under which an opening's pixel reads as near black."""
TEETH_LIGHT = 0.8
"""Share of the cheeks' grey level from which an opening's pixel reads as teeth."""
UPPER_BAND = 0.3
"""Share of each column's opening, from the upper inner lip down, where the upper teeth show (`teeth_light`)."""


def opening_grey(frame: np.ndarray, landmarks: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, tuple[int, int], float] | None:
    """(grey levels (h, w) float32 of (H, W, 3) uint8 RGB `frame` over the box round its inner-lip contour, that box's
    opening (h, w) bool (coverage over 0.5), the box's top-left (x0, y0) px, its cheeks' grey level), or None where
    the box is empty or the cheeks cannot be read."""
    pts = np.asarray(landmarks, np.float32)[:, :2]
    skin = skin_colour(frame, landmarks)
    x0, y0, x1, y1 = box_around(pts[INNER_LIP_CONTOUR], 1, (frame.shape[1], frame.shape[0]))
    if skin is None or x1 <= x0 or y1 <= y0:
        return None
    opening = polygon_mask([pts[INNER_LIP_CONTOUR]], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    return (grey_level(frame[y0:y1, x0:x1].astype(np.float32)), opening, (x0, y0),
            float(grey_level(np.asarray(skin, np.float32))))


def _opening_grey(frame: np.ndarray, landmarks: np.ndarray, band: float = 1.0) -> tuple[np.ndarray, float] | None:
    """(grey levels (n,) of (H, W, 3) uint8 RGB `frame`'s pixels inside its inner-lip contour (coverage over 0.5) and
    within the upper `band` share of each column's opening (from the upper inner lip down to the lower), its cheeks'
    grey level), or None where the opening holds no such pixel or the cheeks cannot be read."""
    read = opening_grey(frame, landmarks)
    if read is None:
        return None
    grey, opening, (x0, y0), cheeks = read
    if band < 1.0:
        pts = np.asarray(landmarks, np.float32)[:, :2]
        xs = np.arange(x0, x0 + grey.shape[1], dtype=np.float32)
        upper = np.interp(xs, *by_x(pts[list(ids.INNER_UPPER_LIP)]))
        lower = np.interp(xs, *by_x(pts[list(ids.INNER_LOWER_LIP)]))
        opening &= np.arange(y0, y0 + grey.shape[0], dtype=np.float32)[:, None] < upper + band * (lower - upper)
    if not opening.any():
        return None
    return grey[opening], cheeks


def black_slot(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: share of (H, W, 3) uint8 RGB `frame`'s pixels inside its inner-lip contour (coverage over 0.5) darker
    than `NEAR_BLACK` of its cheeks' grey level (module docstring); 0 where the opening holds no pixel or the
    cheeks cannot be read."""
    read = _opening_grey(frame, landmarks)
    return 0.0 if read is None else float((read[0] < NEAR_BLACK * read[1]).mean())

def teeth_light(frame: np.ndarray, landmarks: np.ndarray, band: float = 1.0) -> float:
    """0-1: share of the same pixels as `black_slot` (within the upper `band` share of each column's opening:
    `UPPER_BAND` reads the upper teeth's place under the upper lip) at least `TEETH_LIGHT` of the cheeks' grey
    level: the teeth (and their lit edges) the opening shows; 0 where it holds none or the cheeks cannot be read."""
    read = _opening_grey(frame, landmarks, band)
    return 0.0 if read is None else float((read[0] >= TEETH_LIGHT * read[1]).mean())


def lightness_steps(frame: np.ndarray, landmarks: np.ndarray, shares: tuple[float, ...] = (0.1, 0.5, 0.9)
                    ) -> tuple[float, ...]:
    """CIELAB L* (0-100) of (H, W, 3) uint8 RGB `frame`'s pixels inside its inner-lip contour (coverage over 0.5)
    at the quantiles `shares`: the cavity's darkest tenth, the middle, the teeth's lightest tenth by default; NaNs
    where the opening holds no pixel."""
    pts = np.asarray(landmarks, np.float32)[:, :2]
    x0, y0, x1, y1 = box_around(pts[INNER_LIP_CONTOUR], 1, (frame.shape[1], frame.shape[0]))
    opening = polygon_mask([pts[INNER_LIP_CONTOUR]], (max(y1 - y0, 0), max(x1 - x0, 0)), (x0, y0)) > 0.5
    if not opening.any():
        return tuple(float("nan") for _ in shares)
    lightness = to_lab(frame[y0:y1, x0:x1])[opening, 0]
    return tuple(float(q) for q in np.quantile(lightness, shares))
