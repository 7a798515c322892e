"""One end of a small opening drawn dark while the rest is teeth (issue #9), read on a frame and its (478, 3) px
landmarks.

lp_s1 at 280 px (face ~93 px, drawn at its own size) driven by sr_1 0-59, frames 10-20 (h48-fresh): the opening a
white slab of teeth with a dark triangular wedge at its right end, where sr_1's own mouth, shrunk to that width,
shows its upper teeth from corner to corner with a little shade at both. The target opens flatter than sr_1 (0.17-0.19
of its width against 0.35), so the interior is carried by the corner similarity hung from its centre towards the
upper lip (`mouth_driver.unsqueezed_map`); sr_1's arched upper lip and its low right corner put the target's flat
lens's right end above and beyond sr_1's right corner, outside its opening, where the interior's edge carried out
(nearest pixel) is sr_1's dark corner.
`end_darkness`: over the opening's pixels (inside the inner-lip contour, coverage over 0.5) in each outer `END` share
of the span between the inner corners (landmarks 78 and 308, image left first), the share darker than `DARK` of the
cheeks' grey level (`mouth_shape.skin_colour` of the same frame, so a driver's frame reads against its own skin).
`one_dark_end`: how far the two ends' dark shares part (0: both ends alike, 1: one all dark, the other all light);
NaN where the opening is under `teeth_band.TALKING` mouth widths (a slit: lp_s1's own closed lips), an end holds
under `END_PX` pixels or the cheeks cannot be read. Read a driver's frame at the rendered mouth's width
(`teeth_streaks.at_width`) for what its own mouth shows there.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import grey_level
from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour

END = 0.25
"""Share of the inner corners' span, from each corner inwards, read as that end of the opening."""
DARK = 0.5
"""Share of the cheeks' grey level under which an opening's pixel reads as dark (cavity, shade)."""
END_PX = 8
"""Pixels an end of the opening holds at least to be read."""


def end_darkness(frame: np.ndarray, landmarks: np.ndarray) -> tuple[float, float] | None:
    """(left, right) 0-1: the dark share of each end of (H, W, 3) uint8 RGB `frame`'s opening at its (478, 3) px
    `landmarks` (module docstring), image left first; None where the opening is a slit, an end holds under
    `END_PX` pixels or the cheeks cannot be read."""
    if not teeth_band_reads(landmarks, TALKING):
        return None
    pts = np.asarray(landmarks, np.float32)[:, :2]
    skin = skin_colour(frame, landmarks)
    x0, y0, x1, y1 = box_around(pts[INNER_LIP_CONTOUR], 1, (frame.shape[1], frame.shape[0]))
    if skin is None or x1 <= x0 or y1 <= y0:
        return None
    opening = polygon_mask([pts[INNER_LIP_CONTOUR]], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    dark = grey_level(frame[y0:y1, x0:x1].astype(np.float32)) < DARK * float(grey_level(np.asarray(skin, np.float32)))
    left, right = sorted((float(pts[78, 0]), float(pts[308, 0])))
    u = (np.arange(x0, x1, dtype=np.float32) - left) / max(right - left, 1e-6)
    shares = []
    for end in (u < END, u > 1 - END):
        read = opening & end[None, :]
        if read.sum() < END_PX:
            return None
        shares.append(float(dark[read].mean()))
    return shares[0], shares[1]


def one_dark_end(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: how far the dark shares of the two ends of `frame`'s opening part (`end_darkness`); NaN where not read."""
    ends = end_darkness(frame, landmarks)
    return float("nan") if ends is None else abs(ends[1] - ends[0])
