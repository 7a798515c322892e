"""The photo under a held hand, where the hand moved away from it, drawn unlike the photo round the hand (issue #9,
`held_hand`): Telea's inpainting of the hand's place drew lp_s1's pearl clasp out across her neck as a white smear
and blended her blue top into the white dress as a pale blue-grey ellipse (h34-look, lp_d12 140-179 at 384 px, frame
8, x 203-244 y 240-301 and x 176-224 y 312-362).

`rim_drift`: in the place the hand left (`hand_left.uncovered`: the photo's hand `mask` less the hand placed on the
frame by the head's motion), restricted to `read` (e.g. off the face oval, where the map leaves the photo still), each
frame pixel's CIE Lab distance (L 0-100) to the photo's nearest pixel round the hand (outside the mask grown by
`RIM` px, whose pixels mix the hand's colour); returned: the mean over those pixels. A fill that carries each part of
the rim in as itself (skin from the skin, cloth from the cloth) reads low, a smear of a thin bright detail across
the skin or a blend of two cloths into a third colour high; a flat copy of the nearest rim would read 0, so the
figure says nothing of texture. The source repeated reads 0 (nothing uncovered)."""

from __future__ import annotations

import cv2
import numpy as np
from scipy import ndimage

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.figures.hand_left import uncovered

RIM = 2
"""px: the photo's hand mask is grown by this before its nearest outside pixel is taken (the photo's blur mixes the
hand's colour into the rim's first px)."""


def _lab(image: np.ndarray) -> np.ndarray:
    """(H, W, 3) float32 CIE Lab (L 0-100) of `image` (H, W, 3) uint8 RGB."""
    return cv2.cvtColor(image.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)


def rim_drift(photo: np.ndarray, frame: np.ndarray, mask: np.ndarray, move: np.ndarray, read: np.ndarray) -> float:
    """Mean Lab distance of `frame` (H, W, 3) uint8 RGB's pixels where the hand `mask` (H, W) bool left the photo (the
    hand placed by `move`, (2, 3) photo -> frame px), within `read` (H, W) bool, to the nearest pixel of `photo`
    (H, W, 3) uint8 RGB round the hand (module docstring); 0 where nothing is uncovered."""
    left = uncovered(mask, move) & read
    if not left.any():
        return 0.0
    grown = cv2.dilate(mask.astype(np.uint8), disc_kernel(RIM)) > 0
    _, (ys, xs) = ndimage.distance_transform_edt(grown, return_indices=True)
    rim = _lab(photo)[ys[left], xs[left]]
    return float(np.linalg.norm(_lab(frame)[left] - rim, axis=-1).mean())
