"""The lips' corners on a wide-open mouth: lip, not the photo's slit shadow drawn large.

At a closed mouth's corners the lips taper to nothing and the photo shows the dark slit between them
(lp_s1: a 2 px commissure). A wide-open driver parts the lips there too: the few px between the inner and
the outer lip corners open into a band several times taller (lp_s1 x lp_d18 frames 95, 115-145), and the
warp draws the slit's shadow magnified across it, a dark crease beside the mouth; the driver has lip over
the whole band. `LipCorners` lifts the band's pixels darker than the photo's lips' colour in shade (`SHADE`)
towards it, by how far the band has opened past the photo's (none at the photo's own opening).
Below the inner corners (the lower lip's ends) the lift goes towards the colour `MouthRenderer` gives for them:
the lower lip's own as far as a moustache shades the upper lip (lp_s12 `edit --mouth-open 1`: a dark column down
each lower lip's end, `figures/lip_end_dark.py`).
A photo showing its own teeth (an open smile: sr_18, sr_8) has its opening's dark corners inside the bands, a hole
beside the teeth rather than a slit's shadow; the lift then starts at the photo's own band (`OPENED_SMILE`): sr_18 x
preset:laugh drew that hole stretched over the upper lip's corners (the drawn inner corners below the outer ones) as a
cavity-dark wedge beside the outer lower lip's straight vertical edge (at 1024 its bands opened 1.9-2.4x the photo's,
the lift at 0.3-0.6; `figures/corner_hole.py`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.face import landmark_ids as ids

REACH = 3
"""Lip points of each edge, counted from the corner (the corner itself the first), that bound a corner band."""
OPENED = (1.5, 3.0)
"""A band's area over the photo's (both in squared mouth widths): the lift starts at the first and is full at
the second."""
OPENED_SMILE = (1.0, 1.5)
"""`OPENED` for a photo showing its own teeth: its bands' dark is its opening's corners, lifted from its own opening
on (preset:laugh frames 18-36 open sr_18's bands 1.9-2.8x his photo's, sr_8's 1.5-2.3x: lifted fully), read as the
lesser of the bands' area and the inner lips' gap over the photo's: a turn foreshortens sr_18's mouth, his bands 2x
his photo's in squared mouth widths on preset:turn with his lips no farther apart."""
SHADE = 0.8
"""The lift's target: the photo's lips' colour times this, the lip in the corner's shade (real open mouths' lips
darken into the corners: lp_d12's own, frames 112-130, read -0.24 skin grey levels below their body within 2 px of
the opening, `figures/lip_band.corner_band`). To the lips' median itself lp_s1's lipstick drew a salmon band there,
lighter than the lips round it (-0.097 -> -0.119 on lp_s1 x lp_d12 frames 112-130); 0.7 (-0.129) left lp_s1 x
lp_d18's laughing corners (frame 130) partly under `figures/corner_shadow.py`'s dark level again (0.018, the crease
this lift removes)."""
DARK = 0.5
"""Share of the target's grey level: a pixel this much darker than it is lifted fully, lighter ones less."""
_FEATHER = 1.0  # px: the Gaussian sigma softening the band's edge along the opening


def corner_bands(points: np.ndarray) -> list[np.ndarray]:
    """The two corner bands (right, then left corner) of (478, 2+) px landmarks: (2 * (2 * REACH - 1), 2)
    px polygons, the outer lip edge from the upper lip's `REACH`th point round the corner to the lower lip's,
    then the inner edge back."""
    pts = np.asarray(points)[:, :2]
    bands = []
    for side in (slice(None, REACH), slice(-REACH, None)):
        outer_up, outer_low = list(ids.OUTER_UPPER_LIP[side]), list(ids.OUTER_LOWER_LIP[side])
        inner_up, inner_low = list(ids.INNER_UPPER_LIP[side]), list(ids.INNER_LOWER_LIP[side])
        if side.start is None:  # the right corner (61 / 78) leads each edge
            outer, inner = outer_up[::-1] + outer_low[1:], inner_low[::-1] + inner_up[1:]
        else:
            outer, inner = outer_up + outer_low[::-1][1:], inner_low + inner_up[::-1][1:]
        bands.append(np.vstack([pts[outer], pts[inner]]).astype(np.float32))
    return bands


def _areas(points: np.ndarray) -> np.ndarray:
    """(2,) the corner bands' areas of (478, 2+) px landmarks, in squared mouth widths."""
    pts = np.asarray(points, np.float64)[:, :2]
    width = max(float(np.linalg.norm(pts[ids.MOUTH_CORNERS[0]] - pts[ids.MOUTH_CORNERS[1]])), 1.0)
    return np.array([abs(cv2.contourArea(b)) for b in corner_bands(pts)]) / width ** 2


def grey_level(rgb: np.ndarray) -> np.ndarray:
    """Grey levels (...) of RGB values (..., 3), as cv2's RGB2GRAY weighs them."""
    return rgb @ LUMA


class LipCorners:
    """Lifts the slit's shadow out of one portrait's opened lip corners.

    landmarks: (478, 2+) px, the portrait's; lip: (3,) float32 RGB, its lips' colour (`mouth_shape.lip_colour`);
    lower: (3,) float32 RGB, the colour the bands' part below the inner corners (the lower lip's ends) is lifted
    towards in shade instead, None for `lip` (a moustache's shade on the upper lip left out of it: `MouthRenderer`);
    smile: the photo shows its own teeth (`OPENED_SMILE`, its lips' gap read too), else `OPENED`.
    """

    def __init__(self, landmarks: np.ndarray, lip: np.ndarray, lower: np.ndarray | None = None,
                 smile: bool = False) -> None:
        self._photo = np.maximum(_areas(landmarks), 1e-6)
        self._gap = max(mouth_gap(landmarks)[0], 1e-6) if smile else None  # px, the photo's inner lips' gap
        self._lip = SHADE * np.asarray(lip, np.float32)  # the lift's target
        self._lower = None if lower is None else SHADE * np.asarray(lower, np.float32)  # below the inner corners

    def render(self, crop: np.ndarray, origin: np.ndarray, target: np.ndarray) -> None:
        """Lift the shadow in the corner bands of `crop` (h, w, 3) uint8 in place; origin (2,) its top-left in
        image px; target (478, 2+) the drawn landmarks, image px. Nothing where no band opened past the lift's
        start (`OPENED`, `OPENED_SMILE`) times the photo's."""
        ratio = _areas(target) / self._photo
        start, full = OPENED
        if self._gap is not None:
            ratio = np.minimum(ratio, mouth_gap(target)[0] / self._gap)
            start, full = OPENED_SMILE
        opened = np.clip((ratio - start) / (full - start), 0.0, 1.0)
        if not opened.any():
            return
        pts = np.asarray(target, np.float32)[:, :2] - origin
        bands = corner_bands(pts)
        x0, y0, x1, y1 = box_around(np.vstack(bands), 3, (crop.shape[1], crop.shape[0]))
        if x1 <= x0 or y1 <= y0:
            return
        shape, at = (y1 - y0, x1 - x0), (x0, y0)
        band = sum(float(o) * polygon_mask([b], shape, at) for o, b in zip(opened, bands) if o > 0)
        lips = band * (1.0 - polygon_mask([pts[INNER_LIP_CONTOUR]], shape, at))
        weight = np.minimum(cv2.GaussianBlur(lips, (0, 0), _FEATHER), band)  # soft, within the bands
        if self._lower is None:
            lift_dark(crop[y0:y1, x0:x1], weight, self._lip, DARK)
            return
        rows = np.arange(y0, y1, dtype=np.float32)[:, None]
        below = np.zeros(shape, np.float32)
        for o, b, corner in zip(opened, bands, (ids.INNER_UPPER_LIP[0], ids.INNER_UPPER_LIP[-1])):
            if o > 0:
                below = np.maximum(below, polygon_mask([b], shape, at) * (rows > pts[corner, 1]))
        lift_dark(crop[y0:y1, x0:x1], weight * (1 - below), self._lip, DARK)
        lift_dark(crop[y0:y1, x0:x1], weight * below, self._lower, DARK)


def lift_dark(box: np.ndarray, weight: np.ndarray, colour: np.ndarray, dark: float,
              cap: float | np.ndarray | None = None) -> None:
    """Lift the pixels of `box` (h, w, 3) uint8, in place, darker than `colour` (3,) float32 RGB towards it, by
    `weight` (h, w) 0-1 times how much darker they are: fully at `dark` of its grey level below it, linearly less
    above that; with `cap` (a grey level, or (w,) one per column of `box`), no pixel is lifted past it."""
    pixels = box.astype(np.float32)
    reference = float(grey_level(colour))
    grey = grey_level(pixels)
    below = np.clip((reference - grey) / (dark * max(reference, 1.0)), 0.0, 1.0)
    a = weight * below
    if cap is not None:
        a = np.minimum(a, np.clip(cap - grey, 0.0, None) / np.maximum(reference - grey, 1e-3))
    a = a[..., None]
    box[:] = np.clip(pixels + a * (colour - pixels) + 0.5, 0, 255).astype(np.uint8)
