"""The shadowed neck tone's outline under a turned, raised chin: the `tone_patch` figure (issue #9).

lp_s1 x preset:turn, frames 16-22: under the far jaw the neck's tone (`neck.NeckWarp`: the photo's neck
mirrored up, the shadowed tone above it) showed as a pasted patch: a straight horizontal top edge where the
mirror ended and vertical sides where it held in some columns and not in their neighbours. `straight_step`
reads such edges from the pixels of the neck zone against the neck's own texture; it reads 0 for the source
repeated (nothing changed).

A straight step is the difference of the mean grey in the bands `STEP_DEPTH` face sizes deep either side of
a row (column), `STEP_LENGTH` face sizes along it, less the same from the next two bands out, scaled so that a
linear ramp reads 0: ~0.6 of a hard straight edge along the row (column), less for a soft, curved or
slanted one, little for texture (the means average it out), none for smooth shading. The photo's own level is the
`TEXTURE_PERCENTILE`th percentile of that step over its plain neck skin (the neck zone's skin-coloured
pixels off strong edges): a frame's steps above it, on skin each side (the neck's outline against the
background, a collar or a necklace are not the tone's) in the changed zone, `JAW_CLEAR` face sizes clear of
the frame's face (the head's own lower outline lies up to ~0.04 below its landmarks), are the patch's.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.figures.neck_join import CHROMA_FAR, NeckJoin
from facereel.engines.mesh.neck_layer.neck_health import FACE_GROW, FILL_CHANGE

STEP_LENGTH = 0.08
"""Face sizes along the edge that the step's means span (a patch's straight top or side is longer)."""
STEP_DEPTH = 0.02
"""Face sizes each side of the edge that the step's means span."""
TEXTURE_PERCENTILE = 99.0
"""Percentile of the photo's own straight steps over its plain neck skin: its level."""
JAW_CLEAR = 0.06
"""Face sizes: pixels this near the frame's face (its oval, `NeckFigures._zone`'s) are left out."""
SKIN_SIDES = 0.9
"""Share of skin-coloured pixels each side of a step from which it lies within the skin."""


class TonePatch(NeckJoin):
    """The `straight_step` figure of frames rendered from one source (module docstring); source: (H, W, 3)
    uint8 RGB, landmarks: its (478, 3) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        super().__init__(source, landmarks)
        steps, on_skin = self._steps(self.source, self._skin(source))
        plain = self._clear(landmarks) & ~self.near_edges
        own = [np.abs(s)[plain & skin] for s, skin in zip(steps, on_skin)]
        own = np.concatenate(own)
        self.level = float(np.percentile(own, TEXTURE_PERCENTILE)) if len(own) else 0.0  # grey levels

    def _clear(self, target: np.ndarray) -> np.ndarray:
        """(h, w) bool on the zone's box: the neck zone (`_zone`) for the target landmarks `target` ((478, 3)
        px), `JAW_CLEAR` face sizes clear of the face."""
        radius = max(1, int(2 * (JAW_CLEAR - FACE_GROW) * self.face_px) // 2)
        return cv2.erode(self._zone(target).astype(np.uint8), disc_kernel(radius), borderType=cv2.BORDER_REPLICATE) > 0

    def _skin(self, image: np.ndarray) -> np.ndarray:
        """(h, w) float32 on the zone's box: 1 where `image` ((H, W, 3) uint8 RGB) has the face skin's chroma
        (within `CHROMA_FAR`), else 0."""
        near = np.linalg.norm(self._crcb_box(image) - self.skin_crcb, axis=-1) <= CHROMA_FAR
        return near.astype(np.float32)

    def _steps(self, grey: np.ndarray, skin: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray],
                                                                  tuple[np.ndarray, np.ndarray]]:
        """The straight steps of `grey` ((h, w) float32 on the zone's box) across rows and across columns,
        (h, w) float32 grey levels each (the mean below less the mean above; right less left), and where
        each has skin (`skin`, (h, w) float32 0/1) on both sides, (h, w) bool each."""
        length = max(3, int(round(STEP_LENGTH * self.face_px)) | 1)
        depth = max(1, int(round(STEP_DEPTH * self.face_px)))
        # Rows -2d..2d (d = depth): the inner bands' step less `ramp` times the outer bands' (a ramp: 0).
        ramp = (depth + 1) / (3 * depth + 1)  # a ramp's inner step over its outer one
        kernel = np.zeros((4 * depth + 1, length), np.float32)
        kernel[2 * depth + 1:3 * depth + 1], kernel[depth:2 * depth] = 1.0, -1.0
        kernel[3 * depth + 1:], kernel[:depth] = -ramp, ramp
        kernel /= depth * length
        steps, on_skin = [], []
        for k in (kernel, kernel.T):
            steps.append(cv2.filter2D(grey, cv2.CV_32F, k, borderType=cv2.BORDER_REPLICATE))
            # Both sides: the lesser side's skin share (the kernel's halves read one at a time).
            below = cv2.filter2D(skin, cv2.CV_32F, np.where(k > 0, 1.0, 0.0) / (2 * depth * length),
                                 borderType=cv2.BORDER_REPLICATE)
            above = cv2.filter2D(skin, cv2.CV_32F, np.where(k < 0, 1.0, 0.0) / (2 * depth * length),
                                 borderType=cv2.BORDER_REPLICATE)
            on_skin.append(np.minimum(below, above) >= SKIN_SIDES)
        return (steps[0], steps[1]), (on_skin[0], on_skin[1])

    def step_mask(self, frame: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(h, w) float32 grey levels over the zone's box: each pixel's straight step in `frame` ((H, W, 3)
        uint8 RGB, rendered for the target landmarks `target` (478, 3) px) above the photo's level (0 where
        not), the stronger of across rows and across columns, where it is the strongest of its neighbours
        across the edge (one pixel per edge), on skin each side and in the changed neck zone; and (h, w) bool
        where that is > 0."""
        grey = self._grey_box(frame)
        changed = self._clear(target) & (np.abs(grey - self.source) > FILL_CHANGE)
        changed = cv2.dilate(changed.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        steps, on_skin = self._steps(grey, self._skin(frame))
        excess = np.zeros(grey.shape, np.float32)
        for axis, (step, skin) in enumerate(zip(steps, on_skin)):
            size = np.abs(step)
            peak = (size >= np.roll(size, 1, axis=axis)) & (size >= np.roll(size, -1, axis=axis))
            excess = np.maximum(excess, np.where(peak & skin & changed, np.clip(size - self.level, 0, None), 0))
        return excess, excess > 0

    def straight_step(self, frame: np.ndarray, target: np.ndarray) -> float:
        """The straight steps of `frame` ((H, W, 3) uint8 RGB, rendered for the target landmarks `target`
        (478, 3) px) above the photo's level, summed along their length: grey levels x face sizes (module
        docstring); 0 for the source repeated."""
        excess, _ = self.step_mask(frame, target)
        return float(excess.sum() / self.face_px)
