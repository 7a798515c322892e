"""The far cheek's outline broken into a comb of skin blocks, or doubled, on a turn (issue #9), read from a frame's
pixels and landmarks.

sr_18 (turned ~12 deg in the photo) turned further away (`edit --yaw 20`, 800 px and his own 1600) draws his far
cheek's outline as skin blocks stepping out onto the dark background, a darker skin band along it and horizontal
skin streaks along the jaw: the photo's far cheek past the oval landmarks, below the jaw line, is kept in the head
at 0.71 alpha (`head_proxy._under_jaw`'s far-cheek rule, scaled by how turned the photo is), so the moved cheek shows
the plate through it. Both readings look at the photo's far side (`far_tear.far_side`), rows from
`far_tear.BELOW_EYES` below the pupils to the lower mouth corner, columns from the far mouth corner out to
`far_tear.REACH` face sizes beyond the outermost eye / mouth corner (`cheek_band`, `far_tear.cheek_box`):
`steps_out`, the area by which the outline (the end of the face's skin colour, `far_tear.skin_model`) steps back
out below its widest row; `parallel_edges`, the hard drops in lightness outwards per row beyond the outline's one (a
band of see-through skin along the outline, a block beside it). Read beside the source repeated.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.far_tear import MIN_SKIN, cheek_box
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance

TOLERANCE = 0.005
"""Face sizes an outline row may lie past the rows above it before it counts as stepping out (~1 px at 800 px: the
skin model's read of the soft edge wavers by a pixel)."""
DROP = 12.0
"""L* (0-100) over 2 px outwards: a hard edge (sr_18's cheek onto the dark background ~40; his photo's own soft
edges beside the cheek, the blurred lights behind him, mostly under it)."""


def cheek_band(frame: np.ndarray, landmarks: np.ndarray, side: int, size: float) -> np.ndarray | None:
    """(n, m, 3) uint8 RGB: the far cheek of `frame` ((H, W, 3) uint8 RGB) as `far_tear.cheek_box` reads it from the
    far mouth corner out (rows from `far_tear.BELOW_EYES` below the pupils to the lower mouth corner), flipped for
    `side` -1 so that each row runs outwards; landmarks: (478, 2+) px, the frame's; side: the photo's far side (+1:
    right); size: the photo's face size px. None where `cheek_box` reads nothing."""
    box = cheek_box(frame.shape[:2], landmarks, side, size, from_mouth=True)
    if box is None:
        return None
    top, bottom, x0, x1 = box
    band = np.ascontiguousarray(frame[top:bottom, x0:x1])
    return band if side > 0 else np.ascontiguousarray(band[:, ::-1])


def outline_ends(frame: np.ndarray, landmarks: np.ndarray, skin: tuple[np.ndarray, np.ndarray], side: int,
                 size: float) -> np.ndarray:
    """(n,) float32: per row of `cheek_band`, px from the far mouth corner to the end of the outermost run of the
    skin's colour at least `far_tear.MIN_SKIN` face sizes long (a crease inside the cheek does not end it; NaN where
    the row has none). skin: the photo's skin model (`far_tear.skin_model`); the rest as `cheek_band`'s."""
    band = cheek_band(frame, landmarks, side, size)
    if band is None:
        return np.zeros(0, np.float32)
    is_skin = colour_distance(cv2.cvtColor(band, cv2.COLOR_RGB2LAB).astype(np.float32), skin) < CHI2_99
    least = max(2, round(MIN_SKIN * size))
    # A run at least `least` long ends at a column where the count of skin over the `least` columns up to it is full.
    runs = cv2.filter2D(is_skin.astype(np.float32), -1, np.ones((1, least), np.float32), anchor=(least - 1, 0),
                        borderType=cv2.BORDER_CONSTANT)
    ends = np.full(len(is_skin), np.nan, np.float32)
    for row, line in enumerate(runs >= least - 0.5):
        found = np.flatnonzero(line)
        if len(found):
            ends[row] = found[-1] + 1
    return ends


def steps_out(frame: np.ndarray, landmarks: np.ndarray, skin: tuple[np.ndarray, np.ndarray], side: int,
              size: float) -> float:
    """Face sizes^2 x 1000: the area of skin the far cheek's outline (`outline_ends`, arguments alike) steps back out
    by below its widest row: per row, how far its end lies past the nearest end of the rows from the widest to it,
    less `TOLERANCE` face sizes, summed. A cheek's outline runs in from the cheekbone to the chin (0 on sr_18's photo
    repeated); blocks stepping out onto the background read as their area. 0 when no row is read."""
    ends = outline_ends(frame, landmarks, skin, side, size)
    if not np.isfinite(ends).any():
        return 0.0
    below = ends[int(np.nanargmax(ends)):]
    below = below[np.isfinite(below)]
    nearest = np.minimum.accumulate(below)
    return float(1000.0 * np.clip(below - nearest - TOLERANCE * size, 0, None).sum() / size ** 2)


def parallel_edges(frame: np.ndarray, landmarks: np.ndarray, side: int, size: float) -> float:
    """Hard edges per row beyond one: over `cheek_band`'s rows (arguments alike), the mean count, less 1 (none
    below 0), of the outward drops in lightness of at least `DROP` L* over 2 px (local maxima of the drop): the
    cheek's outline onto the background is one; a see-through skin band along it, a skin block beside it or a
    streak's end add theirs. 0 when no row is read."""
    band = cheek_band(frame, landmarks, side, size)
    if band is None or band.shape[1] < 5:
        return 0.0
    lightness = cv2.cvtColor(band, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32) * (100.0 / 255.0)
    drop = lightness[:, :-2] - lightness[:, 2:]
    peak = (drop[:, 1:-1] >= DROP) & (drop[:, 1:-1] >= drop[:, :-2]) & (drop[:, 1:-1] > drop[:, 2:])
    return float(np.clip(peak.sum(axis=1) - 1, 0, None).mean())
