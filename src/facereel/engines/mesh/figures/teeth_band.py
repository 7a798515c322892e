"""A flat grey-blue band for teeth (issue #9), read on a rendered frame and its (478, 3) px landmarks.

preset:laugh on lp_s3 at 512 px (frame 28): the synthetic upper teeth, shaded down to mid grey and cooler
than the face's light, read as a grey-blue strip rather than teeth. The teeth are the opening's lightest
fifth (inside the target inner-lip contour, CIELAB), compared with the face's light (the cheeks' median,
`mouth_shape.skin_colour`):

- `dull`: how far their L* falls below `TEETH_LIGHT` times the skin's (`eval.mouth_teeth`'s teeth-like
  bar), as a share of the skin's L*; real open mouths' teeth are at or above it.
- `grey`: how far their (a*, b*), projected on the skin's hue, falls short of `WARM_SHARE` of the skin's
  chroma (a share of it): teeth in a face's light carry some of its hue (real open mouths' lightest fifth,
  lp_d18 / lp_d12: 0.96 / 0.66 median, 0.65 / 0.57 tenth percentile); a neutral grey band beside warm
  skin reads blue-grey.

A frame whose opening is under `OPEN` mouth widths or `MIN_PX` pixels (a closed mouth, a slit: the source
repeated) scores 0, 0. Talking mouths open less (preset:talk, lp_d11's speech): read them from `TALKING`
mouth widths (`open_at`), the teeth a thin row of a few px at 512 px.

`teeth_lightness`: the teeth's L*, read beside the photo's own teeth's where its open mouth shows them (sr_8).

`own_apart`: how far the teeth's colour (a*, b*) lies from the photo's own teeth's (`mouth_driver.own_teeth_lab`)
where its open mouth shows them: sr_8 x lp_d11 132-168 (`--mouth driver`, own size, frame 20): under its cyan light
(own teeth a* b* -24, -20) lp_d11's warm-lit teeth came out a lavender-white slab (-4, -15) in the cyan face.

`rows_apart`: how far the lower teeth's colour (a*, b*) lies from the upper teeth's, each the lightest `LIGHTEST`
share of its band of the opening (the upper half; the last `LOWER_ROW` of the gap, where the lower row sits on a wide
opening); their L* may differ (the lower row is in the upper one's shadow). sr_8 x preset:laugh (own size, 2 s,
frames 20-30): its own cyan-lit upper teeth carried over the synthetic rows, whose lower teeth, lit from the skin's
light mostly desaturated and warmed, read as warm-yellow pegs beside them.

`lower_light`: the lower row's light (`rows_lab`'s lower L*) over the skin's L*. lp_d18's widest frames (68-92)
show their lower teeth as a grey band on the lower lip (0.83-0.86 of its skin); the driver's lip band cut
(`mouth_driver.lip_band_cut`) cut them away with its lips' band (`--mouth driver`: a dark cavity down to the lower lip,
lp_s1 / lp_s12 at 512 0.49-0.79 / 0.52-0.68). Its lips' band reads light too (the pale rim the cut removes): look.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_driver import lightest, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap, skin_colour
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.eval.mouth_teeth import MIN_CHROMA, TEETH_LIGHT
from facereel.face import landmark_ids as ids

MIN_PX = 40
"""Opening pixels under which a frame's mouth shows no teeth to read."""
OPEN = 0.15
"""Inner-lip gap / mouth width under which a frame's mouth shows no teeth to read."""
TALKING = 0.08
"""Inner-lip gap / mouth width from which a talking mouth's (small) opening is read (`open_at`)."""
WARM_SHARE = 0.5
"""Share of the skin's chroma, along its hue, that lit teeth carry at least."""
LIGHTEST = 0.2
"""Share of the opening's pixels, lightest first, read as the teeth."""
LOWER_ROW = 0.8
"""v (0 at the upper inner lip, 1 at the lower) from which the opening's pixels are read as the lower row's band."""


def teeth_band_reads(landmarks: np.ndarray, open_at: float = OPEN) -> bool:
    """Whether a frame with these (478, 3) px landmarks opens its mouth to at least `open_at` mouth widths."""
    gap, width = mouth_gap(landmarks)
    return gap >= open_at * width


def teeth_lab(frame: np.ndarray, landmarks: np.ndarray, open_at: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(teeth (n, 3), skin (3,)) CIELAB of (H, W, 3) uint8 RGB `frame`'s open mouth: the opening's lightest
    `LIGHTEST` share and the cheeks' median; None where no teeth read (`open_at`, `MIN_PX`, no skin)."""
    if not teeth_band_reads(landmarks, open_at):
        return None
    skin = skin_colour(frame, landmarks)
    read = opening_lab(frame, landmarks)
    if skin is None or read is None:
        return None
    lab = read[0]
    return lab[lightest(lab, LIGHTEST)], to_lab(skin)


def enamel(frame: np.ndarray, landmarks: np.ndarray, open_at: float = OPEN) -> tuple[float, float] | None:
    """(light, warm) of (H, W, 3) uint8 RGB `frame`'s open mouth, read from `open_at` mouth widths: light, the
    teeth's mean L* over the skin's; warm, their mean (a*, b*) projected on the skin's hue over the skin's chroma
    (floored at `MIN_CHROMA`). None where no teeth read. Real teeth in ../shared/data drivers' open mouths
    (`bench/enamel.py`, from `TALKING`): light 0.85-1.42, warm 0.64-1.00."""
    read = teeth_lab(frame, landmarks, open_at)
    if read is None:
        return None
    teeth, skin_lab = read
    chroma = max(float(np.linalg.norm(skin_lab[1:])), MIN_CHROMA)
    light = float(teeth[:, 0].mean()) / max(float(skin_lab[0]), 1.0)
    return light, float(teeth[:, 1:].mean(0) @ skin_lab[1:]) / chroma**2


def teeth_band(frame: np.ndarray, landmarks: np.ndarray, open_at: float = OPEN) -> tuple[float, float]:
    """(dull, grey) of (H, W, 3) uint8 RGB `frame`'s open mouth: dull, the teeth's L* shortfall below
    `TEETH_LIGHT` x the skin's (share of the skin's L*, >= 0); grey, their chroma along the skin's hue short
    of `WARM_SHARE` x the skin's chroma (share of the skin's chroma, >= 0); both from `enamel`, 0 where no teeth
    read. Read from `open_at` mouth widths."""
    read = enamel(frame, landmarks, open_at)
    if read is None:
        return 0.0, 0.0
    light, warm = read
    return max(0.0, TEETH_LIGHT - light), max(0.0, WARM_SHARE - warm)


def teeth_lightness(frame: np.ndarray, landmarks: np.ndarray, open_at: float = OPEN) -> float | None:
    """L* of (H, W, 3) uint8 RGB `frame`'s teeth (its opening's lightest `LIGHTEST` share), None where no teeth
    read: beside the photo's own teeth's (`mouth_driver.own_teeth_light`) where its open mouth shows them,
    whose light the skins' exposure ratio misses under a coloured light (sr_8's cyan)."""
    read = teeth_lab(frame, landmarks, open_at)
    return None if read is None else float(read[0][:, 0].mean())


def opening_lab(frame: np.ndarray, landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(lab (n, 3), v (n,)) of (H, W, 3) uint8 RGB `frame`'s opening pixels inside the inner-lip contour of (478, 3)
    px `landmarks`: CIELAB and v, 0 at the upper inner lip to 1 at the lower one per column; None where under
    `MIN_PX` pixels."""
    poly = landmarks[INNER_LIP_CONTOUR, :2].astype(np.float32)
    x0, y0, x1, y1 = box_around(poly, 1, (frame.shape[1], frame.shape[0]))
    if x1 <= x0 or y1 <= y0:
        return None
    inside = polygon_mask([poly], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    if inside.sum() < MIN_PX:
        return None
    xs = np.arange(x0, x1, dtype=np.float32)
    top = np.interp(xs, *by_x(landmarks[list(ids.INNER_UPPER_LIP), :2]))
    bottom = np.interp(xs, *by_x(landmarks[list(ids.INNER_LOWER_LIP), :2]))
    v = (np.arange(y0, y1, dtype=np.float32)[:, None] - top) / np.maximum(bottom - top, 1.0)
    return to_lab(frame[y0:y1, x0:x1])[inside], v[inside]


def rows_lab(frame: np.ndarray, landmarks: np.ndarray, open_at: float = OPEN
             ) -> tuple[np.ndarray, np.ndarray] | None:
    """(upper, lower) (3,) CIELAB of (H, W, 3) uint8 RGB `frame`'s teeth rows: the mean of the lightest `LIGHTEST`
    share of the opening's upper half and of its band from `LOWER_ROW` (`opening_lab`); None where no teeth read
    (`open_at`, `MIN_PX`, under `MIN_PX` / 2 pixels in a band)."""
    read = opening_lab(frame, landmarks) if teeth_band_reads(landmarks, open_at) else None
    if read is None:
        return None
    lab, v = read
    bands = [lab[v < 0.5], lab[v >= LOWER_ROW]]
    if min(len(b) for b in bands) < MIN_PX // 2:
        return None
    upper, lower = (b[lightest(b, LIGHTEST)].mean(0) for b in bands)
    return upper, lower


def rows_apart(frame: np.ndarray, landmarks: np.ndarray, open_at: float = OPEN) -> float | None:
    """Distance in CIELAB (a*, b*) of (H, W, 3) uint8 RGB `frame`'s lower teeth from its upper teeth (`rows_lab`),
    None where no teeth read: teeth lit like one face carry one light, upper and lower."""
    rows = rows_lab(frame, landmarks, open_at)
    return None if rows is None else float(np.linalg.norm(rows[0][1:] - rows[1][1:]))


def own_apart(frame: np.ndarray, landmarks: np.ndarray, own: np.ndarray, open_at: float = TALKING) -> float | None:
    """Distance in CIELAB (a*, b*) of (H, W, 3) uint8 RGB `frame`'s teeth (`teeth_lab`, read from `open_at` mouth
    widths) from `own`, (3,) CIELAB of the photo's own teeth; None where no teeth read: teeth in one light with the
    photo's own carry their colour."""
    read = teeth_lab(frame, landmarks, open_at)
    return None if read is None else float(np.linalg.norm(read[0][:, 1:].mean(0) - np.asarray(own)[1:]))


def lower_light(frame: np.ndarray, landmarks: np.ndarray, open_at: float = OPEN) -> float | None:
    """L* of (H, W, 3) uint8 RGB `frame`'s lower teeth row (`rows_lab`) over its skin's (the cheeks' median), None
    where no teeth or no skin read."""
    rows, skin = rows_lab(frame, landmarks, open_at), skin_colour(frame, landmarks)
    return None if rows is None or skin is None else float(rows[1][0] / max(float(to_lab(skin)[0]), 1.0))
