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

Eased out, a bump of skin was left (h29-pendseam): on preset:turn 40-43 the held drop, narrower than the stretched one,
left a gap between it and the moved cheek's edge which the hold filled with the photo's cheek beside the earring, so
the skin came up beside the drop over the hair below it (moved by its cheek side too, `pendants._motion`, it stays
beside the cheek's edge: h30-pendseam). `cheek_width`: the widest run (px, along a row of coarse
samples) of ring-triangle samples in the box whose held map reads the photo's face oval where the same frame's map
with `rigid_pendants` off does not (off: 0 by definition); `cheek_widths`: per frame of a clip.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.pendant_width import BOX
from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_edge.pendants import bilinear


def hold_step(held: MeshAnimator, free: MeshAnimator) -> float:
    """px: the largest jump of `held`'s last backward map minus `free`'s (the same photo and frame, rigid_pendants
    on and off) between a ring and a face triangle's neighbouring samples whose centres lie in `BOX` (crop px; the
    512 px photo's crop is the photo)."""
    warp = held.warp
    ring, near = _ring_in_box(held)
    face = (warp.triangle_ids >= 0) & ~ring
    change = warp.coarse_displacement - free.warp.coarse_displacement
    steps = [0.0]
    for a, b in (((slice(None, -1),), (slice(1, None),)), ((slice(None), slice(None, -1)), (slice(None), slice(1, None)))):
        across = (ring[a] & face[b] | face[a] & ring[b]) & near[a] & near[b]
        steps.append(float(np.linalg.norm(change[a] - change[b], axis=-1)[across].max(initial=0.0)))
    return max(steps)


def _ring_in_box(animator: MeshAnimator) -> tuple[np.ndarray, np.ndarray]:
    """Per coarse sample of `animator`'s last frame ((h, w) bool each): whether it shows a ring triangle, whether its
    centre lies in `BOX` (crop px)."""
    ids = animator.warp.triangle_ids
    x, y = animator.warp.centres
    ring = np.where(ids >= 0, animator.ring_triangles[np.maximum(ids, 0)], False)
    return ring, (x >= BOX[1].start) & (x < BOX[1].stop) & (y >= BOX[0].start) & (y < BOX[0].stop)


def cheek_width(held: MeshAnimator, free: MeshAnimator) -> float:
    """px: the widest run along a row of coarse samples in `BOX` (crop px) showing a ring triangle whose reading in
    `held`'s last backward map lies in the photo's face oval and in `free`'s (the same photo and frame, rigid_pendants
    on and off) does not."""
    warp = held.warp
    x, y = warp.centres
    oval = face_oval((held.box[3] - held.box[1], held.box[2] - held.box[0]), held.source_landmarks,
                     held.origin)[0].astype(np.float32)

    def on_face(animator: MeshAnimator) -> np.ndarray:
        shift = animator.warp.coarse_displacement
        return bilinear(oval, x + shift[..., 0], y + shift[..., 1]) >= 0.5

    ring, near = _ring_in_box(held)
    cheek = (ring & near & on_face(held) & ~on_face(free)).astype(np.int32)
    runs = np.zeros(cheek.shape[0], np.int32)
    longest = np.zeros(cheek.shape[0], np.int32)
    for column in cheek.T:
        runs = (runs + 1) * column
        longest = np.maximum(longest, runs)
    return float(longest.max()) * float(x[0, 1] - x[0, 0])


def cheek_widths(held: MeshAnimator, free: MeshAnimator, targets: list[np.ndarray], frames: range) -> np.ndarray:
    """(F,) px: `cheek_width` on `frames` of `targets` ((478, 3) px each) drawn by `held` and `free`, every frame up
    to the last in order."""
    return _per_frame(cheek_width, held, free, targets, frames)


def hold_steps(held: MeshAnimator, free: MeshAnimator, targets: list[np.ndarray], frames: range) -> np.ndarray:
    """(F,) px: `hold_step` on `frames` of `targets` ((478, 3) px each) drawn by `held` and `free`, every frame up to
    the last in order."""
    return _per_frame(hold_step, held, free, targets, frames)


def _per_frame(figure: Callable[[MeshAnimator, MeshAnimator], float], held: MeshAnimator, free: MeshAnimator,
               targets: list[np.ndarray], frames: range) -> np.ndarray:
    """(F,) `figure(held, free)` on `frames` of `targets` ((478, 3) px each) drawn by both, every frame up to the
    last in order."""
    values = []
    for k in range(frames.stop):
        held.render(targets[k])
        free.render(targets[k])
        if k in frames:
            values.append(figure(held, free))
    return np.array(values)
