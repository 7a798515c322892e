"""The neck between the jaw and the collar: the plate's neck follows the jaw with graded motion.

The neck is not in the head layer (without body following): the jaw moves over it and the plate's neck
part (`layers.neck_weight`) is warped to meet the moved jaw. The jaw's own motion is carried in full at
the jaw line and fades linearly to none at a fixed collar line `NECK_LENGTH` face sizes below the
source's chin, column by column, like a cylinder stretched or sheared between its two ends: a raised chin
lengthens the whole neck by the same factor (the neck's length over the source's), instead of pulling
a short band under the jaw (the jaw's shadow, the collar) into a smear. Sideways the motion fades with the
neck weight, softened over `SIDE_SOFTNESS` face sizes so the neck's outline is not torn from what is
beside it. At and below the collar line the plate is still: the shoulders and the collar stay the source.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_proxy import smoothstep
from facereel.face import landmark_ids as ids

JAW = tuple(ids.FACE_OVAL[9:28])
"""Landmark ids of the jaw line, from one jaw angle (361) round the chin (152) to the other (132)."""
NECK_LENGTH = 0.28
"""Face sizes (`composite.face_size`) from the source's chin down to the collar line: self-reenactment
shows the neck below ~0.3 face sizes under the chin staying put while a real head talks and turns."""
NECK_HALF_WIDTH = (0.22, 0.32)
"""Face sizes from the middle between the jaw angles: the neck layer is the neck weight (which reaches
past the neck, over hair and clothes) inside the first, none beyond the second (smoothstep between)."""
MAX_SHEAR = 0.15
"""The neck leans at most this much sideways (px per px down the neck, `NeckWarp._limited`)."""
NECK_PIVOT = np.array([0.0, 1.73, 1.4], np.float32)
"""Canonical point on the neck's axis at the chin's height (chin y 1.73, as deep as the skull shell's
centre): it moves with the head's translation, hardly with its turns."""
TWIST = 0.3
"""Face sizes from the neck's axis: the column there follows the chin sideways in full, fading to the
axis' motion at this distance (the neck's sides)."""
MAX_STRETCH = 2.0
"""The neck's texture is stretched at most this much down the neck (`NeckWarp._limited`) and, by its twist,
across it."""
SKIN_SPREAD = 2.5
"""Robust spreads (of the face's chroma) within which a pixel's colour is skin (`skin_likeness`)."""
SKIN_DARKEST = (0.2, 0.35)
"""Brightness over the face's median: none of a pixel darker than the first is skin, all from the second."""
SKIN_CLOSE = 0.08
"""Face sizes: gaps in the skin narrower than this (a necklace, a crease) are closed (`skin_likeness`)."""
SIDE_SOFTNESS = 0.06
"""Face sizes: the sigma of the Gaussian softening the neck weight sideways."""


def skin_likeness(crop: np.ndarray, jaw: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much each pixel of `crop` ((h, w, 3) uint8 RGB) has the colour of the
    face's skin inside the jaw line `jaw` ((J, 2) crop px): its chroma (YCrCb's Cr, Cb, not the
    brightness, so a shadowed neck is still skin) within `SKIN_SPREAD` robust spreads of the median
    there is skin, fading to none at twice that; closed over `SKIN_CLOSE` face sizes so a necklace or
    a crease inside the neck goes with it. Clothes, hair and the background beside the neck are not skin:
    they stay still when the neck moves."""
    ycrcb = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2YCrCb).astype(np.float32)
    chroma = ycrcb[..., 1:]
    inside = np.zeros(crop.shape[:2], np.uint8)
    cv2.fillPoly(inside, [np.round(jaw).astype(np.int32)], 1)
    face = chroma[inside > 0]
    if len(face) < 10:
        return np.ones(crop.shape[:2], np.float32)
    median = np.median(face, 0)
    spread = np.maximum(1.4826 * np.median(np.abs(face - median), 0), 2.0)  # robust sigma per channel
    distance = np.sqrt((((chroma - median) / spread) ** 2).sum(-1))
    # Near-black pixels have no reliable chroma (a dark suit reads as any colour): too dark is not skin.
    level = max(float(np.median(ycrcb[..., 0][inside > 0])), 1.0)
    bright = smoothstep(SKIN_DARKEST[0], SKIN_DARKEST[1], ycrcb[..., 0] / level)
    skin = ((1 - smoothstep(SKIN_SPREAD, 2 * SKIN_SPREAD, distance)) * bright).astype(np.float32)
    size = max(3, int(round(SKIN_CLOSE * face_px)) | 1)
    return cv2.morphologyEx(skin, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))


class NeckWarp:
    """The backward map of the plate's neck for a moved jaw.

    jaw: (J, 2) crop px of the source's jaw line (`JAW`); pivot: (2,) crop px of the neck's axis at the
    chin's height (`NECK_PIVOT` placed with the source's head pose); weight: (h, w) float32 in [0, 1], how much of
    the jaw's motion each crop pixel may follow (`layers.neck_weight`); face_px: the face size, px;
    skip_px: the plate's hole reaches this far below the jaw line (its fill, not the neck): a jaw raised
    by r px is met by the neck from min(r, skip_px) below the source's jaw line, so the fill stays behind
    the jaw (and nothing changes while the jaw stays put).
    """

    def __init__(self, jaw: np.ndarray, pivot: np.ndarray, weight: np.ndarray, face_px: float, skip_px: float = 0.0
                 ) -> None:
        h = weight.shape[0]
        self.jaw = np.asarray(jaw, np.float32)
        self.pivot = np.asarray(pivot, np.float32)
        self._skip = float(skip_px)
        self._face_px = face_px
        self.collar = float(min(h - 2, self.jaw[:, 1].max() + NECK_LENGTH * face_px))  # crop row
        # From the jaw angles down the neck layer is the neck weight, above the chin at least the chin
        # row's (the neck band's own top edge, at the mouth, is behind the face); it ends at the collar.
        chin, top = int(self.jaw[:, 1].max()), int(self.jaw[:, 1].min())
        centre = 0.5 * float(self.jaw[0, 0] + self.jaw[-1, 0])  # between the jaw angles
        across = np.abs(np.arange(weight.shape[1], dtype=np.float32) - centre) / face_px
        alpha = weight.astype(np.float32) * (1 - smoothstep(*NECK_HALF_WIDTH, across))[None, :]
        alpha[top:chin] = np.maximum(alpha[top:chin], alpha[chin])
        alpha[:top] = 0
        # Soft over `SIDE_SOFTNESS`, but not faint over a wide band (a faint layer shows twice when moved).
        alpha = smoothstep(0.25, 0.75, cv2.GaussianBlur(alpha, (0, 0), max(1.0, SIDE_SOFTNESS * face_px)))
        alpha = alpha.astype(np.float32)
        alpha[int(np.ceil(self.collar)):] = 0  # at the collar it does not move: cut, no seam
        alpha[alpha < 1e-3] = 0
        self.alpha = alpha  # (h, w) float32 in [0, 1]: the neck layer of the crop
        ys, xs = np.nonzero(alpha)
        self.box = ((slice(int(ys.min()), int(ys.max()) + 1), slice(int(xs.min()), int(xs.max()) + 1))
                    if len(ys) else None)

    def _jaw_columns(self, target: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(m,) row of the target jaw line's lowest point at each of `columns` (m,) crop px and (m, 2) the
        jaw's backward offset there (source minus target), for a target jaw `target` (J, 2) crop px. The
        lowest point is what the neck hangs from in the frame (on a turned head the far side of the jaw
        folds back above the chin); columns the jaw does not reach hold its nearest end. Both are smoothed
        along x over `SIDE_SOFTNESS` face sizes so a corner of the jaw line does not crease the neck."""
        dense = max(2, int(np.ceil(np.abs(np.diff(target, axis=0)).max())))  # ~1 px steps along each segment
        t = np.linspace(0, 1, dense, endpoint=False)[None, :, None]
        along = (target[:-1, None] + t * (target[1:] - target[:-1])[:, None]).reshape(-1, 2)
        offset = self.jaw - target
        offsets = (offset[:-1, None] + t * (offset[1:] - offset[:-1])[:, None]).reshape(-1, 2)
        lowest = np.argsort(along[:, 1], kind="stable")  # assigned in rising rows: the lowest one stays
        col = np.rint(along[lowest, 0]).astype(np.intp)
        row = np.full(int(col.max()) - int(col.min()) + 1, np.nan)
        off = np.zeros((len(row), 2))
        row[col - col.min()], off[col - col.min()] = along[lowest, 1], offsets[lowest]
        known = np.flatnonzero(~np.isnan(row)) + col.min()
        line = np.interp(columns, known, row[known - col.min()])
        shift = np.stack([np.interp(columns, known, off[known - col.min(), k]) for k in (0, 1)], -1)
        sigma = max(1.0, SIDE_SOFTNESS * self._face_px)
        smooth = cv2.GaussianBlur(np.column_stack([line, shift]).astype(np.float32), (1, 0), sigma,
                                  sigmaY=sigma, borderType=cv2.BORDER_REPLICATE)
        return smooth[:, 0], smooth[:, 1:]

    def _limited(self, line: np.ndarray, offset: np.ndarray) -> np.ndarray:
        """(m, 2) the per-column backward offsets (m, 2) limited to what a neck from the moved chin (the
        lowest row of the jaw line `line` (m,)) to the collar can follow: its texture is stretched at most
        `MAX_STRETCH` times down its length (the source keeps at least 1 / `MAX_STRETCH` of that span; a
        raised chin starts the neck below the old jaw's shadow) and sheared at most `MAX_SHEAR` sideways;
        beyond that the jaw moves over the neck (the head layer covers it)."""
        span = max(self.collar - float(line.max()), 1.0)
        return np.stack([np.clip(offset[:, 0], -MAX_SHEAR * span, MAX_SHEAR * span),
                         np.minimum(offset[:, 1], span * (1 - 1 / MAX_STRETCH))], -1)

    def displacement(self, target_jaw: np.ndarray, target_pivot: np.ndarray, rows: np.ndarray, columns: np.ndarray
                     ) -> np.ndarray:
        """(n, m, 2) float32 backward displacement px (source position minus pixel position) of the neck
        layer at crop rows (n,) x columns (m,) px for the jaw moved to `target_jaw` (J, 2) crop px and the
        neck's axis to `target_pivot` (2,) crop px: each column takes the jaw's backward offset at the row
        where the target jaw line is lowest (`_jaw_columns`); sideways only the neck's front twists with
        the chin, its sides move with the axis (`TWIST`), as a neck does under a turning head; in full
        down to the chin's row (and above it), fading linearly to none at the collar line."""
        columns = np.asarray(columns, np.float32)
        line, offset = self._jaw_columns(np.asarray(target_jaw, np.float32), columns)
        axis = float(self.pivot[0] - target_pivot[0])  # the axis' backward offset along x
        reach = TWIST * self._face_px
        twist = 1 - smoothstep(0.0, reach, np.abs(columns - float(target_pivot[0])))
        # The front twists at most so far that the smoothstep's steepest slope (1.5 / reach) leaves the
        # texture squeezed or stretched no more than MAX_STRETCH times across.
        most = (1 - 1 / MAX_STRETCH) * reach / 1.5
        offset[:, 0] = axis + twist * np.clip(offset[:, 0] - axis, -most, most)
        offset[:, 1] += np.clip(offset[:, 1], 0.0, self._skip)
        offset = self._limited(line, offset).astype(np.float32)
        span = max(self.collar - float(line.max()), 1.0)  # from the moved chin, the jaw line's lowest row
        grade = np.clip((self.collar - np.asarray(rows, np.float32)) / span, 0, 1)  # 1 at the chin, 0 at the collar
        return grade[:, None, None] * offset[None]
