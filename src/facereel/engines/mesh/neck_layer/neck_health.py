"""How far the visible neck's texture is stretched in a frame (the neck smear of issue #9).

The plate's neck (`layers.HeadLayer`) is warped every frame to meet the moved jaw; where that warp
stretches the neck's skin a lot, the frame shows a smeared band under the chin (a raised chin pulling
the jaw's shadow or the collar up into a streak). `neck_stretch` reads the largest local stretch of that
warp over the neck pixels the frame shows, on a grid of samples; 1 = not stretched (the source itself).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, face_size, grey_image
from facereel.engines.mesh.geometry.far_jaw import FACE_POINTS
from facereel.engines.mesh.geometry.warp import local_distortion
from facereel.engines.mesh.neck_layer.jaw_line import JAW
from facereel.face import landmark_ids as ids

_SAMPLES = 48  # samples across the neck field's longer side
_PERCENTILE = 99.0  # of the visible samples' stretch: the smear's peak, not one stray sample


def neck_stretch(field: tuple[np.ndarray, np.ndarray, np.ndarray] | None) -> float:
    """The 99th percentile of the local stretch (`warp.local_distortion`, 1 = none) of a neck warp over
    the samples where the neck shows the photo's texture. field: (n, m, 2) float32 backward displacement
    px, (n, m) bool where the neck shows and (n, m) bool where the plate is the photo, not its smooth fill
    (`HeadLayer.neck_field`): a sample counts where it shows and its source position (nearest pixel,
    clipped to the field) is the photo; None or no such sample: 1.0."""
    if field is None:
        return 1.0
    disp, visible, photo = field
    step = max(1, round(max(disp.shape[:2]) / _SAMPLES))
    coarse = disp[::step, ::step]
    n, m = disp.shape[:2]
    rows, cols = np.mgrid[0:n:step, 0:m:step]
    source = photo[np.clip(np.rint(rows + coarse[..., 1]), 0, n - 1).astype(np.intp),
                   np.clip(np.rint(cols + coarse[..., 0]), 0, m - 1).astype(np.intp)]
    shown = (visible[::step, ::step] & source)[1:-1, 1:-1]
    if min(coarse.shape[:2]) < 3 or not shown.any():
        return 1.0
    _, stretch = local_distortion(coarse, (float(step), float(step)))
    return float(np.percentile(stretch[shown], _PERCENTILE))


WORK_FACE_PX = 160.0
"""The neck figures below are read at a scale where the face is this many px (so their px thresholds mean
the same on a 300 px and a 1100 px portrait)."""
ZONE_HALF_WIDTH = 0.6
"""Face sizes either side of the source's chin: the neck zone's width (neck, collar, what is beside them)."""
ZONE_BELOW = 0.55
"""Face sizes below the source's chin: the neck zone's bottom (the collar and a necklace on the chest)."""
FACE_GROW = 0.03
"""Face sizes: the frame's face (target oval) grown by this much is left out of the neck zone."""
FILL_CHANGE = 12.0
"""Grey levels: a pixel differing from the source by more than this has changed."""
FLAT_RATIO = 0.45
"""A changed pixel whose fine texture is below this share of the photo's around it shows a smooth fill."""
TEXTURE_MIN = 0.6
"""Grey levels of fine texture (mean |image - its 1.5 px blur|) below which the photo itself is flat there
(no fill can be told from it)."""
EDGE_LEVEL = 30.0
"""Grey levels per px (Sobel / 8) from which a pixel is on a strong edge (a necklace, a collar)."""
SOFT_SCALE = 0.03
"""Face sizes: the blur under which `straight_edges` reads edges (a patch's side; a thin stroke, 1-2 px
wide, fades under it)."""
SOFT_EDGE = 3.0
"""Grey levels per px (Sobel / 8 of the `SOFT_SCALE` blur) from which a changed pixel is on an edge, soft
ones too (`straight_edges`: a tone's edge fading over 0.1 face sizes)."""


def _texture(grey: np.ndarray, window: int) -> np.ndarray:
    """(h, w) float32 mean |grey - its 1.5 px Gaussian blur| over `window` x `window` px: fine texture."""
    return cv2.blur(np.abs(grey - cv2.GaussianBlur(grey, (0, 0), 1.5)), (window, window))


def _longest_run(mask: np.ndarray) -> int:
    """The longest run of consecutive True down any column of (h, w) bool `mask`."""
    run = np.zeros(mask.shape[1], np.int64)
    longest = 0
    for row in mask:
        run = np.where(row, run + 1, 0)
        longest = max(longest, int(run.max(initial=0)))
    return longest


class NeckFigures:
    """Figures of the neck zone of frames rendered from one source, read from the frames alone (so any
    engine version, and the do-nothing baseline, are read the same way).

    - `revealed_fill`: the share of the neck zone (below the frame's face, beside and under the chin,
      down to the collar) showing a smooth fill where the photo had texture: pixels that differ from the
      source by more than `FILL_CHANGE` grey levels and whose fine texture is under `FLAT_RATIO` of the
      photo's around them (the filled plate uncovered beside a moved neck: a grey or pale flat patch).
    - `straight_edges`: the longest straight vertical or horizontal edge among the pixels of the neck zone
      that changed (`FILL_CHANGE`), in face sizes: one pixel column (row) whose pixels lie on an edge
      (`SOFT_EDGE`) running across it (the gradient at least twice as strong across as along) over
      consecutive rows (columns): the straight side or top of a patch laid on a box (the shadowed neck
      tone ending in a vertical edge over the background, lp_s6); 0 for the source itself.
    - `doubled_edges`: in the lower neck zone (from 0.08 face sizes below the lower of the source's and
      the frame's chins), the fewer of the frame's strong edges (`EDGE_LEVEL`) more than 2 px from any of
      the photo's (new) and the photo's strong edges still in the frame (kept), over the photo's strong
      edge pixels there: a necklace or collar shown twice (part moved, part still) has both; one moved
      whole has new edges but keeps few, one left still keeps all but has no new ones.

    source: (H, W, 3) uint8 RGB; landmarks: its (478, 3) px.
    """

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        face = face_size(landmarks)
        self.scale = min(1.0, WORK_FACE_PX / face)
        self.face_px = face * self.scale
        chin = landmarks[ids.CHIN, :2] * self.scale
        h, w = source.shape[:2]
        self.box = (max(0, int(chin[0] - ZONE_HALF_WIDTH * self.face_px)),
                    max(0, int(chin[1] - 0.5 * self.face_px)),
                    min(int(w * self.scale), int(chin[0] + ZONE_HALF_WIDTH * self.face_px) + 1),
                    min(int(h * self.scale), int(chin[1] + ZONE_BELOW * self.face_px) + 1))
        self.chin_row = float(chin[1])
        self.source = self._grey_box(source)
        self.texture = _texture(self.source, max(3, int(0.12 * self.face_px) | 1))
        self.edges = self._edges(self.source)
        self.near_edges = cv2.dilate(self.edges.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0

    def _on_box(self, image: np.ndarray) -> np.ndarray:
        """`image` ((H, W, C)) at `scale` (INTER_AREA), cut to the zone's box: (h, w, C)."""
        small = cv2.resize(image, None, fx=self.scale, fy=self.scale, interpolation=cv2.INTER_AREA) \
            if self.scale < 1 else image
        x0, y0, x1, y1 = self.box
        return small[y0:y1, x0:x1]

    def _grey_box(self, image: np.ndarray) -> np.ndarray:
        """(h, w) float32 grey levels of `image` ((H, W, 3) uint8 RGB) on the zone's box (`_on_box`)."""
        return grey_image(self._on_box(image))

    @staticmethod
    def _edges(grey: np.ndarray) -> np.ndarray:
        blurred = cv2.GaussianBlur(grey, (0, 0), 1.0)
        return np.hypot(cv2.Sobel(blurred, cv2.CV_32F, 1, 0), cv2.Sobel(blurred, cv2.CV_32F, 0, 1)) / 8 > EDGE_LEVEL

    def _zone(self, target: np.ndarray) -> np.ndarray:
        """(h, w) bool: the box's pixels below the frame's face: outside its oval and the hull of its face
        points (a turned face's far cheek and mouth corner stand up to ~0.1 face sizes past the oval,
        `far_jaw`), both grown by `FACE_GROW`, and not above its jaw line within the jaw's columns."""
        x0, y0, x1, y1 = self.box
        face = np.zeros((y1 - y0, x1 - x0), np.uint8)
        oval = target[list(ids.FACE_OVAL), :2] * self.scale - (x0, y0)
        hull = cv2.convexHull(np.round(target[:FACE_POINTS, :2] * self.scale - (x0, y0)).astype(np.int32))
        cv2.fillPoly(face, [np.round(oval).astype(np.int32), hull], 1)
        jaw = target[list(JAW), :2] * self.scale - (x0, y0)
        cv2.fillPoly(face, [np.round(np.vstack([jaw, (jaw[-1, 0], -1), (jaw[0, 0], -1)])).astype(np.int32)], 1)
        face = cv2.dilate(face, disc_kernel(max(1, int(2 * FACE_GROW * self.face_px) // 2))) > 0
        rows = np.arange(y1 - y0)[:, None] + y0
        jaw_top = float(target[list(ids.FACE_OVAL), 1].max()) * self.scale - 0.4 * self.face_px
        return ~face & (rows > jaw_top)

    def revealed_fill(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Share of the neck zone showing a smooth fill in `frame` ((H, W, 3) uint8 RGB, rendered for the
        target landmarks `target` (478, 3) px); 0 for the source itself."""
        grey = self._grey_box(frame)
        zone = self._zone(target)
        changed = np.abs(grey - self.source) > FILL_CHANGE
        flat = _texture(grey, 5) < FLAT_RATIO * self.texture
        revealed = zone & changed & flat & (self.texture > TEXTURE_MIN)
        return float(revealed.sum() / max(zone.sum(), 1))

    def revealed_mask(self, frame: np.ndarray, target: np.ndarray) -> np.ndarray:
        """(h, w) bool over the zone's box (`box`, at `scale`): the pixels `revealed_fill` counts."""
        grey = self._grey_box(frame)
        return (self._zone(target) & (np.abs(grey - self.source) > FILL_CHANGE)
                & (_texture(grey, 5) < FLAT_RATIO * self.texture) & (self.texture > TEXTURE_MIN))

    def straight_edges(self, frame: np.ndarray, target: np.ndarray) -> float:
        """The longest straight vertical or horizontal edge of the changed neck zone of `frame`, face
        sizes (class docstring)."""
        grey = self._grey_box(frame)
        blurred = cv2.GaussianBlur(grey, (0, 0), SOFT_SCALE * self.face_px)
        gx, gy = (np.abs(cv2.Sobel(blurred, cv2.CV_32F, dx, 1 - dx)) / 8 for dx in (1, 0))
        shown = self._zone(target) & (np.abs(grey - self.source) > FILL_CHANGE)
        vertical = shown & (gx >= SOFT_EDGE) & (gx >= 2 * gy)
        horizontal = shown & (gy >= SOFT_EDGE) & (gy >= 2 * gx)
        return max(_longest_run(vertical), _longest_run(horizontal.T)) / self.face_px

    def doubled_edges(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Strong edges in the lower neck zone of `frame` both new and kept (class docstring) over the
        photo's own there (0: none shown twice)."""
        x0, y0, _, _ = self.box
        low = max(self.chin_row, float(target[ids.CHIN, 1]) * self.scale) + 0.08 * self.face_px - y0
        lower = self._zone(target) & (np.arange(self.source.shape[0])[:, None] > low)
        edges = self._edges(self._grey_box(frame))
        new = (edges & ~self.near_edges & lower).sum()
        near = cv2.dilate(edges.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        kept = (self.edges & near & lower).sum()
        return float(min(new, kept) / max((self.edges & lower).sum(), 1))
