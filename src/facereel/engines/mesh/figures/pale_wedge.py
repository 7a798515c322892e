"""Pale wedge: a flat pale fill the plate shows where a turned-back head's far ear and hair stood (issue #9).

grace_hopper at 512 x preset:turn (2 s), frames ~33-47 (h47-ghturn, h47-ghwedge): her head turned to her right and
raised leaves the plate bare under her far ear, and a wide wedge of one flat pale tan-lilac colour shows there
(x ~128-157, y ~207-236 of frame 37) where the flag's white stripe and gold tassel stand beside her: the plate's own
fill of the head's hole (`layers.background_plate`), blurred pale from her hair and the stripe, not the head's
(the drawn head alpha there 0.15 on average). `pale_wedge` counts the pixels that the source's head covers (its
drawn alpha at rest at least `HEAD`) and the frame's head leaves bare (under `HEAD`), beyond the frame's face oval on
the side away from where the nose points (past its outermost landmark column: the neck under a raised jaw, in the
oval's columns, is left out), whose luma is at least `PALE` and flat (standard deviation over
`flat_fill.WINDOW` px under `FLAT`): per squared face size. The source repeated bares nothing: 0.
preset:turn at 512 (h47-ghwedge): grace_hopper 0.0045-0.0108 on 34-46 (0.0021 at most elsewhere), lp_s12 0.006 on
8-10 (every other frame read), sr_8 0; sr_18 0.031 on 40 (the pale skin block behind its ear, `pale_block.behind_ear`,
the same fill) and lp_s0 0.027 on 40 (a pale sliver of fill under her ear) read the same kind of fill. A plain pale
wall uncovered behind a head would read too: read it beside a look at the frames. grace_hopper 36-44 with the stripe carry
gated to stripes running into the hole (h50-ghwedge): 0.0033-0.0046.

`light_line` reads, on the same bare far-side pixels, a thin line lighter than the flag's white: luma at least `LIGHT`
and `LIGHTER` over both pixels `STEP` px either side of it along a row, a column or a diagonal (h49-ghline: the carried
canton edge's bright streak under grace_hopper's far ear, 16-18 px on 36 / 40 / 44 since h49-ghwedge's stripe carry,
0 on the ring fill before it, 2-3 px with the photo laid back in the band's margin past the person (tried, not kept),
0 with the carry's own-side gaps along its edges closed, h49-ghline2; the source repeated 0). A light line on the head's own hair or a light wall's edge bared would read too.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.flat_fill import luma_spread
from facereel.face import landmark_ids as ids

HEAD = 0.5
"""Drawn head alpha from which a pixel is head."""
PALE = 150.0
"""Grey levels of luma from which a bare pixel is pale (the wedge ~166; the flag's blue and the tassel's gold
shadows under it)."""
FLAT = 5.0
"""Grey levels: a luma standard deviation over `flat_fill.WINDOW` px under this is flat (the photo's stripe ~4 at
its middle, its edges and the tassel over it)."""
LIGHT = 195.0
"""Grey levels of luma from which a bare pixel is lighter than the flag's white stripe (~170-190) for `light_line`."""
LIGHTER = 25.0
"""Grey levels by which a `light_line` pixel is lighter than both its sides."""
STEP = 2  # px: how far either side of a pixel its sides are read for `light_line`


def _bare_far(frame: np.ndarray, alpha: np.ndarray, rest_alpha: np.ndarray, landmarks: np.ndarray,
              origin: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The crop's luma and its spread ((h, w) float, `flat_fill.luma_spread`) and (h, w) bool: the pixels the source's
    head covers and the frame's leaves bare on the far side (module docstring; arguments as `wedge_pixels`)."""
    h, w = alpha.shape
    x0, y0 = np.rint(origin).astype(int)
    luma, spread = (a[y0:y0 + h, x0:x0 + w] for a in luma_spread(frame))
    oval = landmarks[list(ids.FACE_OVAL), 0] - origin[0]
    columns = np.arange(w)[None, :]
    far = columns < oval.min() if landmarks[ids.NOSE_TIP, 0] - origin[0] > oval.mean() else columns > oval.max()
    return luma, spread, (rest_alpha >= HEAD) & (alpha < HEAD) & far


def wedge_pixels(frame: np.ndarray, alpha: np.ndarray, rest_alpha: np.ndarray, landmarks: np.ndarray,
                 origin: np.ndarray) -> np.ndarray:
    """(h, w) bool: the far side's bare, pale, flat pixels (module docstring). frame: (H, W, 3) uint8 RGB, the crop at
    `origin` (2,) image px its (h, w) top-left part; alpha, rest_alpha: (h, w) drawn head alpha of the frame and of the
    source repeated; landmarks: (478, 2+) image px of the face drawn in the frame."""
    luma, spread, bare = _bare_far(frame, alpha, rest_alpha, landmarks, origin)
    return bare & (luma >= PALE) & (spread < FLAT)


def line_pixels(frame: np.ndarray, alpha: np.ndarray, rest_alpha: np.ndarray, landmarks: np.ndarray,
                origin: np.ndarray) -> np.ndarray:
    """(h, w) bool: the far side's bare pixels on a thin light line (module docstring; arguments as `wedge_pixels`)."""
    luma, _, bare = _bare_far(frame, alpha, rest_alpha, landmarks, origin)
    luma = np.asarray(luma, np.float32)
    h, w = luma.shape
    padded = np.pad(luma, STEP, mode="edge")
    line = np.zeros((h, w), bool)
    for dy, dx in ((0, 1), (1, 0), (1, 1), (1, -1)):
        ahead, behind = (padded[STEP + s * dy:STEP + s * dy + h, STEP + s * dx:STEP + s * dx + w]
                         for s in (STEP, -STEP))
        line |= luma - np.maximum(ahead, behind) >= LIGHTER
    return bare & line & (luma >= LIGHT)


def pale_wedge(frame: np.ndarray, alpha: np.ndarray, rest_alpha: np.ndarray, landmarks: np.ndarray,
               origin: np.ndarray, size: float) -> float:
    """Squared face sizes: the count of `wedge_pixels` over `size` (px, the face size) squared."""
    return float(wedge_pixels(frame, alpha, rest_alpha, landmarks, origin).sum()) / size ** 2


def light_line(frame: np.ndarray, alpha: np.ndarray, rest_alpha: np.ndarray, landmarks: np.ndarray,
               origin: np.ndarray, size: float) -> float:
    """Squared face sizes: the count of `line_pixels` over `size` (px, the face size) squared."""
    return float(line_pixels(frame, alpha, rest_alpha, landmarks, origin).sum()) / size ** 2
