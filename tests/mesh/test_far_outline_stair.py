"""lp_s1 at 512 x preset:turn (2 s, as `facereel animate -d preset:turn` retargets it), frames 36-47: the far cheek
drawn over its hair, its outline a jump of the map over the photo's ear lobe, earring and cheek edge (h40-sweep's
find; h41-s1stair), read by `figures/unseamed_jumps` (the hard 1-px staircase) and `figures/hidden_reads` (the pixels
read between the jump's two sides, and the specks among them)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import set_up_copy

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.figures.hidden_reads import hidden_reads
from facereel.engines.mesh.figures.unseamed_jumps import unseamed_hard_pairs
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = range(36, 48)
FAR_OUTLINE = (295, 160, 350, 310)  # image px (x0, y0, x1, y1): the far cheek's outline over the hair, eye to jaw


@pytest.fixture(scope="module")
def far_outline(lp_s1_512) -> np.ndarray:
    """(frames, 3) int: per frame of `FRAMES`, the hidden reads, their specks and the unseamed hard pairs in
    `FAR_OUTLINE`."""
    image, lm = lp_s1_512
    animator = set_up_copy(image, lm, mesh_options(AnimateOptions()))
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    found = []
    for k in FRAMES:
        frame = animator.map_frame(targets[k])
        drawn = animator.draw(frame)
        disp = animator.warp.full_size(frame.coarse, frame.seam)
        origin = animator.box[:2]
        found.append((*hidden_reads(drawn, disp, frame.seam, origin, FAR_OUTLINE),
                      unseamed_hard_pairs(drawn, disp, frame.seam, origin, FAR_OUTLINE)))
    return np.array(found)


def test_the_far_cheek_over_its_hair_steps_softly(far_outline):
    """The jump cells' pixels none of the triangles of the 4 x 4 samples around the cell covers (a thin wedge of the
    ring triangle behind the cheek's outline) were left bilinear: the pair across the jump never anti-aliased, a hard
    1-px staircase. Frames 36-47, hard pairs off the seam: engine before 269 (15-45 a frame), after (drawn by the
    last drawn triangle covering them, `map_kernels.uncovered_pixels`) 1; the source repeated 0 (no map)."""
    assert far_outline[:, 2].sum() <= 4, far_outline[:, 2]


def test_the_far_cheek_reads_nothing_the_jump_hides(far_outline):
    """Those bilinear pixels blended the two sides' maps and read the photo between them (lobe, earring, cheek
    edge): pale, grey-blue and dark specks along the outline. Frames 36-47, hidden reads / specks: engine before
    342 / 59, after 0 / 0; the source repeated 0 / 0."""
    reads, specks = far_outline[:, 0].sum(), far_outline[:, 1].sum()
    assert reads <= 4 and specks == 0, far_outline[:, :2]
