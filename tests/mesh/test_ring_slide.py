"""The hair rings slid along themselves with the face's outline, or the face's outer band taking up that slide
(issue #9, the first ring's crease; `MeshOptions.ring_slide` / `face_slide`, `ring_slide.py`), read by
`figures.health_causes`: on preset:turn the face's oval slides along the first hair ring and the band between
them turns over (the astronaut's crease in the hair above the forehead, frames 7-12 of the 2 s turn)."""

from __future__ import annotations

import numpy as np
from mesh_faces import landmarks
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.health_causes import CAUSES, health_causes

EARLY = range(7, 13)  # preset:turn (2 s): turning away and up, the astronaut's hair over the first ring


def _turned_rings(image: np.ndarray, lm: np.ndarray, slide: bool, face_slide: float = 0.0,
                  frames: range | None = EARLY) -> tuple[int, float]:
    """Warp-health samples on turned-over hair-ring triangles over `frames` (None: all) of the turn, and the warp
    health's sum over them. The samples read by the rasterised triangles (where the map lays the turned-over ones, what
    the slides act on; `health_samples(drawn=False)`): read by the triangles they are drawn with (h46-health2) the
    astronaut's counts are 40 -> 13 (the first test) and 91 -> 65 (the second), most of the rasterised ones lying
    just outside the slivers, drawn by their neighbours."""
    animator = MeshAnimator(image, lm, MeshOptions(ring_slide=slide, face_slide=face_slide))
    targets = turn_targets(lm)[0]
    counts, health = [], 0.0
    for k in frames or range(len(targets)):
        animator.map_frame(targets[k])
        counts.append(health_causes(animator, drawn=False)[CAUSES.index("hair rings turned over")])
        health += animator.warp_health
    return int(sum(counts)), health


def test_slid_rings_do_not_turn_over_where_the_outline_slides_along_them(astronaut: np.ndarray):
    """Measured: 83 samples without the slide (19, 18, 15, 12, 11, 8 a frame), 4 with it."""
    image = astronaut
    lm = landmarks(image)
    before, after = _turned_rings(image, lm, False)[0], _turned_rings(image, lm, True)[0]
    assert before > 50 and after <= 0.15 * before, (before, after)


def test_the_face_takes_up_the_outline_slide_and_the_first_band_does_not_turn_over(astronaut: np.ndarray):
    """`face_slide` (0.75, the default) over the whole 2 s turn against none (docs/mesh-engine.md): measured 262 ->
    139 samples (95 before the edge-on outline took none of the slide: lp_s1's fringe zigzagged there), the warp
    health's mean 0.0073 -> 0.0058; 0.0065 -> 0.0055 since the figure leaves squeezed slivers to their own map
    (h19-ring)."""
    lm = landmarks(astronaut)
    (before, health_before), (after, health_after) = (_turned_rings(astronaut, lm, False, share, None)
                                                      for share in (0.0, MeshOptions().face_slide))
    assert before > 150 and after <= 0.6 * before, (before, after)
    assert health_after < health_before, (health_before, health_after)


def test_the_source_as_its_own_target_moves_no_ring_and_flags_nothing(astronaut: np.ndarray):
    """The do-nothing pose: the oval has not slid, the rings and the face are where the engine without either
    slide puts them (to float noise), and no warp-health sample is flagged."""
    image = astronaut
    lm = landmarks(image)
    meshes = []
    for slide, face_slide in ((False, 0.0), (True, 0.0), (False, MeshOptions().face_slide)):
        animator = MeshAnimator(image, lm, MeshOptions(ring_slide=slide, face_slide=face_slide))
        animator.map_frame(lm)
        assert not health_causes(animator).any()
        meshes.append(animator.vertices.copy())
    np.testing.assert_allclose(meshes[1], meshes[0], atol=1e-3)
    np.testing.assert_allclose(meshes[2], meshes[0], atol=1e-3)
