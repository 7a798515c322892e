"""Half-closed lids keep a dark edge: the drawn lash line along a lowered lid (`EyeRenderer._lash_line`), scored by
`figures.lash_line` (`fade`: the lid's edge as dark as the source's open eye's, 0, or as light as its lid skin, 1)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait, shared_animator
from mesh_target_edits import close_eye

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
    edge is (0.11 / -0.02, 0.37 / 0.23; since h21-lids, the lid keeping half its own shade, 0.09 / -0.03, 0.30 / 0.15),
    under the covered area painted its brighter half's colour (0.51 / 0.33, 1.19 / 0.90)."""
    image, lm = portrait(name)
    target = half_closed(lm)
    out = shared_animator(name).render(target)
    fades = []
    for fig, lid in zip(lash_lines(image, lm), closed_lids(image, lm)):
        assert fig.fade(image, lm) == 0.0  # the source repeated: its own edge
        fades.append(fig.fade(out, target))
        # ... which the figure tells from the covered lid painted one pale colour (its brighter half's) down to the
        # eyeball. (Its mean's, until h21-lids: since a half-closed lid keeps its own shade that mean is darker, and
        # lp_s5's flat lid read only 0.10 above the drawn one, with the shade kept whole.)
        box, mask = lid.covered(target, (out.shape[1], out.shape[0]))
        flat = out.copy()
        x0, y0, x1, y1 = box
        patch = flat[y0:y1, x0:x1]
        px = patch[mask > 0.5].astype(np.float32)
        luma = px @ np.float32([0.299, 0.587, 0.114])
        blend(patch, px[luma >= np.median(luma)].mean(0), np.clip(mask * 1.5, 0, 1))
        assert fig.fade(flat, target) > fades[-1] + 0.2
    assert np.mean(fades) < most


@pytest.mark.parametrize("name, light, shadow", [("lp_s12", 1.3, 1.07), ("lp_s5", 0.85, 0.75)])
def test_a_half_closed_lid_carries_its_own_lid_and_shades_the_eye(name, light, shadow):
    """The same half-closed lids (lp_d3 frames 74-104): the lid above the edge was the lid skin's brighter half
    down to the eyeball, a pale flat band (`band` light right / left lp_s12 1.30 / 1.36, lp_s5 1.07 / 0.83 over
    the photo's lid skin; the source repeated 1.16 / 1.05, 0.57 / 0.64), and the eyeball under it as lit as the
    photo's (shadow 1.18 / 1.04, 0.98 / 0.57; source repeated 0.72 / 0.68, 0.61 / 0.45). Half closed, the lid now
    keeps half its own shade (its lid shadow above the lashes; `HALF_LIFT`) and casts a shadow under its edge
    (`_edge_shadow`): light 1.28 / 1.25, 0.83 / 0.70 and shadow 1.11 / 0.97, 0.91 / 0.53."""
    image, lm = portrait(name)
    target = half_closed(lm)
    out = shared_animator(name).render(target)
    bands = np.array([fig.band(out, target) for fig in lash_lines(image, lm)])
    assert bands[:, 0].mean() < light
    assert bands[:, 1].mean() < shadow
