"""The clothes the head's hole takes in beside the jaw, kept in the plate as the photo (issue #9, turned portraits).

sr_8 (a hooded figure lit cyan): the head's alpha holds the hood's folds beside the jaw, so the plate's hole takes
them in, and in the neck band's rows the hole is filled from the person by push-pull (`layers.background_plate`),
which carries the lit neck's teal skin sideways over them. On a big sideways shift (preset:turn frames 24-40 and
74-86) the head uncovered a flat teal wedge where the photo shows dark folds. Where the photo in the band's hole is
the body's clothes, not skin, the plate keeps the photo: the hood's folds and shading show there when the head moves
off. A pixel is clothes where the photo is nearer the body's fill carried in from beside the hole (the plate before
the neck band's fill) than the neck band's fill (by `CLOSER`), and much darker than that fill (by `DARKER` grey
levels and under `SHADE` of its grey): a shadowed jaw or a neck's edge is near the neck's fill, dark hair beside a
pale neck (lp_s1) not near the body's fill (her chest), so both stay filled. The weight is smoothed over `SPREAD`
hole margins, so its edge does not cut the kept folds into specks.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image

CLOSER = (10.0, 20.0)
"""RGB distance (0-255 levels): by how much the photo is nearer the body's fill than the neck band's fill where it
starts to count as clothes and where in full (sr_8's hood 30-40 nearer its dark fill than the teal one)."""
DARKER = (10.0, 20.0)
"""Grey levels by which the photo is darker than the neck band's fill where it starts to count and where in full
(sr_8's hood ~25 under its teal fill)."""
SHADE = (0.3, 0.4)
"""Share of the neck band fill's grey: a photo at most the first is dark enough in full, from the second not at all
(sr_8's hood ~0.25; a shadowed jaw over its neck's fill ~0.8)."""
SPREAD = 0.22
"""Hole margins: the Gaussian sigma the weight is smoothed over (2 px at 512 for sr_8's 9 px margin)."""


def kept_cloth(crop: np.ndarray, body_fill: np.ndarray, neck_fill: np.ndarray, neck: np.ndarray, hole: np.ndarray,
               person: np.ndarray, hanging: np.ndarray, margin_px: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much the plate keeps the photo `crop` ((h, w, 3) uint8) in the neck band's hole
    (module docstring). body_fill, neck_fill: (h, w, 3) float32, the hole's fill from the body beside it and the neck
    band's fill; neck: (h, w) float32 in [0, 1], the neck band's share of the fill; hole: (h, w), nonzero in the
    plate's hole; person, hanging: (h, w) float32 in [0, 1], `HeadMask.person` and `.hanging` (hanging hair is the
    head's, never kept); margin_px: the hole's margin (px)."""
    photo = crop.astype(np.float32)
    nearer = np.linalg.norm(photo - neck_fill, axis=2) - np.linalg.norm(photo - body_fill, axis=2)
    grey, fill = grey_image(crop), grey_image(neck_fill)
    darker = np.clip((fill - grey - DARKER[0]) / (DARKER[1] - DARKER[0]), 0, 1)
    shaded = np.clip((SHADE[1] * fill - grey) / np.maximum((SHADE[1] - SHADE[0]) * fill, 1e-3), 0, 1)
    inside = neck * (hole > 0)
    cloth = np.clip((nearer - CLOSER[0]) / (CLOSER[1] - CLOSER[0]), 0, 1) * darker * shaded * inside * person
    cloth = cloth * (1 - hanging)
    smooth = cv2.GaussianBlur(cloth.astype(np.float32), (0, 0), max(SPREAD * margin_px, 0.5))
    return (np.minimum(2 * smooth, 1) * inside).astype(np.float32)
