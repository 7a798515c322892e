"""The shadowed neck tone's outline under a turned, raised chin (issue #9): `figures.tone_patch` reads its
straight steps."""

from __future__ import annotations

import cv2
import numpy as np
from mesh_faces import portrait

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.tone_patch import TonePatch
from facereel.face import landmark_ids as ids


def test_a_pasted_rectangle_on_the_neck_reads_and_the_photo_moved_does_not():
    """`TonePatch.straight_step` on lp_s1 at 512 px: 0 for the source repeated; a rectangle of her neck
    25 grey levels darker (its chroma kept) pasted below her chin reads as straight steps along its top and sides;
    the photo shifted 2 px down (every pixel of the neck changes, none gets a straight edge) reads far less;
    the same rectangle feathered (a Gaussian of 0.05 face sizes) reads under a third of the hard one (measured
    1.49, feathered 0.0, moved 0.02 grey levels x face sizes)."""
    image, lm = portrait("lp_s1")
    source = resize_source(Source(image=image, landmarks=lm), 512)
    image, lm = source.image, source.landmarks
    figures = TonePatch(image, lm)
    assert figures.straight_step(image, lm) == 0
    face = figures.face_px / figures.scale  # px of the image
    chin = lm[ids.CHIN, :2]
    top, left = int(chin[1] + 0.04 * face), int(chin[0] - 0.12 * face)
    box = np.zeros(image.shape[:2], np.float32)
    box[top:top + int(0.15 * face), left:left + int(0.24 * face)] = 1.0
    ycrcb = cv2.cvtColor(image, cv2.COLOR_RGB2YCrCb).astype(np.float32)

    def pasted(weight: np.ndarray) -> np.ndarray:
        out = ycrcb.copy()
        out[..., 0] -= 25 * weight
        return cv2.cvtColor(np.clip(out, 0, 255).astype(np.uint8), cv2.COLOR_YCrCb2RGB)

    hard = figures.straight_step(pasted(box), lm)
    soft = figures.straight_step(pasted(cv2.GaussianBlur(box, (0, 0), 0.05 * face)), lm)
    shifted = np.roll(image, 2, axis=0)
    moved = figures.straight_step(shifted, lm)
    assert hard > 1.0, hard
    assert soft < hard / 3, (soft, hard)
    assert moved < hard / 5, (moved, hard)

