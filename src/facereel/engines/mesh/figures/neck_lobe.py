"""A light lobe beside the moved chin: the photo's lit neck shown above its jaw line (issue #9).

lp_s3 and lp_s0 x lp_d12 frames 8-12 (the driver leans in, up and left): right of the moved chin the frame showed
a skin lobe with a light outline where the photo's chin was, much lighter than the photo's neck just under its jaw,
which lies in the jaw's shadow there (a thin dark band on the neck's side). Where the moved head uncovers the
photo's lower face, a real neck shows its top, in that shadow.

`NeckLobe.lobe_light` reads the crescent between the frame's and the photo's jaw: the neck zone below the frame's
face (`neck_health.NeckFigures`' zone) that lies above the photo's jaw line, within its columns (inside the jaw line
closed by the chord between the jaw angles). Each of its pixels counts by how much it is lighter (grey levels) than
both the photo at the same pixel and the photo's neck just under its jaw in its column (the median of `UNDER` face
sizes below the jaw line), past `LIGHTER`; summed, over the face size squared: grey levels x face sizes^2. The source
repeated reads 0 (no pixel is lighter than the photo there), as does a crescent in the photo's jaw shadow's level.

`NeckLobe.dark_blob` reads the same crescent the other way: pixels darker than both the photo there and its neck's
top (the jaw shadow's level), past `DARKER`, summed alike. grace_hopper x preset:turn 10-22 (600 px high) showed a dark
brown blob under the moved far ear lobe there: the neck's mirror's pale collar inpainted from the mirrored jaw
shadow's stripes (`neck_layer.neck._inpainted`). The source repeated reads 0.

`NeckLobe.shadow_mottle` reads how mottled the shadow laid there is: over the crescent's pixels (eroded by twice
`MOTTLE_SIZE`, off its outline) at least `DARKER` darker than the photo there, the mean of |grey - its blur over
`MOTTLE_SIZE` face sizes| (grey levels). lp_s0 x preset:turn 42-46 (704 px high): the jaw's shadow band mirrored to and
fro and stretched up under the raised chin read as a beard (`neck_layer.shadow_band.soft_band`). The source repeated
reads 0 (no crescent).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.neck_layer.jaw_line import JAW, lowest_crossings
from facereel.engines.mesh.neck_layer.neck_health import NeckFigures

UNDER = 0.08
"""Face sizes below the photo's jaw line whose median grey level is its neck's top (the jaw's shadow, where it casts
one) in each column."""
LIGHTER = 10.0
"""Grey levels by which a crescent pixel may be lighter than the photo there and its neck's top before it counts
(the skin's grain, a re-lit edge)."""
DARKER = 10.0
"""Grey levels by which a crescent pixel may be darker than the photo there and its neck's top before it counts."""
MOTTLE_SIZE = 0.015
"""Face sizes: the sigma of the blur whose residue is the shadow's mottle (`shadow_mottle`: brush strokes, grain)."""


class NeckLobe(NeckFigures):
    """The lobe figure of frames rendered from one source (module docstring); source: (H, W, 3) uint8 RGB,
    landmarks: its (478, 3) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        super().__init__(source, landmarks)
        x0, y0, x1, y1 = self.box
        jaw = landmarks[list(JAW), :2].astype(np.float64) * self.scale - (x0, y0)
        inside = np.zeros(self.source.shape, np.uint8)
        cv2.fillPoly(inside, [np.round(jaw).astype(np.int32)], 1)
        self.inside_jaw = inside > 0  # (h, w) bool on the zone's box: above the photo's jaw line, within its columns
        line, _, _ = lowest_crossings(jaw, np.arange(x1 - x0, dtype=np.float64), half=0.5)
        rows = np.arange(self.source.shape[0])[:, None]
        below = (rows >= line[None]) & (rows < line[None] + UNDER * self.face_px)  # NaN columns: none
        top = np.where(below, self.source, np.nan)
        has = below.any(0)
        # (w,) grey levels per column of the box: the photo's neck top (inf where the jaw line does not reach).
        self.neck_top = np.full(len(line), np.inf, np.float32)
        self.neck_top[has] = np.nanmedian(top[:, has], 0)

    def lobe_mask(self, frame: np.ndarray, target: np.ndarray) -> np.ndarray:
        """(h, w) float32 grey levels over the zone's box (`box`, at `scale`): how much each crescent pixel of `frame`
        ((H, W, 3) uint8 RGB, rendered for the target landmarks `target` (478, 3) px) is lighter than the photo
        there and its neck's top in its column, past `LIGHTER`; 0 outside the crescent."""
        grey = self._grey_box(frame)
        excess = grey - np.maximum(self.source, self.neck_top[None]) - LIGHTER
        crescent = self._zone(target) & self.inside_jaw
        return np.where(crescent & (excess > 0), excess, 0).astype(np.float32)

    def lobe_light(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Grey levels x face sizes^2: the sum of `lobe_mask` of `frame` ((H, W, 3) uint8 RGB, for the target
        landmarks `target` (478, 3) px) over the face size squared."""
        return float(self.lobe_mask(frame, target).sum() / self.face_px ** 2)

    def blob_mask(self, frame: np.ndarray, target: np.ndarray) -> np.ndarray:
        """(h, w) float32 grey levels over the zone's box: how much each crescent pixel of `frame` ((H, W, 3) uint8
        RGB, for the target landmarks `target` (478, 3) px) is darker than the photo there and its neck's top in its
        column (the jaw shadow's level), past `DARKER`; 0 outside the crescent."""
        deficit = np.minimum(self.source, self.neck_top[None]) - self._grey_box(frame) - DARKER
        crescent = self._zone(target) & self.inside_jaw
        return np.where(crescent & (deficit > 0), deficit, 0).astype(np.float32)

    def dark_blob(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Grey levels x face sizes^2: the sum of `blob_mask` of `frame` ((H, W, 3) uint8 RGB, for the target
        landmarks `target` (478, 3) px) over the face size squared."""
        return float(self.blob_mask(frame, target).sum() / self.face_px ** 2)

    def shadow_mottle(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Grey levels: the mean |grey - its blur over `MOTTLE_SIZE` face sizes| of `frame` ((H, W, 3) uint8 RGB, for
        the target landmarks `target` (478, 3) px) over the crescent's pixels, eroded by twice `MOTTLE_SIZE`, at
        least `DARKER` darker than the photo there; 0 where there are none."""
        grey = self._grey_box(frame)
        size = MOTTLE_SIZE * self.face_px
        reach = 2 * int(np.ceil(2 * size)) + 1
        crescent = cv2.erode((self._zone(target) & self.inside_jaw).astype(np.uint8), np.ones((reach, reach), np.uint8))
        shadow = (crescent > 0) & (grey < self.source - DARKER)
        if not shadow.any():
            return 0.0
        return float(np.abs(grey - cv2.GaussianBlur(grey, (0, 0), max(size, 0.5)))[shadow].mean())
