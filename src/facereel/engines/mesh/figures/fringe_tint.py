"""Tinted lines along the jaw, read from a rendered frame (issue #9): the head's soft edge unmixed against a
plate of another colour (`fringe_plate`).

Turned ~45 deg, grace_hopper's moved cheek and jaw showed a thin saturated orange line along their outline: the
head's soft edge below the ear, premultiplied against the sky-blue fill behind it, laid over the neck's skin.
In grey levels such a line hardly differs from the skin beside it (`jaw_wisps` reads it faintly); in colour
it stands out. `fringe_tint` is `jaw_wisps` read on the chroma (`chroma`: CIELAB's sqrt(a*^2 + b*^2), scaled as
grey levels) instead of the grey levels: the share of the band along the lower face oval on a thin piece of
colour that the photo has neither where it is nor where the head carried it from. From the frame alone, so any
version of the engine and the do-nothing baseline (the source repeated: 0) read the same way.

`over_saturated` reads the same band for pixels more saturated than the photo's face skin ever is (its
`SATURATED` percentile of chroma): the moved cheek's and lobe's soft edge under grace_hopper's far ear, skin unmixed
against the sky's fill and laid over the neck's tone, drew orange dashes (preset:turn 10-16) that `fringe_tint` hardly
counts (the photo's lobe edge, where the head carried them from, is a thin saturated piece against the sky too).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.jaw_wisps import jaw_wisp_mask
from facereel.face import landmark_ids as ids

CHROMA_GAIN = 2.0
"""Chroma units (CIELAB a*, b* as OpenCV's 8-bit Lab) to levels: a thin piece counts from `jaw_slivers.CONTRAST`
(25) levels, ~12 chroma units above or below what lies beside it."""
SATURATED = 99.9
"""Percentile of the photo's face skin's `chroma` (inside the face oval) above which a pixel is over-saturated
(`over_saturated`)."""


def chroma(rgb: np.ndarray) -> np.ndarray:
    """(h, w) float32: the chroma of (h, w, 3) uint8 RGB, times `CHROMA_GAIN` (0 for grey)."""
    lab = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2LAB).astype(np.float32)
    return CHROMA_GAIN * np.hypot(lab[..., 1] - 128.0, lab[..., 2] - 128.0)


def fringe_tint(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
                target_landmarks: np.ndarray) -> float:
    """Share in [0, 1] of the band along the lower face oval of `frame` ((H, W, 3) uint8 RGB, rendered from
    `photo` with the face moved from `source_landmarks` to `target_landmarks`, (478, 2+) px each) on a thin
    piece of colour the photo does not show there (`jaw_wisps.jaw_wisp_mask` on the `chroma`)."""
    new, looked, _ = jaw_wisp_mask(frame, photo, source_landmarks, target_landmarks, chroma)
    return float(new.sum() / max(1, looked.sum()))


def over_saturated(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
                   target_landmarks: np.ndarray) -> float:
    """Face sizes (px over the face size: the length of a 1 px line): the pixels of the band along the lower face
    oval of `frame` ((H, W, 3) uint8 RGB, rendered from `photo` with the face moved from `source_landmarks` to
    `target_landmarks`, (478, 2+) px each; `jaw_wisp_mask`'s band) whose `chroma` is over the photo's face skin's
    `SATURATED` percentile where the photo's at the same pixel is not."""
    face = np.zeros(photo.shape[:2], np.uint8)
    cv2.fillPoly(face, [np.round(source_landmarks[list(ids.FACE_OVAL), :2]).astype(np.int32)], 1)
    photo_chroma = chroma(photo)
    limit = np.percentile(photo_chroma[face > 0], SATURATED)
    _, band, (x0, y0) = jaw_wisp_mask(frame, photo, source_landmarks, target_landmarks, chroma)
    window = (slice(y0, y0 + band.shape[0]), slice(x0, x0 + band.shape[1]))
    over = band & (chroma(frame[window]) > limit) & (photo_chroma[window] <= limit)
    return float(over.sum() / face_size(source_landmarks))
