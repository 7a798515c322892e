"""The hair beside the far cheek kept in view on big turns (issue #9, lp_s1 on preset:turn frames 10-14).

Ring points beside the face's lower sides ride on the skull shell's outline (`MeshAnimator._target_vertices`),
which hardly moves as the head turns, while the far cheek swings out to the head's outline (and
`far_cheek.round_far_cheek` brings it farther): turned ~45 deg the far cheek passed the first two rings, so the
band of hair between them and the oval was drawn under the face and the cheek stood against the wall
(`figures.far_hair`). `keep_far_hair` moves each such ring point out along its ray until it stands beyond its
oval point by at least `KEEP` of the photo's distance: the hair band is foreshortened, not folded under the face. A ring
point already that far out (every one on the source repeated, the near side on a turn) is left as it is.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.head_proxy import smoothstep

KEEP = 0.5
"""Of the photo's distance from a ring point to its oval point (along the ray from the oval's centre): the
least the frame keeps (the band foreshortened as by a 60 deg turn; 0.75 showed more hair but drew the hair under
lp_s1's right ear out into streaks at the far end of preset:turn, `ArtefactScores.hair_streaks` up to 0.007)."""
SIDEWAYS = (0.5, 0.8)
"""|x| of a ray's unit direction: the ramp (smoothstep) from rays not moved to rays pointing to the face's side
(within 37 deg of level) moved in full; the same ramp on y from the oval's centre's height down."""
LOWEST = (0.45, 0.6)
"""y of a ray's unit direction: the ramp (smoothstep) down to rays not moved, towards the jaw's angle and the
chin (where the hair under the ear hangs, `hanging_hair`: moved out, lp_s1's was drawn into streaks at the far
end of preset:turn, `ArtefactScores.hair_streaks` 0.0041 -> 0.0065 at frame 44)."""


def keep_far_hair(rings: np.ndarray, ring_src: np.ndarray, oval_tgt: np.ndarray, oval_src: np.ndarray,
                  follow: np.ndarray) -> np.ndarray:
    """(N, 2) float32 ring points (crop px) moved out along their rays so that each stands beyond its oval point
    by at least `KEEP` of its photo's distance; only those following the head's motion in full (follow 1).

    rings, ring_src: (N, 2) the frame's and the photo's ring points; oval_tgt, oval_src: (N, 2) each one's oval
    point, the frame's and the photo's; follow: (N, 1) in [0, 1]. Only rays below the oval's centre (the
    temples are `temple_tuck`'s), pointing sideways (`SIDEWAYS`), above the jaw's angle (`LOWEST`), are moved."""
    centre = oval_tgt.mean(0)
    ray = oval_tgt - centre
    ray /= np.maximum(np.linalg.norm(ray, axis=1, keepdims=True), 1e-6)
    photo_ray = oval_src - oval_src.mean(0)
    photo_ray /= np.maximum(np.linalg.norm(photo_ray, axis=1, keepdims=True), 1e-6)
    reach = np.einsum("ij,ij->i", ring_src - oval_src, photo_ray)  # px, the photo's distance beyond the oval
    beyond = np.einsum("ij,ij->i", rings - oval_tgt, ray)
    side = (smoothstep(*SIDEWAYS, np.abs(ray[:, 0])) * smoothstep(0.0, 1.0 - SIDEWAYS[1], ray[:, 1])
            * (1 - smoothstep(*LOWEST, ray[:, 1])))
    short = np.maximum(KEEP * reach - beyond, 0.0) * side * (follow[:, 0] >= 1)
    return (rings + short[:, None] * ray).astype(np.float32)
