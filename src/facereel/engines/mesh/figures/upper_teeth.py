"""The upper teeth as a thin beaded band along the lip (issue #9 item 3), read on a rendered frame and its (478, 3)
px target landmarks.

lp_s1 at `facereel edit --yaw -25 --pitch -15 --mouth-open 1.5`: the photo's own slit (its teeth's tips between the
lips, 7 px), carried with the upper lip over the synthetic teeth, left of them a band a few px high along the lip and
showed the photo's tips below it as beads with dark gaps (its lower lip's edge between them). Teeth hanging from
the upper lip are one light run down each column from the lip; read in the opening's middle (`CENTRAL`) and upper
half (the lower teeth and the tongue lie below):

- `height`: the median length of each column's first light run, in mouth widths (the synthetic row at a wide
  opening 0.16; the band 0.03-0.05);
- `split`: the share of columns whose light pixels come in two or more runs, `MIN_DARK` px or more apart (a band
  over beads, or two rows of teeth one above the other).

Light: L* at least `LIGHT_AT` of the way from the read pixels' 5th percentile (the cavity) to their 95th (the
teeth's lit edges). A frame opened under
`teeth_band.OPEN` mouth widths (a closed mouth, the source repeated) reads None.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from facereel.engines.mesh.figures.teeth_band import OPEN, teeth_band_reads
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

CENTRAL = 0.3
"""Half mouth widths either side of the mouth's middle whose columns are read (the incisors)."""
UPPER = 0.5
"""Share of each column's opening, from the upper lip down, that is read."""
LIGHT_AT = 0.5
"""A pixel is light from this share of the way from the read pixels' 5th percentile L* to their 95th."""
MIN_DARK = 2
"""px: dark pixels between two light runs that split a column (fewer join the runs)."""


class UpperTeeth(NamedTuple):
    """The upper teeth's `height` (mouth widths) and `split` (share of columns), as in the module docstring."""

    height: float
    split: float


def _runs(light: np.ndarray) -> list[int]:
    """Lengths (px) of the runs of True in (n,) bool `light`, runs fewer than `MIN_DARK` px apart joined."""
    runs: list[list[int]] = []
    for i in np.flatnonzero(light):
        if runs and i - runs[-1][1] <= MIN_DARK:
            runs[-1][1] = int(i)
        else:
            runs.append([int(i), int(i)])
    return [end - start + 1 for start, end in runs]


def upper_teeth(frame: np.ndarray, landmarks: np.ndarray, open_at: float = OPEN) -> UpperTeeth | None:
    """`UpperTeeth` of (H, W, 3) uint8 RGB `frame`'s open mouth at (478, 3) px target `landmarks`; None where the
    mouth opens under `open_at` mouth widths or no column is read."""
    if not teeth_band_reads(landmarks, open_at):
        return None
    _, width = mouth_gap(landmarks)
    upper, lower = landmarks[list(ids.INNER_UPPER_LIP), :2], landmarks[list(ids.INNER_LOWER_LIP), :2]
    middle = 0.5 * (upper[0, 0] + upper[-1, 0])
    xs = np.arange(int(np.ceil(middle - CENTRAL * width / 2)), int(middle + CENTRAL * width / 2) + 1)
    xs = xs[(xs >= 0) & (xs < frame.shape[1])]
    tops = np.interp(xs, *by_x(upper))
    bottoms = np.interp(xs, *by_x(lower))
    columns = []
    for x, top, bottom in zip(xs, tops, bottoms):
        y0, y1 = max(int(np.ceil(top)), 0), min(int(top + UPPER * (bottom - top)) + 1, frame.shape[0])
        if y1 - y0 >= 2:
            columns.append(to_lab(frame[y0:y1, x])[:, 0])
    if not columns:
        return None
    every = np.concatenate(columns)
    dark, lit = np.quantile(every, (0.05, 0.95))
    runs = [_runs(column >= dark + LIGHT_AT * (lit - dark)) for column in columns]
    firsts = [r[0] if r else 0 for r in runs]
    return UpperTeeth(float(np.median(firsts)) / max(width, 1.0), float(np.mean([len(r) >= 2 for r in runs])))

