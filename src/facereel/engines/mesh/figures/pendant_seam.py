"""A seam in the far cheek beside a held earring (issue #9, found by h29-look2): lp_s1 at 512 px, preset:turn frames
30-45, `MeshOptions(rigid_pendants=True)` drew a straight vertical seam in the skin just inside the outline beside
her image-left drop earring and a ~3 px square step at its hook. `pendants.hold_pendants` held the map only on the
ring triangles' samples, at up to ~0.7 of the way, and left the face triangles' samples beside them as they were:
the map stepped where the face's triangles begin.

`hold_step`: the largest jump (px) of what the hold changed in a frame's backward map (`MeshWarp.coarse_displacement`
held minus the same frame's with `rigid_pendants` off) between neighbouring coarse samples of which one shows a ring
triangle and the other a face triangle, in the earring's box (`pendant_width.BOX`): 0 where the hold eases out before
the face's triangles begin (off: 0 by definition), the step at the seam where it is cut there. `hold_steps`: per
frame of a clip.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.pendant_width import BOX


def hold_step(held: MeshAnimator, free: MeshAnimator) -> float:
    """px: the largest jump of `held`'s last backward map minus `free`'s (the same photo and frame, rigid_pendants
    on and off) between a ring and a face triangle's neighbouring samples whose centres lie in `BOX` (crop px; the
    512 px photo's crop is the photo)."""
    warp = held.warp
    ids = warp.triangle_ids
    x, y = warp.centres
    ring = np.where(ids >= 0, held.ring_triangles[np.maximum(ids, 0)], False)
    face = (ids >= 0) & ~ring
    near = (x >= BOX[1].start) & (x < BOX[1].stop) & (y >= BOX[0].start) & (y < BOX[0].stop)
    change = warp.coarse_displacement - free.warp.coarse_displacement
    steps = [0.0]
    for a, b in (((slice(None, -1),), (slice(1, None),)), ((slice(None), slice(None, -1)), (slice(None), slice(1, None)))):
        across = (ring[a] & face[b] | face[a] & ring[b]) & near[a] & near[b]
        steps.append(float(np.linalg.norm(change[a] - change[b], axis=-1)[across].max(initial=0.0)))
    return max(steps)


def hold_steps(held: MeshAnimator, free: MeshAnimator, targets: list[np.ndarray], frames: range) -> np.ndarray:
    """(F,) px: `hold_step` on `frames` of `targets` ((478, 3) px each) drawn by `held` and `free`, every frame up to
    the last in order."""
    steps = []
    for k in range(frames.stop):
        held.render(targets[k])
        free.render(targets[k])
        if k in frames:
            steps.append(hold_step(held, free))
    return np.array(steps)
