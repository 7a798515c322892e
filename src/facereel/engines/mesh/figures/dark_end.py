"""One end of a small opening drawn dark while the rest is teeth (issue #9), read on a frame and its (478, 3) px
landmarks.

lp_s1 at 280 px (face ~93 px, drawn at its own size; at 512 alike) driven by sr_1 0-59, frames 10-20 (h48-fresh): the
opening a white slab of teeth with a dark triangular wedge at its right end. The wedge is sr_1's own dark corner past
its upper teeth's right end (its teeth stop ~0.8 of the way to its right inner corner), carried in place: the target
opens flatter than sr_1 (0.17-0.19 of its width against 0.35), so the interior takes the corner similarity hung at
the upper lip (`mouth_driver.unsqueezed_map`, `hang_share` 1), 85 % of the right quarter covered by sr_1's interior;
sr_1's upper teeth stand twice its dim skin's L*, so the match's gain is capped at 1.5-1.6 (`teeth_gain_cap`; the
skins' ratio 2.4) and the corner (0.6 of sr_1's skin L*, `_SHADOW`'s ramp) gains ~1.3: sr_1's corner at 0.8-0.9 of
its cheeks' grey (its mouth shrunk to that width) is drawn at 0.3-0.45 of lp_s1's, beside her light red lips. Its
left quarter, 33-67 % outside sr_1's opening (the lens placed 7 driver px above sr_1's corners by its arched upper
lip), takes the teeth carried out to the contour (nearest pixel): teeth into the left corner. Mended by h50-s1dark:
the gain the cap withholds is given back to the shade (`mouth_driver.given_back`): 0.81 -> 0.32 (at 512 0.84 ->
0.43; sr_1's own at 280's width 0.17).
`end_darkness`: over the opening's pixels (inside the inner-lip contour, coverage over 0.5) in each outer `END` share
of the span between the inner corners (landmarks 78 and 308, image left first), the share darker than `DARK` of the
cheeks' grey level (`black_slot.opening_grey`: the same frame's, so a driver's frame reads against its own skin).
`one_dark_end`: how far the two ends' dark shares part (0: both ends alike, 1: one all dark, the other all light);
NaN where the opening is under `teeth_band.TALKING` mouth widths (a slit: lp_s1's own closed lips), an end holds
under `END_PX` pixels or the cheeks cannot be read. Read a driver's frame at the rendered mouth's width
(`teeth_streaks.at_width`) for what its own mouth shows there.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.black_slot import opening_grey
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.face import landmark_ids as ids

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
    read = opening_grey(frame, landmarks)
    if read is None:
        return None
    grey, opening, (x0, _), cheeks = read
    dark = grey < DARK * cheeks
    left, right = sorted(float(landmarks[k, 0]) for k in (ids.INNER_UPPER_LIP[0], ids.INNER_UPPER_LIP[-1]))
    u = (np.arange(x0, x0 + grey.shape[1], dtype=np.float32) - left) / max(right - left, 1e-6)
    shares = []
    for end in (u < END, u > 1 - END):
        part = opening & end[None, :]
        if part.sum() < END_PX:
            return None
        shares.append(float(dark[part].mean()))
    return shares[0], shares[1]


def one_dark_end(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: how far the dark shares of the two ends of `frame`'s opening part (`end_darkness`); NaN where not read."""
    ends = end_darkness(frame, landmarks)
    return float("nan") if ends is None else abs(ends[1] - ends[0])
