"""The hue the shadowed neck tone shows off the neck's own skin: the `tone_hue` figure (issue #9).

sr_8 x preset:turn, frames 10-16: under the moved chin the neck's shadowed tone (`neck.NeckWarp`) showed a lilac
streak, the blurred lower lip's hue that `neck._chin_texture`'s mirror of the chin down across the jaw line kept
(her lips are as cyan as her skin under the light, so a figure over the whole neck zone, whose hood and fill
dominate, did not read it). This one reads the tone's own pixels in the frame: where the plate the animator last
laid is the tone (`MeshAnimator.drawn_tone` over `TONE_SHARE`), the drawn head is under half and the frame
changed by more than `FILL_CHANGE` from the photo (none for the source repeated: it reads 0). Each one's chroma
(YCrCb's Cr, Cb) is measured from the photo's own neck skin's median (its pixels between the plate's hole's end
and the collar line, skin-coloured, `NeckWarp.skin_columns`, where the plate is the photo) beyond the `OWN_PERCENTILE`th percentile of that
skin's own distances: the excess, summed over the pixels, grey levels x face sizes squared.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.neck_layer.neck_health import FILL_CHANGE

TONE_SHARE = 0.5
"""Share of the plate laid in a pixel from which it is the tone's."""
OWN_PERCENTILE = 90.0
"""Percentile of the photo's neck skin's own chroma distances from its median: the hue it varies by itself (its
darkest pixels, the jaw's shadow band, have the noisiest chroma: sr_8's 99th is 42 grey levels, the 90th 28)."""
MIN_NECK_PX = 50
"""Pixels of the photo's neck skin under which the neck's own hue is not known (the figure reads 0)."""


def _crcb(image: np.ndarray) -> np.ndarray:
    """(h, w, 2) float32 grey levels: YCrCb's (Cr, Cb) of `image` ((h, w, 3) uint8 RGB)."""
    return cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2YCrCb)[..., 1:].astype(np.float32)


class ToneHue:
    """The `tone_hue` figure of the frames `animator` renders (module docstring): the photo's neck skin's chroma is
    read once, from `animator`'s source and neck layer."""

    def __init__(self, animator: MeshAnimator) -> None:
        x0, y0, x1, y1 = animator.box
        self.crop = animator.source[y0:y1, x0:x1]  # (h, w, 3) uint8: the photo on the animator's crop
        self.face_px = float(face_size(animator.source_landmarks))  # px
        neck = animator.layer.neck
        self.median: np.ndarray | None = None  # (2,) grey levels: the neck skin's (Cr, Cb) median
        self.own = 0.0  # grey levels: its own distances' `OWN_PERCENTILE`th percentile
        if neck is None or neck.box is None:
            return
        rows, cols = neck.box
        ys = np.arange(self.crop.shape[0], dtype=np.float32)[rows, None]
        skin = (ys >= neck.hole_end[None]) & (ys < neck.collars[None]) & (neck.skin_columns[rows] > 0.5) & (
            np.abs(animator.layer.plate[rows, cols] - self.crop[rows, cols]).max(-1) < 1)  # the photo, not the fill
        if skin.sum() < MIN_NECK_PX:
            return
        sample = _crcb(self.crop[rows, cols])[skin]
        self.median = np.median(sample, 0)
        self.own = float(np.percentile(np.linalg.norm(sample - self.median, axis=-1), OWN_PERCENTILE))

    def hue_excess(self, frame: np.ndarray, animator: MeshAnimator) -> np.ndarray:
        """(h, w) float32 grey levels on the animator's crop: how far past the neck skin's own hue each of the tone's
        pixels in `frame` ((H, W, 3) uint8 RGB, `animator`'s last drawn frame, or the source) lies; 0 elsewhere."""
        x0, y0, x1, y1 = animator.box
        tone = animator.drawn_tone()
        excess = np.zeros(self.crop.shape[:2], np.float32)
        if self.median is None or tone is None:
            return excess
        crop = frame[y0:y1, x0:x1]
        changed = np.abs(crop.astype(np.float32) - self.crop).max(-1) > FILL_CHANGE
        laid = (tone > TONE_SHARE) & (animator.drawn_alpha() < 0.5) & changed
        distance = np.linalg.norm(_crcb(crop) - self.median, axis=-1)
        excess[laid] = np.clip(distance[laid] - self.own, 0, None)
        return excess

    def tone_hue(self, frame: np.ndarray, animator: MeshAnimator) -> float:
        """Grey levels x face sizes squared: `hue_excess` of `frame` ((H, W, 3) uint8 RGB, `animator`'s last drawn
        frame) summed; 0 for the source repeated."""
        return float(self.hue_excess(frame, animator).sum() / self.face_px ** 2)
