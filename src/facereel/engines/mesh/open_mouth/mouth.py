"""Mouth: when the target lips part, paint an inner mouth instead of stretched lips.

The warp fills the inner-lip opening by stretching whatever the source shows there. This draws an
opening strictly inside the target inner-lip contour, so the lips themselves stay sharp, from one of:

- the driver's own mouth interior (`mouth_driver.py`; with `interior="driver"` and a driving frame whose
  mouth is open): its teeth, tongue and cavity mapped onto the target opening, colour-matched to the
  portrait's skin light;
- a procedural interior (`mouth_synthetic.py`: throat, tongue, upper and lower teeth lit like the face),
  under the source's own mouth interior carried with the upper lip when the source already shows one
  (the teeth of a smile; its lower lip's inner edge left behind, and no procedural teeth: the photo's own
  are there).

The synthetic interior appears only where the target opens wider than the source; the driver's interior
wherever the target and the driver are open. Closing a photo's own open mouth paints its lips meeting at a soft
crease over the opening the warp squeezed (`shut_lips.py`).
Either is finished to the photo's look before it is blended in (`mouth_finish.py`): greyed on a colourless skin,
softened with its outline on a photo softer than its pixels.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from facereel.engines.mesh.composite import blend, box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.geometry.warp import fit_similarity
from facereel.engines.mesh.open_mouth.hidden_corners import overhang_of
from facereel.engines.mesh.open_mouth.lip_corners import LipCorners
from facereel.engines.mesh.open_mouth.lip_edge import LipEdge
from facereel.engines.mesh.open_mouth.mouth_driver import (DriverFrame, PortraitMouth, coloured_light,
                                                           driver_interior, from_lab, hung_from_lip, own_teeth_lab,
                                                           to_lab)
from facereel.engines.mesh.open_mouth.mouth_finish import (MARGIN, chroma_share, face_share, greyed, grown,
                                                           opening_seen, softened, softening, softness)
from facereel.engines.mesh.open_mouth.mouth_interiors import MOUTH_INTERIORS
from facereel.engines.mesh.open_mouth.mouth_shape import CheekLight, cheek_light, lip_bands, lip_colour, mouth_gap
from facereel.engines.mesh.open_mouth.mouth_synthetic import (by_x, cavity_lip, row_height,
                                                              synthetic_interior, teeth_colour)
from facereel.engines.mesh.open_mouth.shut_lips import ShutLips, shut_share
from facereel.engines.mesh.open_mouth.slit_stretch import stretched_share
from facereel.face import landmark_ids as ids

__all__ = ["MOUTH_INTERIORS", "DriverFrame", "MouthRenderer", "mouth_gap"]

_FULL_AT = 0.04  # extra opening (gap / mouth width) over which a painted interior becomes fully opaque
_DRIVER_FROM = 0.02  # target gap / mouth width from which the driver's interior (and the lip edge's lift) shows
SHOWS_INSIDE = 0.06  # source gap / mouth width above which the source's own mouth interior is reused
_LOWER_EDGE = 0.5
"""px: the source's interior carried with the upper lip ends this far above its lower inner lip (softened over
1 px): the anti-aliased fill's half px past the contour is the lower lip's, which carried up into a wider opening
crossed it as a lip-coloured line under the teeth (sr_18). At 1.5 px sr_18's 3-px teeth row at 512 px lost its lower
half; lp_d3's grin keeps a line (its lip band 3-4 px inside the tracked contour; cutting the lip-coloured pixels
below the mid-line cut holes into her warm-lit teeth)."""
_DEFAULT_LIP = np.array([170.0, 90.0, 90.0], np.float32)
_NEUTRAL_SKIN = np.array([190.0, 145.0, 115.0], np.float32)
"""RGB of a skin in a neutral light (CIELAB hue 60 degrees): the neutral-lit portraits of ../shared/data lie 0-27
degrees from it, under `coloured_light`'s ramp (sr_8's cyan-lit skin 179). Their synthetic teeth stay lit from the
skin's light (sr_18's own teeth, greyer than real mouths' along his skin's hue, would grey them: `teeth_band`'s
`grey` 0 -> 0.19)."""
_CARRIED_FILLS = (0.75, 1.0)
"""The source's own interior, carried with the upper lip, fades in as its opening (the source's gap, scaled into
the target) grows from the first to the second share of the synthetic upper row's height: a slit lower than the
row shows the photo's teeth cut off by its lower lip, a beaded strip over the synthetic teeth (lp_s1)."""
_FILL_SPREAD = 0.5
"""px: how far past a polygon's edge cv2's anti-aliased fill (`polygon_mask`) still covers pixels (an edge at
y = 10.0 covers row 10 by 0.91 and row 11 by 0.23, not 0.5 and 0)."""


def _opening_edge(poly: np.ndarray) -> np.ndarray:
    """(20, 2) px `INNER_LIP_CONTOUR` points `poly` with the lower lip's moved `_FILL_SPREAD` px (at most half the
    gap) towards their upper-lip counterparts: the painted opening's anti-aliased edge then ends on the lower lip's
    inner edge instead of darkening the lip's first row of pixels (a dark line along it, `figures/lip_seam.py`)."""
    n = len(ids.INNER_UPPER_LIP)
    lower, upper = poly[n:], poly[n - 2:0:-1]  # poly[n + j] faces poly[n - 2 - j]
    step = upper - lower
    dist = np.linalg.norm(step, axis=1, keepdims=True)
    edge = poly.copy()
    edge[n:] = lower + step * (np.minimum(_FILL_SPREAD, 0.5 * dist) / np.maximum(dist, 1e-6))
    return edge


def _carried_share(carried_gap: float, gap: float, width: float) -> float:
    """0-1: the opacity of the source's own interior, carried with the upper lip, whose opening is `carried_gap` px
    in the target (`_CARRIED_FILLS` of the synthetic upper row's height in a `gap` px opening, mouth `width` px)."""
    fills = carried_gap / max(row_height(gap, width), 1.0)
    return float(np.clip((fills - _CARRIED_FILLS[0]) / (_CARRIED_FILLS[1] - _CARRIED_FILLS[0]), 0, 1))


def above_lower_lip(lower: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how far each pixel of a box of `shape` lies `_LOWER_EDGE` px or more above the
    inner lower lip points `lower` ((11, 2) box px, corner to corner), ramped over 1 px: the share of a photo's
    interior carried with its upper lip (`figures/under_teeth.py`)."""
    xs = np.arange(shape[1], dtype=np.float32)
    edge = np.interp(xs, *by_x(lower)) - _LOWER_EDGE
    ys = np.arange(shape[0], dtype=np.float32)[:, None]
    return np.clip(edge - ys + 0.5, 0, 1).astype(np.float32)


class MouthRenderer:
    """Inner-mouth painting for one source portrait.

    Args:
        source: (H, W, 3) uint8 RGB; landmarks: (478, 3) source landmarks, image px.
        interior: "driver" (the driving frame's mouth when `render` gets one, else synthetic) or "synthetic".
        soft: 0-1, the photo's softness round its mouth (`mouth_finish.softness`); None = read from `source`.
    """

    def __init__(self, source: np.ndarray, landmarks: np.ndarray,
                 interior: Literal["driver", "synthetic"] = "driver", soft: float | None = None) -> None:
        if interior not in MOUTH_INTERIORS:
            raise ValueError(f"mouth interior must be one of {MOUTH_INTERIORS}, got {interior!r}")
        self.use_driver = interior == "driver"
        gap, width = mouth_gap(landmarks)
        self.src_open, self.src_gap = gap / max(width, 1e-6), gap
        h, w = source.shape[:2]
        pts = landmarks[:, :2]
        lip = lip_colour(source, landmarks)
        lip = lip if lip is not None else _DEFAULT_LIP
        # The cheeks read once: their median (the skin) and the light on the mouth the driver's interior is matched to
        # (a side-lit face's between its cheeks, `mouth_shape.cheek_light`); the lips' colour for both where none.
        cheeks = cheek_light(source, landmarks) or CheekLight(lip, lip, 0.0)
        skin = cheeks.skin
        own_teeth = None
        self.src_upper = landmarks[list(ids.INNER_UPPER_LIP), :2].astype(np.float32)
        self.interior = None
        self.edge = LipEdge(source, landmarks) if self.src_open <= SHOWS_INSIDE else None
        self.shut = ShutLips(source, landmarks) if self.src_open > SHOWS_INSIDE else None
        if self.src_open > SHOWS_INSIDE:
            inner = pts[INNER_LIP_CONTOUR]
            ix0, iy0, ix1, iy1 = box_around(inner, 1, (w, h))
            alpha = polygon_mask([inner], (iy1 - iy0, ix1 - ix0), (ix0, iy0))
            self.interior_origin = np.array([ix0, iy0], np.float32)
            carried = alpha * above_lower_lip(pts[list(ids.INNER_LOWER_LIP)] - self.interior_origin, alpha.shape)
            self.interior = np.dstack([source[iy0:iy1, ix0:ix1].astype(np.float32), carried])
            own_teeth = own_teeth_lab(to_lab(source[iy0:iy1, ix0:ix1])[alpha > 0.5], float(to_lab(skin)[0]))
        # How far a moustache hangs over the synthetic upper teeth (0-1, `overhang_share`): they lie in its shade,
        # and the cavity and throat take the lower lip's colour as far (`cavity_lip`).
        upper, lower = lip_bands(source, landmarks)
        self.overhang = overhang_of(upper, lower)
        # The lips' corners opened (`lip_corners`): the lower lip's ends lifted towards the lower lip's own colour as
        # far, not the lips' median darkened by the moustache's shade (lp_s12: upper lip grey 44, lower 105, both 82);
        # from the photo's own opening on where it shows its teeth (the bands' dark its opening's corners).
        self.corners = LipCorners(landmarks, lip, None if self.overhang <= 0 else lip + self.overhang * (lower - lip),
                                  own_teeth is not None)
        own_rgb = None if own_teeth is None else from_lab(own_teeth)
        teeth = teeth_colour(skin, lip, own_rgb, coloured_light(_NEUTRAL_SKIN, skin), self.overhang)
        self.chroma = chroma_share(skin)  # the interior's share of its chroma (`mouth_finish.greyed`)
        # how far the photo is softer than its pixels (`mouth_finish`)
        self.soft = softness(source, landmarks) if soft is None else soft
        self.colours = PortraitMouth(cheeks.mouth, teeth, cavity_lip(lip, lower, self.overhang), own_teeth,
                                     cheeks.side_lit)

    def render(self, crop: np.ndarray, origin: np.ndarray, target: np.ndarray,
               driver: DriverFrame | None = None) -> None:
        """Draw the inner mouth into `crop` (h, w, 3) uint8 in place; origin (2,) its top-left in image px;
        target (478, 3) target landmarks, image px; driver: this frame of the driving video (used with
        interior "driver"). The lips' corners, opened past the photo's, get lip over the slit's shadow
        (`lip_corners.py`), the lower lip's edge over the photo's lip seam (`lip_edge.py`), and a photo's own open mouth
        shut by the target its closed lips (`shut_lips.py`)."""
        self.corners.render(crop, origin, target)
        gap, width = mouth_gap(target)
        open_ = gap / max(width, 1e-6)
        synth_op = float(np.clip((open_ - self.src_open) / _FULL_AT, 0, 1))
        shown = float(np.clip((open_ - _DRIVER_FROM) / _FULL_AT, 0, 1))  # how far an opening shows at all
        if self.edge is not None:
            self.edge.render(crop, origin, target, min(synth_op, shown))
        if self.shut is not None:
            self.shut.render(crop, origin, target, shut_share(self.src_open, open_))
        # The driver's interior too only past the photo's own opening: with the lips not driven (video-to-video,
        # `--regions eyes`) the target opens as the clip's frame does, whose own mouth stays.
        driver_op = min(shown, synth_op) if self.use_driver and driver is not None else 0.0
        if synth_op <= 0 and driver_op <= 0:
            return
        tgt = target[:, :2].astype(np.float32) - origin
        poly = tgt[INNER_LIP_CONTOUR]
        x0, y0, x1, y1 = box_around(poly, 2, (crop.shape[1], crop.shape[0]))
        if x1 <= x0 or y1 <= y0:
            return
        box = crop[y0:y1, x0:x1]
        shape = box.shape[:2]
        o = np.array([x0, y0], np.float32)
        # A driver's interior keeps the fill as tracked (test_video_faces' 70 px face followed its driver less).
        inside = polygon_mask([poly if driver_op > 0 else _opening_edge(poly)], shape, (x0, y0))
        upper, lower = tgt[list(ids.INNER_UPPER_LIP)] - o, tgt[list(ids.INNER_LOWER_LIP)] - o

        mapped = driver_interior(driver, poly - o, shape, self.colours, gap, stretched_share(driver.landmarks, target)
                                 ) if driver_op > 0 else None
        if mapped is None:
            self._finish(crop, (x0, y0), self._synthetic(inside, upper, lower, gap, width), inside * synth_op, inside,
                         poly, width)
            return
        # Premultiplied mix: the driver's interior at its opacity where it covers, the synthetic elsewhere (painted
        # only where it shows: a wide-open driver's interior covers the whole box, a = 1, as `driver_interior` fills it).
        layer, a = mapped
        ws, wd = synth_op * (1 - a), driver_op * a
        alpha = ws + wd
        mixed = layer * wd[..., None]
        if ws.any():
            mixed += self._synthetic(inside, upper, lower, gap, width) * ws[..., None]
        self._finish(crop, (x0, y0), mixed / np.maximum(alpha, 1e-6)[..., None], inside * alpha, inside, poly, width)

    def _finish(self, crop: np.ndarray, origin: tuple[int, int], paint: np.ndarray, cover: np.ndarray,
                inside: np.ndarray, poly: np.ndarray, width: float) -> None:
        """Blend an opening's (h, w, 3) `paint` at (h, w) `cover` into `crop` (uint8, in place) at the box `origin`
        (x, y) px, greyed to the portrait's chroma (`mouth_finish.greyed`) and softened, its outline with it, to the
        face's sharpness round the opening (`softening`: `inside` (h, w) the opening's coverage, `poly` (20, 2) its
        inner-lip contour in crop px, the mouth `width` px)."""
        paint, cover = grown(greyed(paint, self.chroma).astype(np.float32), True), grown(cover.astype(np.float32), False)
        seen = grown(opening_seen(inside).astype(np.uint8), False) > 0
        x0, y0 = origin[0] - MARGIN, origin[1] - MARGIN
        cx0, cy0 = max(x0, 0), max(y0, 0)
        cx1, cy1 = min(x0 + cover.shape[1], crop.shape[1]), min(y0 + cover.shape[0], crop.shape[0])
        rows, cols = slice(cy0 - y0, cy1 - y0), slice(cx0 - x0, cx1 - x0)
        back = crop[cy0:cy1, cx0:cx1]
        paint, cover, seen = paint[rows, cols], cover[rows, cols], seen[rows, cols]
        sigma = self.soft * softening(back.astype(np.float32), paint, cover, seen, face_share(crop, poly, width)) \
            if self.soft > 0 else 0.0
        blend(back, *softened(paint, cover, sigma))

    def _synthetic(self, inside: np.ndarray, upper: np.ndarray, lower: np.ndarray, gap: float, width: float
                   ) -> np.ndarray:
        """(h, w, 3) float32 RGB: the procedural interior (`synthetic_interior`) of the opening `inside` (h, w) in the
        mouth's box, the target's inner lips `upper`, `lower` ((11, 2) box px), `gap` and `width` px, under the
        source's own interior carried with the upper lip where the photo shows one (`hung_from_lip`, `_carried_share`)."""
        share, to_target = 0.0, None
        if self.interior is not None:
            # The source's teeth hang from the upper lip: move them with it (similarity of that lip).
            to_target = fit_similarity(self.src_upper - self.interior_origin, upper)
            share = _carried_share(self.src_gap * float(np.hypot(*to_target[0, :2])), gap, width)
        # No procedural teeth under the photo's own where those are carried whole (a second row under them).
        paint = synthetic_interior(inside, upper, lower, gap, width, self.colours.lip, self.colours.teeth,
                                   self.overhang, teeth_rows=share < 1)
        if to_target is not None and share > 0:
            layer = hung_from_lip(self.interior, to_target, self.src_upper - self.interior_origin, upper,
                                  inside.shape)
            a = layer[..., 3:] * share
            paint = paint * (1 - a) + layer[..., :3] * a
        return paint
