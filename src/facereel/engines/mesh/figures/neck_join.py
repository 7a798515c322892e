"""How the neck a turned or raised head uncovers joins the photo's neck: the `neck_join` figures (issue #9).

Where the head uncovers the plate under the jaw, the neck layer shows its shadowed neck tone above the
stretched neck. On sr_18 x preset:turn that tone was a flat patch whose outline was a hard step against the
photo's neck (its top under the ear, its lower edge along the neck's cut), with a faint light line along
the cut. Both figures read the neck zone of a frame against the photo (`neck_health.NeckFigures`: below the
frame's face, beside and under the chin, at a scale where the face is `WORK_FACE_PX`); both read 0 for the
source repeated (nothing changed).

- `flat_tone`: the share of the neck zone that changed and shows under `FLAT_RATIO` of the photo's shading
  there (band-pass between `SHADING_BAND` face sizes: the folds and shading a grained flat tone lacks;
  `NeckFigures.revealed_fill` reads the finest texture, which the tone's grain imitates).
- `patch_edge`: that flat patch's outline weighed by the step in brightness across it (grey levels, the
  mean of `EDGE_REACH` face sizes inside less outside, only where that exceeds `STEP_MIN`), summed over
  its length: grey levels x face sizes. A soft join, or a patch that is not flat, reads little.
- `grey_tone`: how much greyer than the photo's face skin that flat patch is (lp_s12's shadowed neck tone,
  the skin's RGB scaled down, was a grey-brown blob): the mean over the patch of its chroma's shortfall
  (distance from grey in YCrCb's Cr, Cb) below the face skin's median chroma, grey levels.
- `foreign_colour`: the share of the neck zone showing a colour that is neither the face skin's nor the
  photo's there (YCrCb chroma over `CHROMA_FAR` grey levels from both): the background's fill under the
  chin (grace_hopper's sky blue under the ear, the flag's colours beside the jaw, sr_4's grey-green). A neck
  moved sideways off the background it hid would count too; the neck layer leans it at most `MAX_SHEAR`.
- `foreign_beside`: the part of `foreign_colour` farther than `BESIDE_CHIN` face sizes across from the
  frame's chin: the background's colours in the hole under the ears, beside the neck (grace_hopper's sky
  blue, sr_4's grey-green), apart from the tone under the chin.
- `skin_haze`: the share of the neck zone beside the chin (as `foreign_beside`) showing a mix of the face skin's
  and the background's chroma (the photo's, in the zone's box, far from the skin's and not dark), `HAZE_SHARE` of
  the way from the background's, where the photo does not: a translucent skin tone over the background, the
  astronaut's tan haze beside her far neck (preset:turn 10-23), where the shadowed neck tone was laid up columns
  smoothed past the neck's edge (`neck._held_columns`).
- `pale_patch`: the share of the neck zone showing a pale, light colour (saturation, YCrCb chroma over brightness,
  under `PALE_SHARE` of the face skin's; brighter than the face skin's median) where the photo there is not: a
  white collar mirrored up into the neck under grace_hopper's turned ear as a pale blob (issue #9).
- `light_line`: the area (px over the face size: the length of a 1 px line, face sizes) of the thin light lines in the changed neck zone that the photo
  does not have there: white top-hat over `LINE_WIDTH` face sizes above `LINE_CONTRAST` grey levels in the
  frame, under half that in the photo.
- `dark_band`: the same for dark bands up to `BAND_WIDTH` face sizes wide (black top-hat): the jaw's cast
  shadow shown twice, mirrored up above the join of the uncovered neck and stretched below it (sr_18's dark
  V under the turned chin, issue #9).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.neck_layer.neck_health import FILL_CHANGE, FLAT_RATIO, NeckFigures
from facereel.face import landmark_ids as ids

EDGE_REACH = 0.03
"""Face sizes: the band each side of the patch's outline whose mean brightness is compared."""
STEP_MIN = 4.0
"""Grey levels: a step across the outline below this is not seen (the grain of the skin)."""
SHADING_BAND = (0.01, 0.04)
"""Face sizes: the Gaussian sigmas whose difference is the neck's shading and folds (`NeckJoin.flat_tone`)."""
SHADING_MIN = 1.0
"""Grey levels of shading (`NeckJoin._shading`) under which the photo itself is flat there."""
LINE_WIDTH = 0.03
"""Face sizes: the white top-hat's kernel; light lines thinner than about this count."""
CHROMA_FAR = 15.0
"""Grey levels of chroma (YCrCb's Cr, Cb) from which a colour is not the face skin's nor the photo's
(`NeckJoin.foreign_colour`)."""
BAND_WIDTH = 0.08
"""Face sizes: the black top-hat's kernel (`NeckJoin.dark_band`): the photo's jaw shadow twice (~0.03 each)."""
BESIDE_CHIN = 0.2
"""Face sizes across from the frame's chin beyond which `foreign_beside` counts: beside the neck, under the
ears."""
PALE_SHARE = 0.5
"""Share of the face skin's median saturation (YCrCb chroma over brightness) under which a light pixel is pale
(`NeckJoin.pale_patch`)."""
HAZE_SHARE = (0.15, 0.8)
"""The least and most share of the way from the background's chroma to the face skin's at which a pixel is a mix of
both (`NeckJoin.skin_haze`): past the second it is skin, under the first the background."""
LINE_CONTRAST = 12.0
"""Grey levels of white top-hat from which a pixel is on a light line."""


def _crcb(image: np.ndarray) -> np.ndarray:
    """(h, w, 2) float32 grey levels: YCrCb's (Cr, Cb) of `image` ((h, w, 3) uint8 RGB) less grey's (128)."""
    return cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2YCrCb).astype(np.float32)[..., 1:] - 128


def _chroma(image: np.ndarray) -> np.ndarray:
    """(h, w) float32 grey levels: the distance from grey of each pixel's (Cr, Cb) of `image` ((h, w, 3) uint8
    RGB)."""
    return np.linalg.norm(_crcb(image), axis=-1)


def _saturation(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(h, w) float32 each: the saturation (YCrCb chroma over brightness) and the brightness (Y, grey levels) of
    `image` ((h, w, 3) uint8 RGB)."""
    ycrcb = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2YCrCb).astype(np.float32)
    return np.linalg.norm(ycrcb[..., 1:] - 128, axis=-1) / np.maximum(ycrcb[..., 0], 1.0), ycrcb[..., 0]


def _mean_over(grey: np.ndarray, where: np.ndarray, size: int) -> np.ndarray:
    """(h, w) float32: the mean of `grey` over the pixels of `where` ((h, w) bool) in a `size` px box."""
    weight = cv2.blur(where.astype(np.float32), (size, size))
    return cv2.blur(grey * where, (size, size)) / np.maximum(weight, 1e-6)


class NeckJoin(NeckFigures):
    """The neck-join figures of frames rendered from one source (module docstring); source: (H, W, 3)
    uint8 RGB, landmarks: its (478, 3) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        super().__init__(source, landmarks)
        face = np.zeros(source.shape[:2], np.uint8)
        cv2.fillPoly(face, [np.round(landmarks[list(ids.FACE_OVAL), :2]).astype(np.int32)], 1)
        self.skin_chroma = float(np.median(_chroma(source)[face > 0]))  # grey levels
        self.skin_crcb = np.median(_crcb(source)[face > 0], 0)  # (2,) grey levels: the face skin's (Cr, Cb)
        self.photo_crcb = self._crcb_box(source)  # (h, w, 2): the photo's (Cr, Cb) on the zone's box
        saturation, brightness = _saturation(source)
        # The face skin's median saturation and brightness (grey levels): what `pale_mask` compares with.
        self.skin_saturation, self.skin_brightness = (float(np.median(v[face > 0])) for v in (saturation, brightness))
        self.photo_pale = self._pale_box(source)  # (h, w) bool on the zone's box
        # The background's (Cr, Cb): the median of the zone's box where the photo is far from the skin's chroma and
        # not dark (a dark suit's chroma is noise); None where there is too little of it. What `_haze_box` mixes.
        far = (np.linalg.norm(self.photo_crcb - self.skin_crcb, axis=-1) > CHROMA_FAR) & (
            self._on_box(brightness) > 0.5 * self.skin_brightness)
        self.background_crcb = np.median(self.photo_crcb[far], 0) if far.sum() >= 50 else None
        self.photo_haze = self._haze_box(source)  # (h, w) bool on the zone's box

    def _crcb_box(self, image: np.ndarray) -> np.ndarray:
        """(h, w, 2) float32: `_crcb` of `image` ((H, W, 3) uint8 RGB) on the zone's box at `scale`."""
        return _crcb(self._on_box(image))

    def _pale_box(self, image: np.ndarray) -> np.ndarray:
        """(h, w) bool on the zone's box at `scale`: the pixels of `image` ((H, W, 3) uint8 RGB) under `PALE_SHARE`
        of the face skin's saturation and brighter than its median."""
        saturation, brightness = _saturation(self._on_box(image))
        return (saturation < PALE_SHARE * self.skin_saturation) & (brightness > self.skin_brightness)

    def pale_patch(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Share of the neck zone of `frame` ((H, W, 3) uint8 RGB, rendered for the target landmarks `target`
        (478, 3) px) that is pale and light (`_pale_box`) where the photo at the same pixel is not."""
        pale = self._zone(target) & self._pale_box(frame) & ~self.photo_pale
        return float(pale.sum() / max(self._zone(target).sum(), 1))

    def _chroma_box(self, image: np.ndarray) -> np.ndarray:
        """(h, w) float32: `_chroma` of `image` ((H, W, 3) uint8 RGB) on the zone's box at `scale`."""
        return np.linalg.norm(self._crcb_box(image), axis=-1)

    def _shading(self, grey: np.ndarray) -> np.ndarray:
        """(h, w) float32: the mean |band-pass| of `grey` between `SHADING_BAND` face sizes (folds, shading:
        what a grained flat tone lacks), over a window of the larger."""
        fine, coarse = (cv2.GaussianBlur(grey, (0, 0), max(0.5, s * self.face_px)) for s in SHADING_BAND)
        size = max(3, int(2 * SHADING_BAND[1] * self.face_px) | 1)
        return cv2.blur(np.abs(fine - coarse), (size, size))

    def flat_mask(self, frame: np.ndarray, target: np.ndarray) -> np.ndarray:
        """(h, w) bool over the zone's box (`box`, at `scale`): the neck zone's pixels of `frame` ((H, W, 3)
        uint8 RGB, for the target landmarks `target` (478, 3) px) that changed (`FILL_CHANGE`) and show under
        `FLAT_RATIO` of the photo's shading there (`_shading`, where that is over `SHADING_MIN`): a tone
        without the neck's folds and shading, grained or not."""
        grey = self._grey_box(frame)
        photo = self._shading(self.source)
        flat = (np.abs(grey - self.source) > FILL_CHANGE) & (self._shading(grey) < FLAT_RATIO * photo)
        return self._zone(target) & flat & (photo > SHADING_MIN)

    def flat_tone(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Share of the neck zone of `frame` ((H, W, 3) uint8 RGB, for the target landmarks `target`) in
        `flat_mask`."""
        return float(self.flat_mask(frame, target).sum() / max(self._zone(target).sum(), 1))

    def patch_edge(self, frame: np.ndarray, target: np.ndarray) -> float:
        """The flat patch's outline (`flat_mask`) in `frame` ((H, W, 3) uint8 RGB, rendered for the target
        landmarks `target` (478, 3) px) weighed by its step in brightness: grey levels x face sizes."""
        patch = self.flat_mask(frame, target)
        if not patch.any():
            return 0.0
        grey = self._grey_box(frame)
        size = max(3, int(2 * EDGE_REACH * self.face_px) | 1)
        outline = cv2.morphologyEx(patch.astype(np.uint8), cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
        outline &= self._zone(target)
        step = np.abs(_mean_over(grey, patch, size) - _mean_over(grey, ~patch & self._zone(target), size))
        return float(np.where(step > STEP_MIN, step, 0)[outline].sum() / 2 / self.face_px)  # both sides counted

    def grey_tone(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Grey levels: the mean shortfall of the flat patch's chroma (`flat_mask` of `frame`, (H, W, 3) uint8
        RGB rendered for the target landmarks `target` (478, 3) px) below the face skin's; 0 with no patch."""
        patch = self.flat_mask(frame, target)
        if not patch.any():
            return 0.0
        return float(np.clip(self.skin_chroma - self._chroma_box(frame)[patch], 0, None).mean())

    def foreign_mask(self, frame: np.ndarray, target: np.ndarray) -> np.ndarray:
        """(h, w) bool over the zone's box: the neck zone's pixels of `frame` ((H, W, 3) uint8 RGB, rendered for
        the target landmarks `target` (478, 3) px) whose chroma is over `CHROMA_FAR` from the face skin's and
        from the photo's at the same pixel."""
        crcb = self._crcb_box(frame)
        far_skin = np.linalg.norm(crcb - self.skin_crcb, axis=-1) > CHROMA_FAR
        far_photo = np.linalg.norm(crcb - self.photo_crcb, axis=-1) > CHROMA_FAR
        return self._zone(target) & far_skin & far_photo

    def foreign_colour(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Share of the neck zone of `frame` ((H, W, 3) uint8 RGB, for the target landmarks `target`) in
        `foreign_mask`: a colour neither the skin's nor the photo's there."""
        return float(self.foreign_mask(frame, target).sum() / max(self._zone(target).sum(), 1))

    def _new_lines(self, frame: np.ndarray, target: np.ndarray, width: float, operation: int) -> float:
        """The area (px over the face size) of thin lines (`operation`: cv2.MORPH_TOPHAT light ones,
        cv2.MORPH_BLACKHAT dark ones, up to `width` face sizes wide, over `LINE_CONTRAST` grey levels) in the
        changed neck zone of `frame` ((H, W, 3) uint8 RGB, for the target landmarks `target` (478, 3) px)
        that the photo does not have there (under half that)."""
        grey = self._grey_box(frame)
        kernel = disc_kernel(max(1, int(width * self.face_px) // 2))
        line = cv2.morphologyEx(grey, operation, kernel) > LINE_CONTRAST
        line &= cv2.morphologyEx(self.source, operation, kernel) < LINE_CONTRAST / 2
        line &= self._zone(target) & (np.abs(grey - self.source) > FILL_CHANGE)
        return float(line.sum() / self.face_px)

    def foreign_beside(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Share of the neck zone of `frame` ((H, W, 3) uint8 RGB, for the target landmarks `target` (478, 3)
        px) in `foreign_mask` and farther than `BESIDE_CHIN` face sizes across from the target's chin."""
        x0 = self.box[0]
        across = np.abs(np.arange(self.box[2] - x0) - (target[ids.CHIN, 0] * self.scale - x0))
        beside = self.foreign_mask(frame, target) & (across > BESIDE_CHIN * self.face_px)[None]
        return float(beside.sum() / max(self._zone(target).sum(), 1))

    def _haze_box(self, image: np.ndarray) -> np.ndarray:
        """(h, w) bool on the zone's box at `scale`: the pixels of `image` ((H, W, 3) uint8 RGB) whose chroma lies
        between the face skin's and the background's (`background_crcb`), within `HAZE_SHARE` of the way from the
        background's and under `CHROMA_FAR` / 2 off that line; none without a background."""
        if self.background_crcb is None:
            return np.zeros(self.photo_pale.shape, bool)
        line = self.skin_crcb - self.background_crcb
        offset = self._crcb_box(image) - self.background_crcb
        share = (offset * line).sum(-1) / float(line @ line)
        off = np.linalg.norm(offset - share[..., None] * line, axis=-1)
        return (share >= HAZE_SHARE[0]) & (share <= HAZE_SHARE[1]) & (off < CHROMA_FAR / 2)

    def skin_haze(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Share of the neck zone of `frame` ((H, W, 3) uint8 RGB, for the target landmarks `target` (478, 3) px)
        farther than `BESIDE_CHIN` face sizes across from the target's chin that is a mix of the face skin's and the
        background's chroma (`_haze_box`) where the photo at the same pixel is not: a translucent skin tone over the
        background."""
        x0 = self.box[0]
        across = np.abs(np.arange(self.box[2] - x0) - (target[ids.CHIN, 0] * self.scale - x0))
        haze = self._zone(target) & self._haze_box(frame) & ~self.photo_haze
        return float((haze & (across > BESIDE_CHIN * self.face_px)[None]).sum() / max(self._zone(target).sum(), 1))

    def light_line(self, frame: np.ndarray, target: np.ndarray) -> float:
        """The length (face sizes) of new thin light lines in the changed neck zone of `frame` ((H, W, 3)
        uint8 RGB, for the target landmarks `target` (478, 3) px)."""
        return self._new_lines(frame, target, LINE_WIDTH, cv2.MORPH_TOPHAT)

    def dark_band(self, frame: np.ndarray, target: np.ndarray) -> float:
        """The area (px over the face size, face sizes of a 1 px line) of new dark bands up to `BAND_WIDTH`
        face sizes wide in the changed neck zone of `frame` ((H, W, 3) uint8 RGB, for the target landmarks
        `target` (478, 3) px): the jaw's shadow shown twice."""
        return self._new_lines(frame, target, BAND_WIDTH, cv2.MORPH_BLACKHAT)
