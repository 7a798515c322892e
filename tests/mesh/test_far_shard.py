"""A shard of the far cheek cut off under the nose tip on a big turn (issue #9, h44-fresh): sr_8 at 512 x preset:turn
frames 4-7 draw a thin strip of the far cheek's outline hanging from the nose tip past the mouth, apart from the face
(`figures/far_shard`). The figure reads it on the engine's frames and reads 0 on the source repeated."""

from __future__ import annotations

from pathlib import Path

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_shard import detached, far_shard
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARD_FRAMES = (5, 6)  # preset:turn (2 s): the strip under sr_8's nose tip at its longest


def test_the_far_shard_figure_reads_sr_8s_strip_under_the_nose(shared_data: Path) -> None:
    source = resize_source(load_source(shared_data / "portraits" / "sr_8.png"), 512)
    image, lm = source.image, source.landmarks
    animator = MeshAnimator(image, lm)
    animator.render(lm)
    rest = (animator.drawn_alpha(), lm)
    size = face_size(lm)
    assert far_shard(*rest, *rest, animator.origin, size) == 0.0  # the source repeated
    assert detached(*rest, animator.origin).any()  # the photo's own cut-off piece, taken off by the figure
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    reads = []
    for k in SHARD_FRAMES:
        animator.render(targets[k])
        reads.append(far_shard(animator.drawn_alpha(), targets[k], *rest, animator.origin, size))
    # 0.0129 / 0.0113 squared face sizes (449 / 393 px at 512 beyond the photo's 129) on the engine of 2026-12-07
    assert min(reads) > 0.005, reads
