"""Skin and wall mixed into a film: the `film_share` figure (issue #12 part 4, issue #9).

lp_d19's frame 0 (480 x 480) `edit --pitch -30`: beside both jaw corners (x 124-149 and 340-367, y 258-320) soft pale
translucent lumps, the neck's shadowed tone laid at 0.2-0.6 over the wall's fill (`NeckWarp.below_jaw`'s ramp beside
the neck's side, `tests/mesh/test_jaw_corner_film.py`): neither skin nor wall. `film_share` reads a box of a frame: the
share of its pixels whose chroma (YCrCb's Cr, Cb) lies part way (`FILM`) along the line from the wall's chroma to the
skin's, both read on the photo (`photo_chroma`). A frame showing wall and skin there with edges as soft as the photo's
reads near 0; a tone laid in part reads its whole spread.
"""

from __future__ import annotations

import cv2
import numpy as np

FILM = (0.2, 0.7)
"""Projections from the wall's chroma (0) to the skin's (1) read as a film of the two: a tone laid in part."""


def chroma(image: np.ndarray) -> np.ndarray:
    """(h, w, 2) float32: YCrCb's Cr and Cb of `image` ((h, w, 3) uint8 RGB)."""
    return cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2YCrCb)[..., 1:].astype(np.float32)


def photo_chroma(photo: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """(2,) float32: the median chroma (`chroma`) of `photo` ((h, w, 3) uint8 RGB) in `box` ((x0, y0, x1, y1) px):
    the wall's or the skin's, read where the photo shows it plainly."""
    x0, y0, x1, y1 = box
    return np.median(chroma(photo[y0:y1, x0:x1]).reshape(-1, 2), 0).astype(np.float32)


def film_share(frame: np.ndarray, box: tuple[int, int, int, int], wall: np.ndarray, skin: np.ndarray) -> float:
    """Share in [0, 1] of the pixels of `frame` ((h, w, 3) uint8 RGB) in `box` ((x0, y0, x1, y1) px) whose chroma
    projects within `FILM` on the line from `wall`'s to `skin`'s ((2,) chroma, `photo_chroma`)."""
    x0, y0, x1, y1 = box
    line = np.asarray(skin, np.float32) - np.asarray(wall, np.float32)
    along = (chroma(frame[y0:y1, x0:x1]) - wall) @ line / max(float(line @ line), 1e-6)
    return float(((along >= FILM[0]) & (along <= FILM[1])).mean())
