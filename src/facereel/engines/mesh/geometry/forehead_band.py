"""The band above the forehead's outline kept from being squeezed (issue #9 / #12, pitch at the sliders' ends).

A raised chin moves the face's outline up (lp_s3 `edit --pitch -25`: the oval's top ~0.25 face sizes) while the
rings round it, on and beyond the skull shell's outline, hold their place (an ellipsoid's outline hardly changes as
it turns about its centre). All of that came out of the first band of ring triangles, between the oval and the
first ring: the photo's forehead skin above the tracker's outline and the hair's edge were squeezed to a sliver
(0.1-0.3 of the two bands' length against the photo's 0.5) while the band beyond, all hair, kept its width: the
hairline drawn as the oval's straight segments across the forehead's top. `spread_squeeze` moves the first ring's
point of each upper ray out from its oval point until the first band keeps `KEEP` of its drawn share of the two
bands: the squeeze is shared by the skin's edge and the hair above it, and the hairline keeps its own shape.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep

KEEP = 1.0
"""Least share of its drawn share of the first two bands' length (along each ray, oval to the second ring) that the
first band keeps: under it the first ring's point moves out. 1: the first band is squeezed no more than the two
together (lp_s3 at pitch -25, `UP` (0.5, 0.8): 0.8 read `figures.hairline.forehead_kept` 0.29 and drew the hairline's
arch a little flatter than 1 at 4x; 1 with this `UP` 0.43)."""
UP = (0.4, 0.7)
"""Sine of a ray's angle above level (its oval point's direction from the oval's centroid, in the photo) over which
the spread fades in: the forehead's and the upper temples' rays, not those beside the eyes (`temple_tuck` there,
looking up); (0.5, 0.8) left lp_s3's hairline cut at the temples at pitch -25."""


def upper_rays(oval: np.ndarray) -> np.ndarray:
    """(K,) 0-1: how much each ray through the photo's face outline `oval` (K, 2) px takes the spread (`UP`)."""
    offset = oval - oval.mean(0)
    return smoothstep(UP[0], UP[1], -offset[:, 1] / np.linalg.norm(offset, axis=1))


def spread_squeeze(oval: np.ndarray, first: np.ndarray, second: np.ndarray, drawn: np.ndarray,
                   weight: np.ndarray) -> np.ndarray:
    """(K, 2) float32: the first ring's points `first` (K, 2) px moved out from the oval's points `oval` (K, 2) px
    (the moved face's outline) so that the first band's length |first - oval| keeps at least `KEEP` of `drawn` (K,)
    (its share of |first - oval| + |second - first| in the photo) of the two bands' length; `second` (K, 2) px the
    second ring's points; each ray takes it times `weight` (K,) 0-1 (`upper_rays`). The lengths are taken as if the
    three points lay on a line (they lie near one: one ray each)."""
    inner = np.linalg.norm(first - oval, axis=1)
    outer = np.linalg.norm(second - first, axis=1)
    scale = np.maximum(KEEP * drawn * (inner + outer) / np.maximum(inner, 1e-6), 1.0)
    scale = 1.0 + weight * (scale - 1.0)
    return (oval + scale[:, None] * (first - oval)).astype(np.float32)


def drawn_share(oval: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """(K,) the first band's share of the first two bands' length in the photo: |first - oval| over that plus
    |second - first|, each (K, 2) px."""
    inner = np.linalg.norm(first - oval, axis=1)
    return inner / np.maximum(inner + np.linalg.norm(second - first, axis=1), 1e-6)
