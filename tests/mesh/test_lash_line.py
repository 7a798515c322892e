"""Half-closed lids keep a dark edge: the drawn lash line along a lowered lid (`EyeRenderer._lash_line`), scored by
`figures.lash_line` (`fade`: the lid's edge as dark as the source's open eye's, 0, or as light as its lid skin, 1)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from mesh_target_edits import close_eye

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import blend
from facereel.engines.mesh.figures.closed_lids import closed_lids
from facereel.engines.mesh.figures.lash_line import lash_lines


def half_closed(lm: np.ndarray) -> np.ndarray:
    """Both upper lids lowered to half their gap above the lower lids."""
    return close_eye(close_eye(lm, "right", keep=0.5), "left", keep=0.5)


@pytest.mark.parametrize("name, most", [("lp_s5", 0.15), ("lp_s12", 0.45)])
def test_a_half_closed_lid_keeps_its_dark_edge(name, most):
    """lp_s5 (a painting, eyes ~30 px) and lp_s12 (a grey photo, eyes ~25 px), both upper lids lowered half way by
    the editor (lp_d3 frames 74-104 lower them so): the lowered lid's edge was lid skin down to the eyeball, a flat
    smudge (`fade` right / left 0.25 / 0.20 and 0.80 / 0.68 with the lash line drawn closure * LASH_ALPHA opaque,
    before 2026-12-03); LASH_ALPHA opaque from closure `LASH_RISE` on, it is a dark line as the source's open eye's
    edge is (0.11 / -0.02, 0.37 / 0.23), under the covered area painted its mean colour (0.58 / 0.26, 0.90 /
    0.71)."""
    image, lm = portrait(name)
    target = half_closed(lm)
    out = MeshAnimator(image, lm).render(target)
    fades = []
    for fig, lid in zip(lash_lines(image, lm), closed_lids(image, lm)):
        assert fig.fade(image, lm) == 0.0  # the source repeated: its own edge
        fades.append(fig.fade(out, target))
        # ... which the figure tells from the covered lid painted one colour down to the eyeball
        box, mask = lid.covered(target, (out.shape[1], out.shape[0]))
        flat = out.copy()
        x0, y0, x1, y1 = box
        patch = flat[y0:y1, x0:x1]
        blend(patch, patch[mask > 0.5].mean(0), np.clip(mask * 1.5, 0, 1))
        assert fig.fade(flat, target) > fades[-1] + 0.2
    assert np.mean(fades) < most
