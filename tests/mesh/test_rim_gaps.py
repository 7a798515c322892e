"""The head's edge on the photo's skin is read whole, not dotted (`plate_fill.head_halo.skin_rim`; issues #9 / #12).

lp_s3 at its own size, `facereel edit --pitch -25`: along the image-left jaw the head layer's alpha dipped, from the
wall in, 0.2, 0.5, 0.08, 0.8: `skin_rim` raised the photo's pale edge outside the mask but not the mask's own
soft-edge pixel on the bright skin, and the raised jaw's outline was drawn dotted (`figures.rim_gaps.rim_gaps`: the
segmentation's mask 3, the engine before 23)."""

from __future__ import annotations

import numpy as np
from mesh_faces import pale_head_on_wall, portrait

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.rim_gaps import rim_gaps
from facereel.engines.mesh.plate_fill.head_halo import skin_rim

GAPS_MOST = 10
"""`rim_gaps` of lp_s3's head layer alpha (the segmentation's mask 3, the engine before 23, now 5)."""


def test_rim_gaps_counts_a_dip_in_the_edge_and_not_a_ramp():
    """An edge falling 1, 0.8, 0.6, 0.4, 0 outwards has no gap; with its 0.6 lowered to 0.1, a column of them."""
    alpha = np.zeros((20, 30), np.float32)
    alpha[:, :10] = 1
    alpha[:, 10:13] = (0.8, 0.6, 0.4)
    assert rim_gaps(alpha) == 0
    alpha[:, 11] = 0.1
    assert rim_gaps(alpha) >= 18


def test_the_masks_soft_edge_on_the_heads_skin_is_raised_to_its_share():
    """A pale head (200) over a dark wall (100), its photo's edge (x 40-41: 180, 150) under the mask's soft edge
    (alpha 0.1 at x 40) and past it: both raised to their share of the step (0.8, 0.5), the head itself untouched."""
    crop, fill, alpha, hole, person = pale_head_on_wall((180, 150), soft=0.1)
    rim = skin_rim(crop, fill, alpha, hole, person, 0.02)
    assert np.allclose(rim[10:30, 40], 0.8, atol=0.07) and np.allclose(rim[10:30, 41], 0.5, atol=0.07)
    assert (rim[:, :40] == 0).all()
    assert rim_gaps(np.maximum(alpha, rim)) == 0


def test_lp_s3s_jaw_outline_has_no_gaps():
    """lp_s3 (own size): the head layer's alpha has at most `GAPS_MOST` gap pixels along its edge."""
    image, landmarks = portrait("lp_s3")
    gaps = rim_gaps(MeshAnimator(image, landmarks).layer.alpha)
    assert gaps <= GAPS_MOST, f"lp_s3: {gaps} gap pixels in the head's edge"
