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

Only clear of the jaw (`CLEAR`, face sizes outside the jaw line's outline, `jaw_clearance`): beside and under the jaw
the dark photo is the jaw's own shadow band over a dark collar (sr_18's jaw corner: its shadow 0-0.1 face sizes out,
as near the body's dark jacket as it is far from the neck's skin), which kept as the photo stood still behind the
moved jaw (`tests/mesh/test_jaw_shadow.py`, `test_neck_wedge.py`'s sr_18 tests); 97 % of sr_8's kept hood folds'
weight lies beyond 0.14 face sizes out (their pixels' median 0.4), all of sr_18's within 0.12.
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
CLEAR = (0.12, 0.16)
"""Face sizes outside the jaw line's outline: none of the clothes kept within the first, all beyond the second (the
jaw's shadow band under and beside it: sr_18's ~0.07 tall under the chin, at its jaw corner up to 0.1 out)."""
SPREAD = 0.22
"""Hole margins: the Gaussian sigma the weight is smoothed over (2 px at 512 for sr_8's 9 px margin)."""


def jaw_clearance(shape: tuple[int, int], jaw: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32 in [0, 1] over a crop of `shape`: 0 within `CLEAR`'s first face sizes (`face_px` px each) of
    the jaw line's outline (`jaw`, (n, 2) crop px, `jaw_line.JAW`'s points, closed across the face), 1 beyond its
    second, linear between."""
    lower_face = np.ones(shape, np.uint8)
    cv2.fillPoly(lower_face, [np.round(jaw).astype(np.int32)], 0)
    out = cv2.distanceTransform(lower_face, cv2.DIST_L2, 5) / face_px
    return np.clip((out - CLEAR[0]) / (CLEAR[1] - CLEAR[0]), 0, 1).astype(np.float32)


def kept_cloth(crop: np.ndarray, body_fill: np.ndarray, neck_fill: np.ndarray, neck: np.ndarray, hole: np.ndarray,
               person: np.ndarray, hanging: np.ndarray, margin_px: float, clear: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much the plate keeps the photo `crop` ((h, w, 3) uint8) in the neck band's hole
    (module docstring). body_fill, neck_fill: (h, w, 3) float32, the hole's fill from the body beside it and the neck
    band's fill; neck: (h, w) float32 in [0, 1], the neck band's share of the fill; hole: (h, w), nonzero in the
    plate's hole; person, hanging: (h, w) float32 in [0, 1], `HeadMask.person` and `.hanging` (hanging hair is the
    head's, never kept); margin_px: the hole's margin (px); clear: (h, w) float32 in [0, 1], how far the pixel is
    clear of the jaw (`jaw_clearance`)."""
    photo = crop.astype(np.float32)
    nearer = np.linalg.norm(photo - neck_fill, axis=2) - np.linalg.norm(photo - body_fill, axis=2)
    grey, fill = grey_image(crop), grey_image(neck_fill)
    darker = np.clip((fill - grey - DARKER[0]) / (DARKER[1] - DARKER[0]), 0, 1)
    shaded = np.clip((SHADE[1] * fill - grey) / np.maximum((SHADE[1] - SHADE[0]) * fill, 1e-3), 0, 1)
    inside = neck * (hole > 0)
    cloth = np.clip((nearer - CLOSER[0]) / (CLOSER[1] - CLOSER[0]), 0, 1) * darker * shaded * inside * person
    cloth = cloth * (1 - hanging)
    smooth = cv2.GaussianBlur(cloth.astype(np.float32), (0, 0), max(SPREAD * margin_px, 0.5))
    return (np.minimum(2 * smooth, 1) * inside * clear).astype(np.float32)
