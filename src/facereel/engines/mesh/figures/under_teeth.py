"""What a widened opening shows under a photo's own teeth (issue #9 look), read on a rendered frame.

A photo that shows its teeth (`open_mouth.mouth.SHOWS_INSIDE`: lp_d3's grin, sr_18's and sr_8's smiles, lp_s1's
parted lips) opened wider than itself carries its interior with the upper lip over the procedural interior. Before
h22-fresh the carried interior took the lower lip's inner edge with it (the anti-aliased fill's half px past the
contour): a lip-coloured line across the opening under the teeth; and the procedural lower teeth showed below the
photo's own, a second row (lp_d3 frame 18 x preset:laugh: a grey-blue row under her clenched teeth).

`under_teeth` reads the middle half of the target opening's columns (of `frame` at the `target` landmarks) against
the reach of the photo's interior there: the photo's gap (`source` landmarks) at the target's scale (the ratio of
the two mouths' widths) below the target's inner upper lip. It returns, in px per mouth width:
- line: pixels within `BAND` px of that reach, and over twice that above the target's lower lip (on an opening barely
  wider than the photo's the lower lip's own inner band lies there), as lip-coloured as the photo's lips (CIELAB
  distance under `LIP_DE`);
- second_row: pixels further down that are teeth (lighter than the lips, chroma under `TEETH_CHROMA` of theirs).
A frame opened no wider than the photo (reach at or past the lower lip) reads 0, 0, as the source repeated does.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

LIP_DE = 12.0
"""CIELAB distance to the photo's lip colour under which a pixel is lip-coloured."""
BAND = 1.5
"""px either side of the photo's interior's reach where a lip-coloured pixel is the carried lower lip edge."""
TEETH_CHROMA = 0.8
"""Share of the lips' CIELAB chroma under which a pixel lighter than the lips is a tooth (0.6 until h29-enamel's
warmer synthetic teeth, 0.6 of the skin's chroma: lp_d3's procedural second row then read 0.16-0.19 px per mouth
width, 2.4 now; her own carried teeth and sr_18's still 0)."""
MIDDLE = 0.5
"""Share of the mouth width, about its centre, whose columns are read (the corners' lips and shadows left out)."""


def under_teeth(frame: np.ndarray, target: np.ndarray, source: np.ndarray, lip: np.ndarray) -> tuple[float, float]:
    """(line, second_row) px per mouth width (module docstring) of (H, W, 3) uint8 RGB `frame` drawn at (478, 2+) px
    `target` landmarks from a photo with (478, 2+) px `source` landmarks and (3,) RGB `lip` colour."""
    gap, width = mouth_gap(target)
    src_gap, src_width = mouth_gap(source)
    reach = src_gap * width / max(src_width, 1e-6)
    if gap <= reach + BAND:
        return 0.0, 0.0
    poly = target[INNER_LIP_CONTOUR, :2]
    x0, y0, x1, y1 = box_around(poly, 1, (frame.shape[1], frame.shape[0]))
    inside = polygon_mask([poly], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    xs = np.arange(x0, x1, dtype=np.float32)
    top = np.interp(xs, *by_x(target[list(ids.INNER_UPPER_LIP), :2]))
    bottom = np.interp(xs, *by_x(target[list(ids.INNER_LOWER_LIP), :2]))
    centre = 0.5 * (target[ids.INNER_UPPER_LIP[0], 0] + target[ids.INNER_UPPER_LIP[-1], 0])
    middle = np.abs(xs - centre) < 0.5 * MIDDLE * width
    ys = np.arange(y0, y1, dtype=np.float32)[:, None]
    depth = ys - top - reach
    read = inside & middle
    lab = to_lab(frame[y0:y1, x0:x1])
    lip_lab = to_lab(lip)
    lip_chroma = float(np.hypot(lip_lab[1], lip_lab[2]))
    line = read & (np.abs(depth) <= BAND) & (bottom - ys > 2 * BAND) & (np.linalg.norm(lab - lip_lab, axis=-1) < LIP_DE)
    teeth = (lab[..., 0] > lip_lab[0]) & (np.hypot(lab[..., 1], lab[..., 2]) < TEETH_CHROMA * lip_chroma)
    second = read & (depth > BAND) & teeth
    return np.count_nonzero(line) / width, np.count_nonzero(second) / width
