"""A shut lid shows a fold above its lash line (`EyeRenderer._crease`), scored by `figures.lid_crease`."""

from __future__ import annotations

from mesh_faces import portrait
from mesh_target_edits import close_eye

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.lid_crease import creases


def test_a_small_shut_lid_shows_its_crease():
    """lp_s0 at its own size (a painting, eyes ~20 px): its image-left shut lid was a smooth pale blob (`crease`
    -0.4 grey levels before 2026-12-05; lp_d3's own shut lids 7-30, its first frame repeated 16); now 11.3."""
    image, lm = portrait("lp_s0")
    target = close_eye(close_eye(lm, "right", keep=0.0), "left", keep=0.0)
    out = MeshAnimator(image, lm).render(target)
    right, left = creases(out, target)
    assert right > 5.0
    assert left > 10.0  # its left lid kept its fold (14.1 before and after)

