"""The band above the forehead's outline kept from being squeezed (issue #9 / #12, pitch at the sliders' ends).

A raised chin moves the face's outline up (lp_s3 `edit --pitch -25`: the oval's top ~0.25 face sizes) while the
rings round it, on and beyond the skull shell's outline, hold their place (an ellipsoid's outline hardly changes as
it turns about its centre). All of that came out of the first band of ring triangles, between the oval and the
first ring: the photo's forehead skin above the tracker's outline and the hair's edge were squeezed to a sliver
(0.1-0.3 of the two bands' length against the photo's 0.5) while the band beyond, all hair, kept its width: the
hairline drawn as the oval's straight segments across the forehead's top. `spread_squeeze` moves the first ring's
point of each upper ray towards the second ring's until the first band keeps `KEEP` of its drawn share of the two
bands: the squeeze is shared by the skin's edge and the hair above it, and the hairline keeps its own shape.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.far_hair import along_rings
from facereel.engines.mesh.geometry.head_proxy import smoothstep

KEEP = 1.0
"""Least share of its drawn share of the first two bands' length (along each ray, oval to the second ring) that the
first band keeps: under it the first ring's point moves out. 1: the first band is squeezed no more than the two
together (lp_s3 at pitch -25, `figures.hairline.forehead_kept`: 0.8 with `UP` (0.5, 0.8), unsmoothed, read 0.29 and
drew the hairline's arch flatter at 4x than 1 did; 1 as here reads 0.50)."""
UP = (0.4, 0.7)
"""Sine of a ray's angle above level (its oval point's direction from the oval's centroid, in the photo) over which
the spread fades in: the forehead's and the upper temples' rays, not those beside the eyes (`temple_tuck` there,
looking up); (0.5, 0.8) left lp_s3's hairline cut at the temples at pitch -25."""
FOLDED = (0.0, 0.08)
"""Shares of the way from the oval to the second ring over which the first ring's point takes the spread: at 0
the first band is turned over (the far temple looking up: `temple_tuck` pulls the outline in there; with the ring
moved there too, grace_hopper's tucked far temple folded 0.0106 face sizes^2, over `test_far_outline`'s 0.2 of the
untucked 0.0435); lp_s3 at pitch -25 reads 0.1 and more."""
PASSES = 2
"""(1, 2, 1) / 4 passes along the first ring over the moves: a ray's move alone drew the ring as a zigzag (lp_s1
on preset:turn 30-40, `test_hair_creases`)."""


def upper_rays(oval: np.ndarray) -> np.ndarray:
    """(K,) 0-1: how much each ray through the photo's face outline `oval` (K, 2) px takes the spread (`UP`)."""
    offset = oval - oval.mean(0)
    return smoothstep(UP[0], UP[1], -offset[:, 1] / np.linalg.norm(offset, axis=1))


def spread_squeeze(oval: np.ndarray, first: np.ndarray, second: np.ndarray, drawn: np.ndarray,
                   weight: np.ndarray) -> np.ndarray:
    """(K, 2) px in `first`'s dtype (`first` itself where none moves): the first ring's points `first` (K, 2) px
    moved towards the second ring's `second` (K, 2) px, along the way between them (the ring's own lane: on a turn
    the moved outline `oval` (K, 2) px slides sideways along it), until the first's share of the way from oval to
    second (its projection on that way) is at least `KEEP` of `drawn` (K,) (`drawn_share`); faded in over
    `FOLDED` of that share (a band near turning over is `temple_tuck`'s), times `weight` (K,) 0-1 (`upper_rays`),
    the moves (as shares of the way from first to second) smoothed along the ring (`PASSES`)."""
    share = drawn_share(oval, first, second)
    lack = np.maximum(KEEP * drawn - share, 0.0) * smoothstep(FOLDED[0], FOLDED[1], share) * weight
    if not lack.any():
        return first
    onward = along_rings((lack / np.maximum(1.0 - share, 1e-6))[None], PASSES)[0]
    return (first + onward[:, None] * (second - first)).astype(first.dtype)


def drawn_share(oval: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """(K,) the first ring's share of the way from the oval to the second ring: the projection of `first - oval` on
    `second - oval` over that way's squared length, each (K, 2) px (in the photo the three lie on one ray)."""
    way = second - oval
    return np.einsum("kd,kd->k", first - oval, way) / np.maximum(np.einsum("kd,kd->k", way, way), 1e-6)
