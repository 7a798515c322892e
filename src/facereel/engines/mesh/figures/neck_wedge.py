"""The wall between a turned, raised jaw and the neck: the `neck_wedge` figures (issue #9).

lp_s1 x preset:turn, frames 16-22: the turned jaw moved outward past the neck's side, and the photo's wall
between them showed as a white wedge under the far jaw; beside it the shadowed neck tone ended in a step
darker than the photo's neck. Both read the frame against the photo below the frame's jaw line
(`NeckFigures`' scale and box); both read 0 for the source repeated (nothing changed).

- `jaw_wedge`: the share of the band `WEDGE_DEPTH` face sizes deep just below the frame's jaw line (across
  the jaw's columns) that changed (`FILL_CHANGE`) and shows the photo's background there: a colour over
  `CHROMA_FAR` from the face skin's chroma and within `BACKGROUND_NEAR` of the background's nearby (the
  photo's pixels off the person, `head_proxy.person_mask`, spread over `BACKGROUND_SPREAD` face sizes):
  the wall uncovered under the jaw where the photo had the head (hair moved under the jaw is not counted).
- `wall_px`: the same pixels (changed, the background's colour) counted in a given area: the wall uncovered
  past a moved jaw angle, where the band under the jaw line does not reach (lp_s12 x lp_s3.jpg's wedge between
  the right jaw and the collar, `neck.NeckWarp`'s collar columns).
- `tone_step`: grey levels: how much darker than the photo's neck below it the changed part of that band is
  (its median brightness against the median of the photo's skin-coloured pixels `NECK_BELOW` face sizes
  below the source's chin, none when not darker): the shadowed tone's jaw-shaded colour (lp_s1's grey-brown
  patch above her pearls).
"""

from __future__ import annotations

import numpy as np

import cv2

from facereel.engines.mesh.figures.neck_join import CHROMA_FAR, NeckJoin
from facereel.engines.mesh.geometry.head_proxy import person_mask
from facereel.engines.mesh.neck_layer.jaw_line import JAW, lowest_crossings
from facereel.engines.mesh.neck_layer.neck_health import FILL_CHANGE

WEDGE_DEPTH = 0.12
"""Face sizes below the frame's jaw line that `jaw_wedge` and `tone_step` read."""
BACKGROUND_NEAR = 25.0
"""Grey levels (RGB distance) within which a pixel has the colour of the background near it."""
BACKGROUND_SPREAD = 0.1
"""Face sizes: the sigma spreading the photo's background colours over the person (`jaw_wedge`)."""
NECK_BELOW = (0.3, 0.5)
"""Face sizes below the source's chin: the band of the photo's neck `tone_step` compares with (below a
necklace or a collar's edge against the chin, above the neckline on most portraits)."""


class NeckWedge(NeckJoin):
    """The wedge figures of frames rendered from one source (module docstring); source: (H, W, 3) uint8 RGB,
    landmarks: its (478, 3) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        super().__init__(source, landmarks)
        x0, y0, _, _ = self.box
        rows = np.arange(self.source.shape[0])[:, None] + y0
        chin = self.chin_row
        band = (rows > chin + NECK_BELOW[0] * self.face_px) & (rows < chin + NECK_BELOW[1] * self.face_px)
        skin = np.linalg.norm(self.photo_crcb - self.skin_crcb, axis=-1) < CHROMA_FAR
        self.neck_level = float(np.median(self.source[band & skin])) if (band & skin).any() else None
        # (h, w, 3) float32: the photo's background colour at and near each pixel of the box (NaN far from any).
        small = self._on_box(source).astype(np.float32)
        off = (person_mask(np.ascontiguousarray(source)) < 0.5).astype(np.float32)
        off = self._on_box(off[..., None].repeat(3, -1))[..., 0]
        sigma = max(1.0, BACKGROUND_SPREAD * self.face_px)
        weight = cv2.GaussianBlur(off, (0, 0), sigma)
        self.background = np.where(weight[..., None] > 1e-3, cv2.GaussianBlur(small * off[..., None], (0, 0), sigma)
                                   / np.maximum(weight, 1e-3)[..., None], np.nan).astype(np.float32)

    def _under_jaw(self, target: np.ndarray) -> np.ndarray:
        """(h, w) bool over the zone's box: the band `WEDGE_DEPTH` face sizes deep below the jaw line of the
        target landmarks `target` ((478, 3) px), across the jaw's columns."""
        x0, y0, x1, y1 = self.box
        jaw = target[list(JAW), :2] * self.scale - (x0, y0)
        # The jaw line's lowest row at each column (a turned jaw folds back above the chin on its far side).
        line, _, _ = lowest_crossings(jaw, np.arange(x1 - x0, dtype=np.float32))
        inside = ~np.isnan(line)
        rows = np.arange(y1 - y0, dtype=np.float32)[:, None]
        return inside[None] & (rows > line[None]) & (rows <= line[None] + WEDGE_DEPTH * self.face_px)

    def _changed(self, frame: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The band under the jaw (`_under_jaw`) and its pixels of `frame` that changed, (h, w) bool each, and
        the frame's grey box."""
        band = self._under_jaw(target)
        grey = self._grey_box(frame)
        return band, band & (np.abs(grey - self.source) > FILL_CHANGE), grey

    def _wall(self, frame: np.ndarray) -> np.ndarray:
        """(h, w) bool over the zone's box: the pixels of `frame` ((H, W, 3) uint8 RGB) over `CHROMA_FAR` from the
        face skin's chroma and within `BACKGROUND_NEAR` of the photo's background near them."""
        far = np.linalg.norm(self._crcb_box(frame) - self.skin_crcb, axis=-1) > CHROMA_FAR
        with np.errstate(invalid="ignore"):
            return far & (np.linalg.norm(self._on_box(frame).astype(np.float32) - self.background, axis=-1)
                          < BACKGROUND_NEAR)

    def jaw_wedge(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Share of the band under the jaw of `frame` ((H, W, 3) uint8 RGB, rendered for the target landmarks
        `target` (478, 3) px) that changed and is not skin-coloured (module docstring)."""
        band, changed, _ = self._changed(frame, target)
        return float((changed & self._wall(frame)).sum() / max(band.sum(), 1))

    def wall_px(self, frame: np.ndarray, area: tuple[int, int, int, int]) -> int:
        """Px of `frame` ((H, W, 3) uint8 RGB) in `area` (x0, y0, x1, y1 image px, clipped to the zone's box) that
        changed and show the photo's background (as `jaw_wedge` reads them): the wall uncovered beside a moved jaw
        where `_under_jaw`'s band does not reach (past the moved jaw angle: lp_s12's wedge on a photo driver)."""
        x0, y0, _, _ = self.box
        region = (slice(max(0, area[1] - y0), max(0, area[3] - y0)), slice(max(0, area[0] - x0), max(0, area[2] - x0)))
        changed = np.abs(self._grey_box(frame) - self.source) > FILL_CHANGE
        return int((changed & self._wall(frame))[region].sum())

    def tone_step(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Grey levels the changed skin-coloured band under the jaw of `frame` ((H, W, 3) uint8 RGB, for the
        target landmarks `target`) is darker than the photo's neck (module docstring); 0 without either."""
        _, changed, grey = self._changed(frame, target)
        changed &= np.linalg.norm(self._crcb_box(frame) - self.skin_crcb, axis=-1) <= CHROMA_FAR
        if self.neck_level is None or not changed.any():
            return 0.0
        return max(0.0, self.neck_level - float(np.median(grey[changed])))

