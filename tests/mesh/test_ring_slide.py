"""The hair rings slid along themselves with the face's outline (issue #9, the first ring's crease;
`MeshOptions.ring_slide`, `ring_slide.py`), read by `figures.health_causes`: on preset:turn the face's oval
slides along the first hair ring and the band between them turns over (the astronaut's crease in the hair
above the forehead, frames 7-12 of the 2 s turn)."""

from __future__ import annotations

import numpy as np
from mesh_faces import landmarks
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.health_causes import CAUSES, health_causes

EARLY = range(7, 13)  # preset:turn (2 s): turning away and up, the astronaut's hair over the first ring


def _turned_rings(image: np.ndarray, lm: np.ndarray, slide: bool) -> int:
    """Warp-health samples on turned-over hair-ring triangles over `EARLY`."""
    animator = MeshAnimator(image, lm, MeshOptions(ring_slide=slide))
    targets = turn_targets(lm)[0]
    counts = []
    for k in EARLY:
        animator.map_frame(targets[k])
        counts.append(health_causes(animator)[CAUSES.index("hair rings turned over")])
    return int(sum(counts))


def test_slid_rings_do_not_turn_over_where_the_outline_slides_along_them(astronaut: np.ndarray):
    """Measured: 83 samples without the slide (19, 18, 15, 12, 11, 8 a frame), 4 with it."""
    image = astronaut
    lm = landmarks(image)
    before, after = _turned_rings(image, lm, False), _turned_rings(image, lm, True)
    assert before > 50 and after <= 0.15 * before, (before, after)


def test_the_source_as_its_own_target_moves_no_ring_and_flags_nothing(astronaut: np.ndarray):
    """The do-nothing pose: the oval has not slid, the rings are where the engine without the slide puts them
    (to float noise), and no warp-health sample is flagged."""
    image = astronaut
    lm = landmarks(image)
    meshes = []
    for slide in (False, True):
        animator = MeshAnimator(image, lm, MeshOptions(ring_slide=slide))
        animator.map_frame(lm)
        assert not health_causes(animator).any()
        meshes.append(animator.vertices.copy())
    np.testing.assert_allclose(meshes[1], meshes[0], atol=1e-3)
