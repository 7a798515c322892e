"""Eyes: the eyeball is re-rendered inside the target lid contour, the iris moved, closed lids synthesised.

Warping the lids alone squeezes the iris into the slit and stretches the lid, and cannot move the gaze.
So inside the target eye opening the output is an iris-free "plate" of the source eye (warped with the
face) with the source iris texture pasted at the target iris position; where the target opening is
smaller than the source's, the portrait's own upper lid is carried down over the eyeball (its skin, shadow and
lashes), down to the lower lid once the eye is shut.
Before the mesh is placed, `EyeRenderer.settle` keeps the target lids from sagging below the source's lower
lid (a closed eye's lids meet; they do not bend into a V down the cheek).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, blend, box_around, disc_kernel, grey_image, polygon_mask
from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, edge_shadow, lid_cover, lid_fit, lid_lit
from facereel.engines.mesh.eye.carried_eyeball import carried_share, placing
from facereel.engines.mesh.eye.catchlight import lay_spot, spot, spot_centre
from facereel.engines.mesh.eye.eye_smear import lid_offsets, lower_side
from facereel.engines.mesh.eye.sharp_eyes import SHARP
from facereel.engines.mesh.eye.white_fill import fill_white
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.geometry.mesh_topology import contour
from facereel.face import landmark_ids as ids

IRIS_PAD = 1.15  # the iris disc is taken slightly larger than mediapipe's radius to include its dark rim
LID_SKIN = 0.3  # eye widths of the source's upper lid above its margin that a closing lid carries down, at most
BROW_SHARE = 0.5  # ... and at most this share of the way from the margin up to the brow's lower edge
LASH_WIDTH = 20.0  # the closed eye's drawn lash line is 1/LASH_WIDTH of the eye width wide (before its blur)
_LASH_AT = np.linspace(0, 1, 16, dtype=np.float32)  # where along the corner line the lash line's curve runs
_LASH_AT.flags.writeable = False
# sigmas of the lash line's blur under the lid's edge that darken the eyeball: a catchlight fades in below
LASH_REACH = 2.0
LASH_ALPHA = 0.9  # opacity of the drawn lash line on a fully closed eye (the tracker reads a wink as shut by it)
LASH_RISE = 0.3  # closure at which the drawn lash line is LASH_ALPHA opaque (it fades in below)
CREASE_HEIGHT = 0.15  # eye widths a shut lid's drawn crease arches above its lash line at the middle (lp_d3's own
                      # shut lids: 0.1-0.2), at most CREASE_SHARE of the carried skin (`lid_skin`) ...
CREASE_SHARE = 0.45
CREASE_ALPHA = 0.6  # ... darkened by this share of the lid skin's step to the lash colour at its middle (fading to its ends), once shut:
                    # the carried lid eased to the lid skin's light lost the photo's fold (sr_18's, lp_s0's small
                    # shut lids a smooth blob; `figures/lid_crease`)
HALF_LIFT = 0.5  # how far a half-closed lid's shade eases to the lid skin's light (1 once shut, `SLIT_CLOSURE`):
                 # half its own (lp_s12's lid shadow above its lashes; eased all the way its lid was a pale flat
                 # band), half the skin's (sr_18's shadowed upper lid carried as it is was a dark box)
EDGE_SHADOW = 0.1  # eye widths: how deep the lowered lid's shadow reaches down the eyeball under its edge ...
EDGE_DARK = 0.5  # ... and how far it takes the eyeball towards the lash colour right at the edge (closure LASH_RISE on)
SLIT_OVERLAP = 0.03  # eye widths a shut lid's margin reaches past the lower lid (over its pale inner rim)
LASH_BAND = 0.07  # eye widths above the margin (lashes, liner) carried down unstretched
SKIN_BIAS = 1.6  # exponent of the carried lid's skin map when shut: its upper skin stretched more than the
                 # shadow above its lashes
LID_GRAIN = 0.04  # eye widths: the blur (sigma) parting the carried lid's shade from its grain (texture) ...
GRAIN_PX = 1.5  # ... and at least this many px (a small eye's lid otherwise keeps no grain, only its shade)
LID_FEATHER = 0.08  # eye widths over which the carried lid fades in at its top, and as its margin moves
FULL_COVER = 0.15  # closure from which the carried lid is fully opaque (it fades in below)
SLIT_CLOSURE = (0.55, 0.8)  # closure over which the lid's margin goes on down to the lower lid (eye shut)
LID_DROP = 0.02  # eye widths a target lid may sit below the source's lower lid (across the corner line)
SKIN_BAND = (0.12, 0.35)  # eye widths above the upper lid whose brighter half is the lid skin's colour
LASH_SHARE = 0.1  # the darkest share of the band SKIN_BAND[0] above the upper lid that is its lashes' colour
IRIS_HUE = (15.0, 30.0)  # degrees that share's hue is cooler than outside the iris disc over which it takes the latter's
RING = (0.15, 0.35)  # eye widths out from the eye's lid contour: the skin round the eye (socket, brow, under-eye),
                     # against which a shut lid's eased colour is kept from a pale highlight (`_no_lighter`)
PALE_RANK = 75  # percentile of the skin round the eye (`RING`) above which the lid skin's light reads as a pale ...
PALE_STEP = 0.05  # ... highlight, brought to the ring's median from PALE_STEP (a share of that percentile) above it
FOLD_AT = np.linspace(0.2, 0.8, 13, dtype=np.float32)  # along the corner line (0-1): where `_fold` compares the lid
FOLD_AT.flags.writeable = False
FOLD_STEP = (12.0, 18.0)  # grey levels the lid half-way up its carried skin is paler than at its top (`_fold`)
                          # over which that pale fold reads as a highlight strip above the lashes (lp_s12's
                          # image-right lid 22, sr_18's 15 / 19, sr_4's window-lit lid 5) ...
FOLD_RING = (0.97, 1.0)  # ... where the lid's light is this share of the ring's median or more (lp_s12 1.02; sr_18's
                         # shaded sockets 0.87 / 0.95 keep their fold's light): then brought to the lid's top
SKIN_SAMPLES = 33  # the lid skin's light along the corner line fitted through this many points ...
SKIN_REACH = 0.35  # ... each the band's pixels within this many eye widths along the line
SHUT_GAP = (0.05, 0.12)  # mean lid gaps (eye widths) over which a source eye goes from read as shut (its carried lid
                         # and lash line not drawn: the lid has nowhere to go) to open (both drawn whole)
OPEN = 0.02  # closure up to which an eye is drawn open: no lid carried over it, its catchlight laid whole
SHOWN_REACH = (0.05, 2.0)  # (eye widths, px, the larger): how far past the source's eye opening the head map may read
# where the eye layer still draws; farther, a nearer part of the face (the nose's bridge past a far eye's inner
# corner) covers the eye there (`EyeRenderer.render`)
IRIS_CONTRAST = (0.7, 0.9)  # iris-to-white luminance ratios (`_iris_contrast`) over which a source eye goes from
                             # one with an eyeball (lid drawn whole) to one with none (a statue's: no lid drawn)


def opening_ratio(points: np.ndarray, upper: tuple[int, ...], lower: tuple[int, ...]) -> float:
    """Mean lid gap over the eye width (0 = shut). points: (478, >=2) px; upper/lower: lid polylines."""
    gap = np.linalg.norm(points[list(upper[1:-1]), :2] - points[list(lower[1:-1]), :2], axis=1).mean()
    width = np.linalg.norm(points[upper[0], :2] - points[upper[-1], :2])
    return float(gap / max(width, 1e-6))


def _band_pixels(image: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RGB (N, 3) float32 and positions (N, 2) px (x, y) of the pixels between two polylines (M, 2) px (the
    whole box round them where none lie between)."""
    band = np.vstack([lower, upper[::-1]])
    x0, y0, x1, y1 = box_around(band, 1, (image.shape[1], image.shape[0]))
    mask = polygon_mask([band], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    if not mask.any():
        mask[:] = True
    ys, xs = np.nonzero(mask)
    return image[y0:y1, x0:x1][mask].astype(np.float32), np.stack([xs + x0, ys + y0], 1).astype(np.float32)


def _brighter_half(px: np.ndarray) -> np.ndarray:
    """(3,) mean RGB of the brighter half (by luminance) of pixels px (N, 3), N >= 1."""
    luma = px @ LUMA
    return px[luma >= np.median(luma)].mean(0)


def _skin_light(image: np.ndarray, lid: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """(2, 3) float32 RGB: the colour a closing lid's shade eases to at the middle of the corner line (corners
    (2, 2) px, a to b), the brighter half of the lid skin (SKIN_BAND above the upper lid `lid` (M, 2) px), and
    its change from a to b: the slope of a line through the brighter half of the skin within SKIN_REACH eye
    widths of SKIN_SAMPLES points along the line. So the light that falls across the eye from one side stays
    (sr_4's left lid, lit by the window at its outer end, shadowed by the nose at its inner end: one colour was
    a pale slab), while the crease's shadow above an eye's middle (lp_s0's painted socket) is not brought down
    onto the lid (over the eyeball's bulge a shut lid catches the light). image: (H, W, 3) uint8 RGB."""
    eye_w = float(np.linalg.norm(corners[1] - corners[0]))
    px, xy = _band_pixels(image, lid - (0, SKIN_BAND[0] * eye_w), lid - (0, SKIN_BAND[1] * eye_w))
    axis = corners[1] - corners[0]
    u = (xy - corners[0]) @ axis / max(float(axis @ axis), 1e-6)
    every = _brighter_half(px)
    at = np.linspace(0, 1, SKIN_SAMPLES)
    near = [np.abs(u - k) <= SKIN_REACH for k in at]
    local = np.array([_brighter_half(px[n]) if n.any() else every for n in near])
    at = at - 0.5
    return np.array([every, at @ (local - local.mean(0)) / (at @ at)], np.float32)


def ring_pixels(image: np.ndarray, eye: np.ndarray, width: float) -> np.ndarray:
    """(N, 3) uint8 RGB of the pixels of `image` (H, W, 3) between RING eye widths (`width` px) out from the eye's
    lid contour `eye` (M, 2) px."""
    x0, y0, x1, y1 = box_around(eye, RING[1] * width + 2, (image.shape[1], image.shape[0]))
    outside = 1 - (polygon_mask([eye], (y1 - y0, x1 - x0), (x0, y0)) > 0.5).astype(np.uint8)
    dist = cv2.distanceTransform(outside, cv2.DIST_L2, 5) / width
    return image[y0:y1, x0:x1][(dist >= RING[0]) & (dist <= RING[1])]


def _no_lighter(light: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """`_skin_light`'s (2, 3) colour and slope scaled down where the colour is paler than PALE_RANK of the skin
    round the eye (`ring`: (N,) luminances, grey levels, `ring_pixels`): to the ring's median by PALE_STEP above
    that rank (a smoothstep). An old photo's pale lid highlight in a dark socket (lp_s12), eased over a shut eye,
    read as a white eyeball; a lid lit as the skin round it (sr_4's window-lit eye) keeps its light."""
    luma = float(light[0] @ LUMA)
    median, rank = np.percentile(ring, [50, PALE_RANK])
    pale = float(smoothstep(rank, rank * (1 + PALE_STEP), luma))
    target = luma - pale * max(luma - median, 0.0)
    return light * np.float32(target / max(luma, 1e-6))


def _fold(shade: np.ndarray, origin: np.ndarray, frame: np.ndarray, margin: np.ndarray, skin: float
          ) -> tuple[float, float]:
    """How much paler the source's lid is half-way up its carried skin than at its top, and its top's luminance
    (grey levels, medians over FOLD_AT along the corner line). shade: (h, w, 3) float32 RGB, the lid's blurred
    shade (`EyeRenderer.lid_shade`) whose top-left is `origin` (2,) image px; frame: (6,) the corner line (start,
    direction, normal towards the lower lid; `EyeRenderer._lid_frame`); margin: the upper lid's `_lid_fit`; skin:
    the carried skin's height above the margin, eye widths (`EyeRenderer.lid_skin`)."""
    luma = np.ascontiguousarray(shade @ LUMA)
    top, half = (_line_luma(luma, origin, frame, _lid_offset(margin, FOLD_AT) - k * skin) for k in (1.0, 0.5))
    return float(np.median(half - top)), float(np.median(top))


def _line_luma(luma: np.ndarray, origin: np.ndarray, frame: np.ndarray, d: np.ndarray) -> np.ndarray:
    """(len(FOLD_AT),) luminances of `luma` (h, w) float32, top-left at `origin` (2,) image px, at FOLD_AT along
    the corner line `frame` ((6,), `_fold`) and `d` (same shape) eye widths across it (bilinear)."""
    xy = frame[:2] + FOLD_AT[:, None] * frame[2:4] + d[:, None] * frame[4:6] - origin
    return cv2.remap(luma, xy[:, None].astype(np.float32), None, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE)[:, 0]


def _no_fold_light(light: np.ndarray, fold: float, top: float, ring: np.ndarray) -> np.ndarray:
    """`_skin_light`'s (2, 3) colour and slope scaled down to the lid's top (`top`, grey levels) where the light
    comes from a pale fold above the lashes (`fold`, grey levels, `_fold`: FOLD_STEP) and is as pale as the skin
    round the eye mostly is (FOLD_RING of `ring`'s median: (N,) luminances, `ring_pixels`). lp_s12's image-right lid (a
    pale strip under a dark crease, as pale as his under-eye) eased over a lowered eye read as its white; sr_4's
    window-lit lid (no fold) and sr_18's (a fold in a shaded socket) keep their light."""
    luma = float(light[0] @ LUMA)
    share = luma / max(float(np.median(ring)), 1e-6)
    strip = float(smoothstep(*FOLD_STEP, fold)) * float(smoothstep(*FOLD_RING, share))
    target = luma - strip * max(luma - top, 0.0)
    return light * np.float32(target / max(luma, 1e-6))


def _lash_colour(image: np.ndarray, lid: np.ndarray, width: float, iris: np.ndarray, radius: float) -> np.ndarray:
    """(3,) float32 RGB: the source's lash colour, the mean of the darkest LASH_SHARE (by luminance) of the band
    SKIN_BAND[0] eye widths (`width` px) above its upper lid `lid` (M, 2) px; where that colour's hue is cooler than the
    hue of the band's darkest LASH_SHARE outside the iris disc (centre `iris` (2,) px, `radius` px) by IRIS_HUE, it
    takes that hue (its luminance kept): the iris's colour is the eye's, not its lashes'. A small eye's iris shows
    above the tracked lid: lp_s5's blue-black painted iris made its lash colour violet (35-39 degrees cooler; the other
    portraits' within 9, but for near-black or grey lashes whose hue says little), and the shut lid's lash line, crease
    and edge shadow drawn in it a blue-grey bruise on the warm lid. image: (H, W, 3) uint8 RGB."""
    px, xy = _band_pixels(image, lid, lid - (0, SKIN_BAND[0] * width))
    dark = _darkest(px)
    outside = np.hypot(*(xy - iris).T) > radius
    if not outside.any():
        return dark
    hue = _darkest(px[outside])
    cooler = float(smoothstep(*IRIS_HUE, (_hue(hue) - _hue(dark) + 180) % 360 - 180))
    if cooler <= 0:
        return dark
    recoloured = hue * (float(dark @ LUMA) / max(float(hue @ LUMA), 1e-6))
    return (dark + cooler * (recoloured - dark)).astype(np.float32)


def _hue(colour: np.ndarray) -> float:
    """CIELAB hue angle (degrees, atan2(b*, a*)) of an RGB colour (3,) 0-255."""
    lab = cv2.cvtColor(np.clip(colour, 0, 255).astype(np.uint8)[None, None], cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    return float(np.degrees(np.arctan2(lab[2] - 128, lab[1] - 128)))


def _darkest(px: np.ndarray) -> np.ndarray:
    """(3,) float32 mean RGB of the darkest LASH_SHARE (by luminance) of pixels px (N, 3), N >= 1."""
    luma = px @ LUMA
    return px[luma <= np.percentile(luma, 100 * LASH_SHARE)].mean(0).astype(np.float32)


class EyeRenderer:
    """One eye of one source portrait.

    Args:
        source: (H, W, 3) uint8 RGB source photo.
        landmarks: (478, 3) source landmarks, image px.
        upper, lower: lid polylines (landmark ids, corner to corner); iris: 5 ids, centre first.
        sharp: the eye sampled `SHARP` and its catchlight laid unresampled (`sharp_eyes`, `catchlight`); off =
            bilinear, the catchlight resampled with its iris.
    """

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, upper: tuple[int, ...],
                 lower: tuple[int, ...], iris: tuple[int, ...], sharp: bool = True) -> None:
        self.iris = iris
        self.donor: EyeRenderer | None = None
        """A video source's frame with this eye open, whose eyeball `render` carries into a wider target opening
        (`carried_eyeball.OpenEyes`); None: a still photo's, or none yet."""
        self.sampling = SHARP if sharp else cv2.INTER_LINEAR
        """The interpolation of the eye's plate and iris."""
        self.contour = contour(upper, lower)
        self.corners = (upper[0], upper[-1])
        h, w = source.shape[:2]
        pts = landmarks[:, :2].astype(np.float32)
        self.src_contour = pts[self.contour]
        self.src_corners = pts[list(self.corners)]
        self.lids = list(upper[1:-1]), list(lower[1:-1])
        self.down = lower_side(pts, upper, lower)
        self.src_lower = lid_offsets(pts, self.corners, self.lids[1], self.down)
        self.src_fits = [_lid_fit(pts, self.corners, lid, self.down) for lid in self.lids]
        self.src_gap = _gap(*self.src_fits)
        self.lidded = float(smoothstep(*SHUT_GAP, self.src_gap))
        centre = pts[list(self.corners)].mean(0)
        brow = list(min((ids.RIGHT_BROW_LOWER, ids.LEFT_BROW_LOWER),
                        key=lambda b: float(np.linalg.norm(pts[list(b)].mean(0) - centre))))
        a, b = pts[self.corners[0]], pts[self.corners[1]]
        u = np.clip((pts[brow] - a) @ (b - a) / max(float((b - a) @ (b - a)), 1e-6), 0, 1)
        room = _lid_offset(self.src_fits[0], u) - lid_offsets(pts, self.corners, brow, self.down)
        self.lid_skin = float(np.clip(BROW_SHARE * room.min(), 2 * LASH_BAND, LID_SKIN))
        # the carried lid's top (eye widths across the corner line): lid_skin above the margin's highest point
        self.crest = float(_lid_offset(self.src_fits[0], np.linspace(0, 1, 33)).min()) - self.lid_skin
        eye_w = float(np.linalg.norm(self.src_corners[1] - self.src_corners[0]))
        self.iris_centre = pts[iris[0]]
        self.iris_radius = IRIS_PAD * float(np.linalg.norm(pts[list(iris[1:])] - pts[iris[0]], axis=1).mean())

        # Plate: the source around the eye with the iris inpainted away (so it can move / be covered).
        x0, y0, x1, y1 = box_around(np.vstack([self.src_contour, self.iris_centre[None]]), 0.5 * eye_w, (w, h))
        self.plate_origin = np.array([x0, y0], dtype=np.float32)
        patch = np.ascontiguousarray(source[y0:y1, x0:x1])
        coverage = polygon_mask([self.src_contour], patch.shape[:2], (x0, y0))
        opening = coverage > 0
        reach = int(np.ceil(max(SHOWN_REACH[0] * eye_w, SHOWN_REACH[1])))
        self.socket = cv2.dilate(opening.astype(np.uint8), disc_kernel(reach)).astype(np.float32)
        """(h, w) float32, the plate's box: 1 on the source's eye opening grown by `SHOWN_REACH`, else 0."""
        py, px = np.mgrid[y0:y1, x0:x1]
        disc = np.hypot(px - self.iris_centre[0], py - self.iris_centre[1]) <= self.iris_radius
        hole = (cv2.dilate(opening.astype(np.uint8), np.ones((3, 3), np.uint8)) & disc).astype(np.uint8)
        # ... then the hole inside the opening filled from the opening's own pixels alone (`white_fill`: inpainted from
        # the lids too, the disc's rim stayed in the white as a dark arc where the iris moved off it)
        self.plate = (fill_white(cv2.inpaint(patch, hole, 3, cv2.INPAINT_TELEA), coverage > 0.5, hole > 0)
                      if hole.any() else patch)
        self.lidded *= 1.0 - float(smoothstep(*IRIS_CONTRAST, _iris_contrast(patch, opening > 0.5, disc)))
        # Lid source: the source there with its eye opening (grown by a pixel, not more: the lashes lie right
        # above it) inpainted away, so a closing lid carried down from it shows no eyeball.
        eyeball = cv2.dilate(opening.astype(np.uint8), np.ones((3, 3), np.uint8))
        self.lid_source = cv2.inpaint(patch, eyeball, 3, cv2.INPAINT_TELEA)
        self.lid_shade = cv2.GaussianBlur(self.lid_source.astype(np.float32), (0, 0), max(LID_GRAIN * eye_w, GRAIN_PX))
        self.lid_grain = self.lid_source - self.lid_shade  # folds, pores: the texture kept over the whole lid
        self._lid_colour = self.lid_source.astype(np.float32)
        # (6,) float32: the source's corner line (start, direction, its normal towards the lower lid), image px,
        # along and across which the closing lid is carried (`_cover`).
        axis = self.src_corners[1] - self.src_corners[0]
        self._lid_frame = np.concatenate([self.src_corners[0], axis,
                                          self.down * np.array([-axis[1], axis[0]], np.float32)]).astype(np.float32)
        # The plate's box: 1 on the source's lid as a closing lid carries it (corner to corner, from its shut top,
        # `crest`, less LID_FEATHER, down to the lower lid) grown as `socket` is; where the head map reads past it a
        # nearer part of the face covers the lid (`render`).
        top = self.src_corners[0] + (self.crest - LID_FEATHER) * self._lid_frame[4:6]
        carried = np.vstack([top, top + axis, pts[list(lower)][::-1]])
        self.lid_socket = cv2.dilate((polygon_mask([carried], patch.shape[:2], (x0, y0)) > 0).astype(np.uint8),
                                     disc_kernel(reach)).astype(np.float32)

        # Iris texture: RGBA square around the iris; lid-hidden parts take the iris' mean colour.
        r = int(np.ceil(self.iris_radius)) + 3
        c = np.round(self.iris_centre).astype(int)
        tex = cv2.getRectSubPix(source, (2 * r + 1, 2 * r + 1), tuple(map(float, c))).astype(np.float32)
        seen = polygon_mask([self.src_contour], tex.shape[:2], (c[0] - r, c[1] - r)) > 0
        yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
        dist = np.hypot(xx + c[0] - self.iris_centre[0], yy + c[1] - self.iris_centre[1])
        inside = dist <= self.iris_radius
        if (seen & inside).any():
            tex[inside & ~seen] = tex[seen & inside].mean(0)
        # Opaque over the whole inpainted disc, fading just outside it where plate and source agree, so
        # an unmoved iris reproduces the source exactly.
        alpha = np.clip(self.iris_radius + 1 - dist, 0, 1).astype(np.float32)
        # Its catchlight apart (laid back unresampled, `catchlight.lay_spot`), the rest resampled; looked for within
        # mediapipe's iris radius (not the white at the padded disc's rim).
        self.catchlight = spot(tex, seen & (dist <= self.iris_radius / IRIS_PAD), self.iris_radius) if sharp else None
        self._spot_centre = None if self.catchlight is None else spot_centre(self.catchlight)
        self.iris_rgba = np.dstack([tex if self.catchlight is None else tex - self.catchlight, alpha])
        self.iris_offset = self.iris_centre - (c - r)  # iris centre inside the texture

        # Lash colour: the darkest tenth of the band right above the upper lid's margin; lid skin: the brighter
        # half of the band above that (the rest is lashes, crease shadow), its light along the lid (`_skin_light`).
        lid = pts[list(upper)]
        self.lash = _lash_colour(source, lid, eye_w, self.iris_centre, self.iris_radius)
        self.eye_width = eye_w
        ring = ring_pixels(source, self.src_contour, eye_w) @ LUMA
        fold, top = _fold(self.lid_shade, self.plate_origin, self._lid_frame, self.src_fits[0], self.lid_skin)
        self.skin = _no_fold_light(_no_lighter(_skin_light(source, lid, self.src_corners), ring), fold, top, ring)

    def settle(self, target: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """Target landmarks (478, 3) px with this eye's lids kept from sagging onto the cheek: no lid point
        farther below the corner line than the source's lower lid plus LID_DROP eye widths, and no upper-lid
        point below its lower-lid partner (a closed eye's lids meet, they do not cross). A retargeted blink on
        a narrow source eye can otherwise bend both lids into a V that drags the lashes down the cheek.
        scale: the target head's size over the source's (`HeadPose.scale` ratio); distances are measured in
        source eye widths times it, so a turned head's narrower eye does not read as a sagging lid."""
        a, b = target[self.corners[0], :2], target[self.corners[1], :2]
        width = float(np.linalg.norm(b - a))
        if width < 1e-6:
            return target
        normal = self.down * np.array([a[1] - b[1], b[0] - a[0]], np.float32) / width
        unit = width / (scale * self.eye_width)  # target eye widths -> source eye widths at the target's size
        upper, lower = self.lids
        d_up = lid_offsets(target, self.corners, upper, self.down) * unit
        d_lo = lid_offsets(target, self.corners, lower, self.down) * unit
        new_lo = np.minimum(d_lo, self.src_lower + LID_DROP)
        new_up = np.minimum(d_up, new_lo)
        step = scale * self.eye_width  # px per source eye width at the target's size
        out = target.copy()
        out[upper, :2] += ((new_up - d_up) * step)[:, None] * normal
        out[lower, :2] += ((new_lo - d_lo) * step)[:, None] * normal
        return out

    def render(self, crop: np.ndarray, origin: np.ndarray, displacement: np.ndarray, grid: np.ndarray,
               target: np.ndarray) -> None:
        """Draw this eye into `crop` in place.

        crop: (h, w, 3) uint8 warped face crop whose top-left is `origin` (2,) in image px; displacement:
        (h, w, 2) float32 backward displacement of that crop (source position minus pixel position, px);
        grid: (h, w, 2) float32 each crop pixel's own position (x, y), crop px (`HeadLayer.grid`, made once);
        target: (478, 3) target landmarks, image px.
        """
        tgt = target[:, :2].astype(np.float32) - origin
        poly = tgt[self.contour]
        size = (crop.shape[1], crop.shape[0])
        x0, y0, x1, y1 = box_around(poly, max(3.0, (LID_SKIN + 0.1) * self.eye_width), size)  # the carried lid's top
        if x1 <= x0 or y1 <= y0:
            return
        box = crop[y0:y1, x0:x1]
        shape = box.shape[:2]
        opening = polygon_mask([poly], shape, (x0, y0))
        # The eyeball is drawn only on the opening's own rows and columns (`_opening_window`; the box's margin
        # is for the carried lid): elsewhere its blend would leave the box as it is. Each pixel of the plate's
        # remap and the iris's warp is computed alone, so a smaller window leaves the drawn pixels' bits.
        window = _opening_window(opening)
        fits = [_lid_fit(target, self.corners, lid, self.down) for lid in self.lids]
        closure = 1.0 - _gap(*fits) / max(self.src_gap, 1e-6)
        if window is not None:
            r0, r1, c0, c1 = window
            rows, cols = slice(y0 + r0, y0 + r1), slice(x0 + c0, x0 + c1)
            m = displacement[rows, cols] + grid[rows, cols] + (origin - self.plate_origin)
            eye = self._eyeball(m, tgt, (x0, y0), window, fits, closure)
            donor = self.donor
            carried = 0.0 if donor is None else carried_share(self.src_gap, _gap(*fits), donor.src_gap)
            if carried > 0:  # a video's shut or squinted eye: the eyeball of its frame with that eye open
                to_donor = placing(tgt[self.contour] + origin, donor.src_contour)
                at = grid[rows, cols] + origin  # image px of the window's pixels
                dm = (at @ to_donor[:, :2].T + to_donor[:, 2] - donor.plate_origin).astype(np.float32)
                theirs = donor._eyeball(dm, tgt, (x0, y0), window, fits, 1.0 - _gap(*fits) / max(donor.src_gap, 1e-6))
                blend(eye, theirs, np.full(eye.shape[:2], carried, np.float32))
            # Only where the head map reads the eye: past it a nearer part of the face covers the opening (sr_8
            # `edit --yaw 20`: the nose's bridge over the far eye's inner third, the eye drawn over it sliced).
            shown = cv2.remap(self.socket, m, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
            blend(box[r0:r1, c0:c1], eye, np.minimum(opening[r0:r1, c0:c1], shown))

        if closure > OPEN:
            under = box.copy()
            self._cover(box, (x0, y0), tgt, fits, min(closure, 1.0))
            # ... kept only where the head map reads the photo's lid (sr_8 `edit --yaw 20` blinking: the far lid
            # was drawn over the nose's bridge past the eye's inner corner, a wedge with its lash line on the nose)
            m = displacement[y0:y1, x0:x1] + grid[y0:y1, x0:x1] + (origin - self.plate_origin)
            shown = cv2.remap(self.lid_socket, m, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
            if shown.min() < 1.0:
                drawn, box[:] = box.copy(), under
                blend(box, drawn, shown)

    def _eyeball(self, m: np.ndarray, tgt: np.ndarray, box_origin: tuple[int, int], window: tuple[int, int, int, int],
                 fits: list[np.ndarray], closure: float) -> np.ndarray:
        """(h, w, 3) uint8: the eyeball drawn on the opening's window (`_opening_window`'s r0:r1, c0:c1 of the box whose
        top-left is `box_origin` crop px): the plate read at `m` ((h, w, 2) float32, plate px), the iris pasted at the
        target's (`tgt`: (478, >=2) crop px) centre and scale, its catchlight shaded by the closing lid (`_lit`;
        fits, closure: the target's lids and closure against this eye's source)."""
        r0, r1, c0, c1 = window
        eye = cv2.remap(self.plate, m, None, self.sampling, borderMode=cv2.BORDER_REPLICATE)  # `sharp_eyes`
        # The iris moves with its target centre and scales with the target iris size (warped from the box's
        # top-left, as the matrix says, up to the window's far corner).
        centre = tgt[self.iris[0]]
        k = IRIS_PAD * float(np.linalg.norm(tgt[list(self.iris[1:])] - centre, axis=1).mean()) / self.iris_radius
        shift = centre - box_origin - k * self.iris_offset
        iris = cv2.warpAffine(self.iris_rgba, np.array([[k, 0, shift[0]], [0, k, shift[1]]], np.float32),
                              (c1, r1), flags=self.sampling, borderMode=cv2.BORDER_CONSTANT)[r0:, c0:]
        if self.catchlight is not None:
            lay_spot(iris[..., :3], self.catchlight, self._spot_centre, k, shift, (c0, r0),
                     self._lit(tgt, fits, closure, centre, k))
        blend(eye, iris[..., :3], np.clip(iris[..., 3], 0, 1))  # Lanczos rings past 0 and 1 at the disc's rim
        return eye

    def _lit(self, tgt: np.ndarray, fits: list[np.ndarray], closure: float, centre: np.ndarray, k: float
             ) -> np.ndarray | None:
        """How much of the catchlight a closing lid leaves ((t, t) weights, in its texture's px; `lay_spot`'s `lit`):
        each pixel whole below the lid's shadow, fading (smoothstep) over the `EDGE_SHADOW` to none where the lash
        line's blur reaches under the lid's edge (`_carried_margin`; LASH_REACH sigmas of `_lash_blur`) and none
        above, as much as the lid's shade is drawn (from closure `LASH_RISE` on): the lid shades the eyeball there
        from the light the catchlight reflects (sr_8 x lp_d3's squint: a cyan dot 1-2 px under the lowered margin,
        in the slit's lash-darkened top rows; faded from the edge itself, a grey speck left in them); None (whole)
        on an eye drawn open (`OPEN`). tgt: (478, >=2) crop px; fits, closure: the target's lids and closure
        (`render`); centre (2,) crop px and k: the iris's target centre and scale (the texture pixel p lands at
        centre + k (p - iris_offset))."""
        if closure <= OPEN:
            return None
        u, d, span = self._texture_across(tgt, centre, k)
        shade = min(1.0, closure / LASH_RISE) * self.lidded  # as the lid's drawn shade fades in (`_edge_shadow`)
        under = LASH_REACH * self._lash_blur() / float(np.sqrt(span))  # the lash line's blur under the edge
        # per pixel (`draw_kernels.lid_lit`): d less the carried margin (`_carried_margin`, no overlap) through
        # a smoothstep from `under` to EDGE_SHADOW past it, times the shade
        f32 = np.float32
        lit = np.empty(u.shape, f32)
        lid_lit(u, d, *(np.asarray(fit, f32) for fit in (*self.src_fits, *fits)), f32(_shut(min(closure, 1.0))),
                f32(LID_DROP), f32(under), f32(max((under + EDGE_SHADOW) - under, 1e-6)), f32(shade), lit)
        return lit

    def _texture_across(self, tgt: np.ndarray, centre: np.ndarray, k: float) -> tuple[np.ndarray, np.ndarray, float]:
        """(u, d, span): u (t, t) float32 (clipped to 0-1) along and d across the target's corner line (eye widths) of
        each pixel of the catchlight's texture, which lands at centre + k (p - iris_offset) (`_lit`'s arguments), and
        the line's squared length span (px^2). Its two `@` products are numpy's (OpenBLAS's sgemv rounds them)."""
        a, b = tgt[self.corners[0], :2], tgt[self.corners[1], :2]
        axis = b - a
        span = max(float(axis @ axis), 1e-6)
        ty, tx = np.indices(self.catchlight.shape[:2], dtype=np.float32)
        at = np.stack([tx, ty], -1) * k + (centre - k * self.iris_offset).astype(np.float32) - a
        u = np.clip(at @ axis / span, 0, 1)
        return u, at @ (self.down * np.array([-axis[1], axis[0]], np.float32)) / span, span

    def _cover(self, box: np.ndarray, box_origin: tuple[int, int], tgt: np.ndarray, fits: list[np.ndarray],
               closure: float) -> None:
        """Draw the closed part of the lid: the source's own upper lid (`lid_skin` eye widths above its margin:
        LID_SKIN, less below a low brow; shut, from `crest`, as high above the margin's highest point) carried
        down so that its margin lands on the target's, the skin stretched and the LASH_BAND at the margin kept
        as it is (texture, eyeshadow gradient, lashes), opaque over the eyeball, its shadow on the eyeball under
        its edge (`_edge_shadow`), and a soft lash line along the margin. Near closed (`SLIT_CLOSURE`) the margin
        goes on down to the lower lid: no sliver of eyeball is left. Both fade out on a source eye the tracker
        reads as shut (`lidded`, `SHUT_GAP`) or with no iris darker than its white (`IRIS_CONTRAST`): lp_s6's
        statue, its lids under the carved lid line, got a straight lash line under that line, a box with the
        line's ends.
        box: (h, w, 3) uint8 drawn in place, its top-left `box_origin` (2,) px in the crop whose landmarks are
        `tgt` (478, >=2) px; fits: the target's upper and lower lid (`_lid_fit`); closure: 0 (as open as the
        source) to 1 (shut: the lid curves meet)."""
        a, b = tgt[self.corners[0], :2], tgt[self.corners[1], :2]
        axis = b - a
        span = max(float(axis @ axis), 1e-6)
        normal = self.down * np.array([-axis[1], axis[0]], np.float32)
        # Per pixel (`draw_kernels.lid_cover`, one pass: where the lid is sampled, its three images sampled
        # there, mixed and blended): u along the corner line (0-1) and d across it (eye widths); the source's
        # margin above, the lid's top (lid_skin above that, going to the flat `crest` as the eye shuts), and the
        # carried margin (`_carried_margin`) at bottom. The source offset of each target pixel: the skin [top, bottom -
        # LASH_BAND] from [top, margin - LASH_BAND], stretched most at the top (SKIN_BIAS) so that the shadow
        # above the lashes is not spread over the lid; the lash band [bottom - LASH_BAND, bottom] moved down
        # unstretched. As the eye shuts (`_shut`) the skin's shade goes from the source's own at the lid's top to
        # the lid skin's colour at the source's margin and below it (smoothstep): over the eyeball's bulge a shut
        # lid catches the light; half closed only HALF_LIFT of the way (`_lift`), keeping half the source's own,
        # its lid shadow above the lashes (eased all the way, lp_s12's lowered lid was a pale flat band)
        # (the shadow right above an open eye's lashes, or a small eye's crease and brow edge, stretched over a
        # shut one read as a dark patch); its grain is carried all the way.
        # Faded in at its top and where it hardly moves (towards the corners: the warp's lid there). Shut, its top
        # is flat (`crest`), not lid_skin above a margin that falls to the corners: there a thick upper-lid line
        # above the tracker's lid (lp_s1's liner) was left where it was beside the shut lid, a dark hook; not
        # while open (`_shut`), when above the corners it covered what does not move with them (grace_hopper's
        # glasses rim in preset:turn, a pale patch).
        f32 = np.float32
        lid_cover(int(box_origin[0]), int(box_origin[1]), *(np.asarray(v, f32) for v in (a, axis, normal)),
                  f32(span), *(np.asarray(fit, f32) for fit in (*self.src_fits, *fits)),
                  f32(self.lid_skin), f32(_shut(closure)), f32(SLIT_OVERLAP * 4), f32(LASH_BAND),
                  f32(LID_DROP), f32(SKIN_BIAS - 1), f32(self.crest), f32(LID_FEATHER),
                  f32(np.sqrt(span)), f32(min(1.0, closure / FULL_COVER) * self.lidded), f32(_lift(closure)),
                  self._lid_frame,
                  self.plate_origin, self.lid_shade, self.lid_grain, self._lid_colour, self.skin, BILINEAR_WEIGHTS, box)
        self._edge_shadow(box, box_origin, a, axis, normal, fits, closure)
        self._lash_line(box, box_origin, a, axis, normal, fits, closure)
        self._crease(box, box_origin, a, axis, normal, fits, closure)

    def _lash_line(self, box: np.ndarray, box_origin: tuple[int, int], a: np.ndarray, axis: np.ndarray,
                   normal: np.ndarray, fits: list[np.ndarray], closure: float) -> None:
        """Draw the closing lid's lash line into `box` as `_cover` says; a, axis, normal (2,) px: the target's
        corner line (start, direction, its normal towards the lower lid, unnormalised) in the crop.
        The lashes gather along the carried margin (a small eye's own lash line is a pixel or two, mostly
        lost in the carrying): a smooth curve, thin and soft."""
        t = _LASH_AT
        lift = 0.5 / LASH_WIDTH  # the line's lower edge on the meeting line: lashes are the upper lid's
        curve = a + t[:, None] * axis + (self._carried_margin(fits, closure, t, overlap=False) - lift)[:, None] * normal
        lash = np.zeros(box.shape[:2], np.uint8)
        cv2.polylines(lash, [np.round((curve - box_origin) * 8).astype(np.int32)], False, 255,
                      max(1, round(self.eye_width / LASH_WIDTH)), cv2.LINE_AA, 3)
        lash = cv2.GaussianBlur(lash.astype(np.float32) / 255.0, (0, 0), self._lash_blur())
        blend(box, self.lash, lash * (min(1.0, closure / LASH_RISE) * LASH_ALPHA * self.lidded))

    def _crease(self, box: np.ndarray, box_origin: tuple[int, int], a: np.ndarray, axis: np.ndarray,
                normal: np.ndarray, fits: list[np.ndarray], closure: float) -> None:
        """Draw a shut lid's fold into `box` (arguments as `_lash_line`'s): a 1 px line, blurred by
        1/(4 LASH_WIDTH) eye widths (a fold is thinner than the lashes), CREASE_HEIGHT above the carried margin at
        the middle of the corner line, falling to it at the corners (sin), darkened by CREASE_ALPHA, fading to nothing at its ends and in as the margin reaches the lower lid (`_shut`): the lid
        skin's colour's step to the lash colour added, so the lid's grain stays (a blend towards the lash colour
        flattened grace_hopper's streaked lid). A real shut lid shows its crease; the carried lid's shade eased to
        the lid skin's light has none."""
        strength = _shut(closure) * CREASE_ALPHA * self.lidded
        if strength <= 0:
            return
        t = _LASH_AT
        rise = min(CREASE_HEIGHT, CREASE_SHARE * self.lid_skin) * np.sin(np.pi * t)
        curve = a + t[:, None] * axis + (self._carried_margin(fits, closure, t, overlap=False) - rise)[:, None] * normal
        line = np.zeros(box.shape[:2], np.uint8)
        cv2.polylines(line, [np.round((curve - box_origin) * 8).astype(np.int32)], False, 255, 1, cv2.LINE_AA, 3)
        line = cv2.GaussianBlur(line.astype(np.float32) / 255.0, (0, 0), max(0.6, self.eye_width / (4 * LASH_WIDTH)))
        h, w = line.shape
        gy, gx = np.mgrid[box_origin[1]:box_origin[1] + h, box_origin[0]:box_origin[0] + w].astype(np.float32)
        u = np.clip(((gx - a[0]) * axis[0] + (gy - a[1]) * axis[1]) / max(float(axis @ axis), 1e-6), 0, 1)
        shift = (line * np.sin(np.pi * u) * strength)[..., None] * np.minimum(self.lash - self.skin[0], 0)
        box[:] = np.clip(np.round(box + shift), 0, 255).astype(np.uint8)

    def _edge_shadow(self, box: np.ndarray, box_origin: tuple[int, int], a: np.ndarray, axis: np.ndarray,
                     normal: np.ndarray, fits: list[np.ndarray], closure: float) -> None:
        """Darken the eyeball right under the lowered lid's edge in `box` (arguments as `_lash_line`'s): the lid and
        its lashes cast a soft shadow on the eye below them (EDGE_SHADOW eye widths deep, EDGE_DARK at the edge,
        fading in with the lash line), towards the source's lash colour, not black: a lid's shade on the eye is no
        darker than its own lashes (lp_d19's grey lashes behind a lens got a second, black line under them, the lid
        read twice lowered; `figures/doubled_lid`). The source's own shadow under its open lid stays behind the
        lowered lid."""
        # one pass (`draw_kernels.edge_shadow`): per pixel u along the corner line (0-1) and d across it (eye
        # widths), the carried margin there (`_carried_margin`, no overlap), the shadow's depth below it squared
        # times the pixel's share between it and the target's lower lid, blended towards the lash colour
        span = max(float(axis @ axis), 1e-6)
        f32 = np.float32
        edge_shadow(int(box_origin[0]), int(box_origin[1]), *(np.asarray(v, f32) for v in (a, axis, normal)),
                    f32(span), *(np.asarray(fit, f32) for fit in (*self.src_fits, *fits)), f32(_shut(closure)),
                    f32(LID_DROP), f32(np.sqrt(span)), f32(EDGE_SHADOW),
                    f32(EDGE_DARK * min(1.0, closure / LASH_RISE) * self.lidded), np.asarray(self.lash, f32), box)

    def _lash_blur(self) -> float:
        """The drawn lash line's blur (Gaussian sigma, px): half its width (1/LASH_WIDTH eye widths), at least 0.6."""
        return max(0.6, self.eye_width / (2 * LASH_WIDTH))

    def _carried_margin(self, fits: list[np.ndarray], closure: float, u: np.ndarray, overlap: bool = True
                        ) -> np.ndarray:
        """Offset (eye widths) of the closing lid's margin at u (0-1 along the corner line): the target's upper
        lid (fits: its upper and lower `_lid_fit`), going on down to the lower lid (and SLIT_OVERLAP past it
        with `overlap`, not below the source's lower lid plus LID_DROP) as the eye shuts (`SLIT_CLOSURE`), never
        above the source's own margin."""
        upper, lower = (_lid_offset(fit, u) for fit in fits)
        shut = _shut(closure)
        reach = np.maximum(lower - upper, 0) + overlap * SLIT_OVERLAP * 4 * u * (1 - u)
        floor = _lid_offset(self.src_fits[1], u) + LID_DROP  # the overlap stays off the cheek (`settle`)
        return np.maximum(np.maximum(np.minimum(upper + shut * reach, floor), upper), _lid_offset(self.src_fits[0], u))


def _iris_contrast(patch: np.ndarray, opening: np.ndarray, disc: np.ndarray) -> float:
    """How dark an eye's iris is against its white: the median luminance of patch's (h, w, 3) uint8 RGB pixels in
    the opening (h, w) bool and the iris disc (h, w) bool (each a pixel in from its edge: not the lid lines, not the
    iris rim) over the upper quartile of the opening's others; 0 where either has no pixel. A real eye's iris is
    dark against its white (0.19-0.54 on the data set's portraits); lp_s6's statue eyes, whose tracked openings lie
    on stone under the carved lid lines, read 0.99-1.03: a lid carried down over the left one left the carved
    line's ends beside the drawn lash line (a box)."""
    inner = cv2.erode(opening.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    luma = grey_image(patch)
    centre = cv2.erode(disc.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    iris, white = luma[inner & centre], luma[inner & ~centre]
    if not iris.size or not white.size:
        return 0.0
    return float(np.median(iris) / max(float(np.percentile(white, 75)), 1.0))


def _opening_window(opening: np.ndarray) -> tuple[int, int, int, int] | None:
    """(r0, r1, c0, c1): the rows r0:r1 and columns c0:c1 of an (h, w) coverage `opening` outside which it is 0,
    or None when it is 0 everywhere."""
    rows, cols = np.flatnonzero(opening.any(1)), np.flatnonzero(opening.any(0))
    if not len(rows):
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def _lift(closure: float) -> float:
    """How far a closing lid's shade eases to the lid skin's light (`_cover`): HALF_LIFT half closed, 1 shut."""
    return HALF_LIFT + (1.0 - HALF_LIFT) * _shut(closure)


def _shut(closure: float) -> float:
    """How far a closing lid's margin goes on down to the lower lid: 0 below `SLIT_CLOSURE`, 1 above it, a
    smoothstep between."""
    return float(smoothstep(*SLIT_CLOSURE, closure))



def _lid_fit(points: np.ndarray, corners: tuple[int, int], lid: list[int], down: float) -> np.ndarray:
    """(2,) c: a lid's offset across the corner line (eye widths) fitted by u (1 - u) (c0 + c1 u), u 0-1 along
    the line: a smooth curve through jittery lid points. points: (478, >=2) px."""
    a, b = points[corners[0], :2], points[corners[1], :2]
    u = (points[lid, :2] - a) @ (b - a) / max(float((b - a) @ (b - a)), 1e-6)
    offsets = lid_offsets(points, corners, lid, down)
    coef = np.empty(2)
    if lid_fit(u, offsets, coef):  # lstsq's solution, rounded to float32 as it rounds it (bench/lid_fit.py)
        return coef.astype(u.dtype)
    u = np.clip(u, 0, 1)
    return np.linalg.lstsq(np.stack([u * (1 - u), u * u * (1 - u)], 1), offsets, rcond=None)[0]


def _gap(upper: np.ndarray, lower: np.ndarray) -> float:
    """The area between two fitted lids (`_lid_fit`), eye widths squared: the mean gap along the corner line
    (pairs of lid points lie apart along the line, so their distance stays when the lids meet)."""
    c = lower - upper
    return float(c[0] / 6 + c[1] / 12)


def _lid_offset(coef: np.ndarray, u: np.ndarray) -> np.ndarray:
    """The fitted lid's offset (eye widths) at positions u (any shape, 0-1 along the corner line)."""
    return u * (1 - u) * (coef[0] + coef[1] * u)
