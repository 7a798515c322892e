"""The band where a front person's side hair and the face behind it mix in the photo (issue #12: the front side
hair shown twice): a few px past the front face's region, the photo's pixels are a blend I = a F + (1 - a) B of
the front colour F and the back colour B. Whichever layer holds them whole carries the other person's colour (the
back head's layer, moved, drew a second strip of the front hair). Here each band pixel is split: F carried out
from the front face's pixels just inside its region, B carried in from the back face's just beyond the band, a
by least squares over RGB (clipped), the rest of the pixel put on the layer that holds most of it so that
a F + (1 - a) B is the photo again; the front layer draws F at alpha a, the back layer B."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.hidden_side import hidden_side
from facereel.engines.mesh.layers import EDGE_CONTRAST, fill_hole

LEVEL = 0.75
"""Front-face sizes above the front chin (along its down axis) from which its side hair's rows (the band's) begin."""
BAND = 0.08
"""Front-face sizes past the front face's region (its 0.5 line) where the two colours may mix."""
INNER = 2
"""px: the front face's pixels this far inside its region carry the front colour out."""
OUTER = 3
"""px: the back face's pixels this far beyond the band carry the back colour in."""
FIT = 12.0
"""Grey levels (RGB distance): a band pixel further than this off the line between F and B (her lip, a shadow: a
colour of neither) is not split."""
SURE = 0.5
"""`EDGE_CONTRAST`'s ramp (0 at its first, 1 at its second) from which a band pixel is split; below it the
pixel stays whole in the back face's layer (as without the split)."""


@dataclass
class MixedBand:
    """The split of the mixed band (all (H, W) on the photo's frame).

    Attributes:
        band: bool, the pixels split.
        alpha: float32 in [0, 1], the front colour's share a on `band` (0 elsewhere).
        front: float32 (H, W, 3), the front colour on `band` (the photo elsewhere).
        back: float32 (H, W, 3), the back colour on `band` (the photo elsewhere).
    """

    band: np.ndarray
    alpha: np.ndarray
    front: np.ndarray
    back: np.ndarray

    def pictures(self, photo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """((H, W, 3) uint8 front picture, (H, W, 3) uint8 back picture): `photo` with the band's front and back
        colours laid on it."""
        return tuple(np.where(self.band[..., None], np.clip(np.round(part), 0, 255), photo).astype(np.uint8)
                     for part in (self.front, self.back))


def mixed_band(photo: np.ndarray, region: np.ndarray, back: np.ndarray, level: np.ndarray, size: float,
               face: np.ndarray) -> MixedBand:
    """The split of `photo` ((H, W, 3) uint8) past the front face's `region` ((H, W) float32 in [0, 1]) over
    `back` ((H, W) bool: the face behind's own pixels) on the rows `level` ((H, W) bool: its side hair's), within
    `BAND` * `size` px (`size`: the front face's size, px) of the region."""
    inside = (region >= 0.5).astype(np.uint8)
    out = cv2.distanceTransform(1 - inside, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    depth = cv2.distanceTransform(inside, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    reach = BAND * size
    near = level & back
    band = near & (out > 0) & (out <= reach)
    image = photo.astype(np.float32)
    if not band.any():
        return MixedBand(band, np.zeros(band.shape, np.float32), image, image)
    grown = cv2.dilate(band.astype(np.uint8), np.ones((2 * INNER + 3,) * 2, np.uint8)) > 0
    front = fill_hole(image, (grown & (inside > 0) & (depth <= INNER)).astype(np.float32))
    person = np.maximum(region, (out <= reach).astype(np.float32))  # the front person's pixels, the band's too
    behind = hidden_side(photo, person, back, face)
    span = front - behind
    contrast = np.sqrt(np.einsum("hwc,hwc->hw", span, span))
    alpha = np.clip(np.einsum("hwc,hwc->hw", image - behind, span) / np.maximum(contrast, 1.0) ** 2, 0, 1)
    rest = image - alpha[..., None] * front - (1 - alpha[..., None]) * behind  # what the blend misses
    band &= (smoothstep(*EDGE_CONTRAST, contrast) >= SURE) & (np.sqrt(np.einsum("hwc,hwc->hw", rest, rest)) <= FIT)
    more = (alpha >= 0.5)[..., None]
    front = np.where(more, front + rest / np.maximum(alpha, 0.5)[..., None], front)
    behind = np.where(more, behind, behind + rest / np.maximum(1 - alpha, 0.5)[..., None])
    alpha = np.where(band, alpha, 0).astype(np.float32)
    keep = band[..., None]
    return MixedBand(band, alpha, np.where(keep, front, image), np.where(keep, behind, image))
