"""A photo's own open mouth, shut by the target: closed lips meeting at a soft crease, not its teeth squeezed.

When the target's lips meet over a source whose mouth shows its inside (a video frame mid-word, a photo showing its
teeth), the warp squeezes the opening's teeth and cavity into the target's 1-3 px opening: a jagged dark-and-white
line where the lips meet (`figures/shut_line`; sr_1's clip dubbed by lp_d19, `--regions lips`). `ShutLips` paints a
band round where the target's inner lips meet with the photo's lips' colours, the upper lip's above the meeting line
and the lower's below it, darkened along the line as a real closed mouth's crease is (`CREASE_DARK`, `CREASE_PX`), by
how far the target has shut (`shut_share`). The crease is as red as the lower lip (its CIELAB a*, b*): an open mouth's
upper lip band holds its teeth's edge and the pale lip stretched over them (lp_d6 200-240 as a video source: chroma
22-24 against its lower lip's 27-34 and its own shut crease's 31-34), which darkened drew a grey line
(`figures/grey_seam`).

Where the tracker put the photo's upper lip below the real one (lp_d19's smiling corner: 4-8 px), the cavity and teeth
above its tracked inner lip are warped as upper lip and stay over the crease: `_OverLip` finds them in the photo (far
darker or lighter than the lip, joined to the tracked opening, up to `REACH` mouth widths past the outer upper lip, in
the columns whose tracked upper lip reads all cavity), carries them to the target along the upper lip's contours, grows
them over the frame's cavity-dark pixels joined to them and fills them from the lips and skin round them. Likewise
the photo's teeth inside its tracked upper-lip band (`TEETH`: the tracker's inner upper lip under the teeth's top, sr_1's
clip frames 9, 13-15), grown over the frame's teeth-bright pixels joined to them (`figures/teeth_on_lip`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import blend, box_around, grey_image, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_driver import from_lab, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_bands
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

SHUT = (0.04, 0.08)
"""Target gap / mouth width: at or below the first the squeezed opening is painted over whole, fading out by the
second (sr_1's dubbed shut frames open 0.014-0.04; a slit wider than ~5 px at 60 px shows the photo's teeth as a
narrowed opening, as before)."""
SQUEEZED = (0.36, 0.46)
"""Target opening / the photo's (both gap / mouth width): at or below the first a slit (`SLIT`) is painted over whole
as well, fading out by the second. The warp squeezes the photo's opening into the target's: sr_1's clip 0-39 dubbed
by lp_d12 140-179 at 512 px opens 0.26-0.50 where the driver's lips part 0.08-0.11 (frames 9-15, 19-21: 0.16-0.36 of
the clip's), its teeth squeezed 3-6x into a 3-5 px slit, a pale jagged line under a dark 1 px crease
(`figures/squeezed_teeth`); frame 22 (0.46) squeezes the clip's dark cavity into a dark slit, kept."""
SLIT = (0.12, 0.16)
"""Target gap / mouth width: `SQUEEZED` paints an opening up to the first whole, fading out by the second (sr_1's
squeezed slits 0.08-0.11); a wider one is the driver's visible opening, left as the narrowed photo's."""
CLOSES = 0.04
"""Gap / mouth width the target must open less than the source for the band to be painted whole (ramped from 0):
a target opening as wide as the photo's leaves its own mouth as it is."""
PAD = 1.5
"""px: how far the band reaches past each inner lip into the lips (the warp's squeezed strip and its jagged edge
reach ~1 px past the target's contours at sr_1's 512 px)."""
CREASE_DARK = 0.22
"""Share of the lips' colour taken off on the meeting line: sr_1's own shut crease (its frame 23) reads `shut_line`
29 grey levels; 0.22 reads 24-32 on the dubbed shut frames (0.3: 33-40, a harder line than the clip's)."""
CREASE_PX = 0.8
"""px: the crease's Gaussian half-width on a shut mouth (widened by half the target's gap)."""
_FEATHER = 0.7  # px: Gaussian sigma softening the band's edges into the warped lips
REACH = 0.08
"""Mouth widths past the photo's tracked outer upper lip searched for cavity and teeth the tracker read as lip
(lp_d19's smiling corner: the real lip ran 4-8 px, up to 0.07 of its 110 px mouth, above the tracked one)."""
DARK = 0.75
"""Share of the photo's upper lip band's median grey under which a pixel reads as cavity, not lip (lp_d19: cavity
43-91 against its lips' ~115; its lips' own shade near the corners ~100); the frame's pixels grown over read alike."""
CORE = 0.6
"""Share of the upper lip band's median grey under which a pixel of that band reads as the cavity's core, for the
columns where the tracker missed the lip (`MISSED`): lp_d19's corner 43-60 against 115. At 0.75 lp_s1's shaded lip
corners read 3x the pixels (she keeps 80 px at her own size, her dark left corner; her shut mouth changes by up to 16
grey levels there)."""
MISSED = 0.9
"""Share of a column of the photo's tracked upper-lip band that must read as the cavity's core for the tracker to have
missed the lip there: lp_d19's smiling corner reads all of it; sr_1's shaded upper lip (grey ~30-35 against the band's
median 46, which holds teeth) reads half of some columns, none past 0.8 on its open frames 17-21 / 25-26."""
CORE_RUN = 0.43
"""Share of the photo's tracked upper-lip band's median height (px, over its columns): the least run of cavity-core
pixels in a column of that band for `MISSED` to count, so that it holds at any size. lp_d19's missed corner reads 3-6 px
of a 5.5-9 px band at 480 px (asked 3-4 px: the columns the 3 px this was found) and 2-3 px of a 3-5 px band at 240
px (2-3 asked); lp_s1's corner slits at 512 read 2 px of a 5 px band (3 asked: the crease's one shaded pixel where
the band tapers to 1-2 px, whose filling wiped her corner crease into a pale smudge under lp_d12's drive), sr_8's 2 of
7. Bounds: over 0.4 (lp_s1), at most 0.46 (lp_d19's 480 px frame 2). A share of the mouth's width or the eyes'
distance does not part these (lp_s1's 2 px at a 57 px mouth must not count, lp_d19's 2 px at a 50 px one must)."""
GROW = 2
"""px: how far the found cavity is widened before it is filled (its half-dark rim, ~2 px at lp_d19's 480 px)."""
BRIGHT = 1.15
"""Share of the upper lip band's median grey over which a pixel joined to the opening reads as teeth (lp_d19's teeth
150-200 against its lips' ~120)."""
TEETH = 1.15
"""Share of the lighter lip band's median grey (upper or lower) over which a pixel of the tracked upper lip's band,
lit and joined to the opening, reads as teeth the tracker put under the lip (sr_1's clip frames 13-14: the upper teeth's
top, grey 86-145, 1-2 px over the tracked inner lip, against its lower lip's 69 and its dark upper lip's 48, which
the band's median reads (`BRIGHT` on it takes the lower lip and skin)."""


def shut_share(source_open: float, target_open: float) -> float:
    """0-1: how far the crease band covers a mouth whose photo opens `source_open` and whose target opens
    `target_open` (both gap / mouth width): shut (`SHUT`), or a slit squeezing the photo's opening (`SQUEEZED`,
    `SLIT`), and closed past the photo's (`CLOSES`)."""
    squeezed = (np.clip((SQUEEZED[1] - target_open / max(source_open, 1e-6)) / (SQUEEZED[1] - SQUEEZED[0]), 0, 1)
                * np.clip((SLIT[1] - target_open) / (SLIT[1] - SLIT[0]), 0, 1))
    shut = max(float(np.clip((SHUT[1] - target_open) / (SHUT[1] - SHUT[0]), 0, 1)), float(squeezed))
    return float(shut * np.clip((source_open - target_open) / CLOSES, 0, 1))


class ShutLips:
    """Paints one portrait's open mouth shut.

    image: (H, W, 3) uint8 RGB, the portrait; landmarks: (478, 2+) px, its own.
    """

    def __init__(self, image: np.ndarray, landmarks: np.ndarray) -> None:
        upper, lower = lip_bands(image, landmarks)
        self._lips = None if upper is None or lower is None else (upper, lower)
        self._lower_ab = None if lower is None else to_lab(lower)[1:]  # (2,) CIELAB a*, b* of the lower lip
        up, low = (0.0 if band is None else float(grey_image(band[None, None])[0, 0]) for band in (upper, lower))
        self._over = None if upper is None else _OverLip(image, landmarks, up, TEETH * max(up, low))

    def render(self, crop: np.ndarray, origin: np.ndarray, target: np.ndarray, share: float) -> None:
        """Draw the shut lips into `crop` (h, w, 3) uint8 in place; origin (2,) its top-left in image px; target
        (478, 2+) the drawn landmarks, image px; share: 0-1, the band's opacity (`shut_share`)."""
        if share <= 0 or self._lips is None:
            return
        if self._over is not None:
            self._over.render(crop, origin, target, share)
        pts = np.asarray(target, np.float32)[:, :2] - origin
        upper, lower = pts[list(ids.INNER_UPPER_LIP)], pts[list(ids.INNER_LOWER_LIP)]
        pad = np.array([0.0, PAD], np.float32)
        band = np.vstack([upper - pad, (lower + pad)[::-1]])
        band[[0, -1]], band[[len(upper) - 1, len(upper)]] = upper[0], upper[-1]  # corners as tracked
        x0, y0, x1, y1 = box_around(band, 3, (crop.shape[1], crop.shape[0]))
        if x1 <= x0 or y1 <= y0:
            return
        box = crop[y0:y1, x0:x1]
        mask = polygon_mask([band], box.shape[:2], (x0, y0))
        cover = share * np.minimum(cv2.GaussianBlur(mask, (0, 0), _FEATHER), mask)
        xs = np.arange(x0, x1, dtype=np.float32)
        top, bottom = np.interp(xs, *by_x(upper)), np.interp(xs, *by_x(lower))
        half = np.maximum(bottom - top, 0) / 2
        d = np.arange(y0, y1, dtype=np.float32)[:, None] - (top + bottom) / 2  # (h, w) px below the meeting line
        t = np.clip(0.5 + d / (2 * (half + PAD)), 0, 1)[..., None]
        near = np.exp(-0.5 * (d / (CREASE_PX + half)) ** 2)[..., None]  # 1 on the meeting line
        paint = (1 - t) * self._lips[0] + t * self._lips[1]
        lab = to_lab(paint * (1 - CREASE_DARK * near))
        lab[..., 1:] += near * (self._lower_ab - lab[..., 1:])  # the crease as red as the lower lip
        blend(box, from_lab(lab), cover)


def _joined(pixels: np.ndarray, seed: np.ndarray) -> np.ndarray:
    """(h, w) bool: the 8-connected parts of (h, w) bool `pixels` holding a pixel of (h, w) bool `seed`."""
    _, labels = cv2.connectedComponents(pixels.astype(np.uint8), connectivity=8)
    joined = np.unique(labels[seed & pixels])
    return np.isin(labels, joined[joined > 0])


def _upper_lines(points: np.ndarray, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(inner, outer): the y px of the inner and outer upper lip of (478, 2+) px `points` at columns `xs`."""
    return (np.interp(xs, *by_x(points[list(ids.INNER_UPPER_LIP), :2])),
            np.interp(xs, *by_x(points[list(ids.OUTER_UPPER_LIP), :2])))


class _OverLip:
    """The photo's cavity and teeth above its tracked inner upper lip, joined to its tracked opening, in the columns
    where the tracked upper lip reads cavity-dark (`MISSED`), and its teeth lit over `teeth_grey` in the tracked upper
    lip's band, joined to the opening (`TEETH`).

    image: (H, W, 3) uint8 RGB; landmarks: (478, 2+) px; lip_grey: the upper lip band's median grey level;
    teeth_grey: the grey level over which a pixel reads as teeth.
    """

    def __init__(self, image: np.ndarray, landmarks: np.ndarray, lip_grey: float, teeth_grey: float) -> None:
        pts = np.asarray(landmarks, np.float32)[:, :2]
        self._pts, self._lip_grey, self._teeth_grey = pts, lip_grey, teeth_grey
        corners = pts[list(ids.MOUTH_CORNERS)]
        width = float(np.linalg.norm(corners[0] - corners[1]))
        zone = np.vstack([pts[list(ids.OUTER_UPPER_LIP)] - [0.0, REACH * width],
                          pts[list(ids.INNER_LOWER_LIP)][::-1]])
        x0, y0, x1, y1 = box_around(zone, 2, (image.shape[1], image.shape[0]))
        self._origin = np.array([x0, y0], np.float32)
        grey = grey_image(image[y0:y1, x0:x1])
        inside = polygon_mask([zone], grey.shape, (x0, y0)) > 0.5
        odd = inside & ((grey < DARK * lip_grey) | (grey > BRIGHT * lip_grey))
        opening = polygon_mask([pts[INNER_LIP_CONTOUR]], grey.shape, (x0, y0)) > 0.5
        kept = _joined(odd, opening)
        inner, outer = _upper_lines(pts, np.arange(x0, x1, dtype=np.float32))
        rows = np.arange(y0, y1, dtype=np.float32)[:, None]
        lip = (rows < inner) & (rows >= outer)  # the tracked upper lip's band
        height = lip.sum(0)
        core = (lip & (grey < CORE * lip_grey)).sum(0)
        run = CORE_RUN * float(np.median(height[height > 0])) if height.any() else 0.0
        dark = (core >= MISSED * np.maximum(height, 1)) & (core >= run)
        past = (kept & (rows < outer)).any(0)  # the cavity reaches past the tracked outer lip
        missed = kept & (rows < inner + 0.5) & (lip.any(0) & dark & past)
        teeth = _joined(inside & (grey > teeth_grey), opening) & (rows < inner + 0.5) & (rows >= outer)
        self._mask = np.dstack([missed, teeth]).astype(np.float32)  # (h, w, 2): cavity, teeth

    def render(self, crop: np.ndarray, origin: np.ndarray, target: np.ndarray, share: float) -> None:
        """Fill the photo's cavity and teeth over its upper lip in `crop` (h, w, 3) uint8 in place from the pixels
        round them (OpenCV's Telea inpainting), at `share` (0-1): carried to the (478, 2+) px `target` along the
        mouth's width between the corners and across it by the place between the inner (0) and outer (1) upper lip,
        then grown over the frame's cavity-dark pixels joined to them (the warp carries the skin above the lip less
        than the lip, so the carried place falls short there); origin (2,) the crop's top-left, px."""
        if not self._mask.any():
            return
        tgt = np.asarray(target, np.float32)[:, :2]
        src_c, tgt_c = self._pts[list(ids.MOUTH_CORNERS)], tgt[list(ids.MOUTH_CORNERS)]
        width = float(np.linalg.norm(tgt_c[0] - tgt_c[1]))
        # twice the photo's reach: the target's upper lip may be thinner than the photo's, the cavity as high
        zone = np.vstack([tgt[list(ids.OUTER_UPPER_LIP)] - [0.0, 2 * REACH * width],
                          tgt[list(ids.INNER_LOWER_LIP)][::-1]])
        x0, y0, x1, y1 = box_around(zone - origin, 2, (crop.shape[1], crop.shape[0]))
        if x1 <= x0 or y1 <= y0:
            return
        xs = np.arange(x0, x1, dtype=np.float32) + origin[0]
        ys = np.arange(y0, y1, dtype=np.float32)[:, None] + origin[1]
        sx = np.interp(xs, np.sort(tgt_c[:, 0]), np.sort(src_c[:, 0]))  # the photo's column of each target column
        t_in, t_out = _upper_lines(tgt, xs)
        s_in, s_out = _upper_lines(self._pts, sx)
        across = np.maximum((ys - t_in) / np.minimum(t_out - t_in, -1.0), 0.0)  # 0 at the inner lip, 1 at the outer
        sy = s_in + across * (s_out - s_in)
        map_x = np.broadcast_to(sx - self._origin[0], sy.shape).astype(np.float32)
        mask = cv2.remap(self._mask, map_x, (sy - self._origin[1]).astype(np.float32), cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        seed = (mask > 0.25) & (ys <= t_in + PAD)[..., None]  # (h, w, 2) cavity, teeth; the slit's band
        if not seed.any():
            return
        box = crop[y0:y1, x0:x1]
        near = (polygon_mask([zone], box.shape[:2], (x0 + origin[0], y0 + origin[1])) > 0.5) & (ys <= t_in + PAD)
        grey = grey_image(box)
        grown = (_joined(seed[..., 0] | (near & (grey < DARK * self._lip_grey)), seed[..., 0])
                 | _joined(seed[..., 1] | (near & (grey > self._teeth_grey)), seed[..., 1]))
        hole = cv2.dilate(grown.astype(np.uint8), np.ones((3, 3), np.uint8), iterations=GROW)
        filled = cv2.inpaint(np.ascontiguousarray(box), hole, GROW + 2, cv2.INPAINT_TELEA)
        cover = share * cv2.GaussianBlur(hole.astype(np.float32), (0, 0), _FEATHER)
        blend(box, filled.astype(np.float32), cover)
