"""The skull shell's depth per portrait: a face that fills its head turns the hair beside it with it (issue #9).

The rings beyond the face oval ride on the skull shell (`head_proxy.lift`), whose centre lies `SHELL_CENTRE` z
(1.4 canonical) behind the face: on a turn the face's far side swings out while the shell's outline beside it
hardly moves. Where thick hair stands well beside the face that is right (the hair's outline is the skull's);
where the hair lies tight on the head (lp_d6: its side hold 1.29 oval radii) the face's far cheek swings
past the first ring and is drawn over the hair, the oval's straight segment the cut edge against the wall, the
hair and ear beyond it gone (`edit --yaw -20` on lp_d6 frame 230, h31-farcut). There the shell's centre is
brought forward to `TIGHT_Z`, so the hair turns with the face.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.head_proxy import SHELL_CENTRE, smoothstep

TIGHT_HAIR = (1.3, 1.4)
"""Oval radii: the head's hold (its mask's extent with the margin, `MeshAnimator`'s rings) median over the upper
side rays (`side_extent`): at or below the first the shell's centre is at `TIGHT_Z`, at or above the second at
`SHELL_CENTRE` (smoothstep between). lp_d6 frame 230 reads 1.29; the shared portraits 1.42 (lp_s6) to 1.84
(lp_s3): lp_s1 1.8, sr_8 1.72, lp_s5 1.63, lp_s0 1.45, sr_4 1.46, sr_18 1.51, lp_s12 1.54 (kept bit for bit)."""
TIGHT_Z = 0.5
"""Canonical: the shell centre's depth for tight hair. The rings beside the face lie outside the shell's
silhouette, so they keep their place about this centre (`head_proxy.rim_weight`) and move only as its image does:
at 0.9 (h31-farcut) it still lay behind the face's far oval (the oval's sides at z ~0.8), whose swing on a 20 deg
turn squeezed the far hair to a strip (lp_d6 frame 230 `far_temple_kept` 0.15 / 0.18 at yaw -20 / 20) and laid
the cheek over the far ear; at 0.5 the hair beside the far temple and the ear turn with the face (0.85 / 0.82;
0.7: 0.36 / 0.38, 0.6: 0.59 / 0.61, 0.1: 1.32 both, the hair stretched wider than the photo's). h30-ends tried
0.9 for every portrait: portraits with thick hair swung too far, so only tight hair (`TIGHT_HAIR`) gets it."""
ROOM_Z = 0.9
"""Canonical: the shell centre's depth for tight hair that the editor's room is measured with (`room_centre`;
`MeshAnimator.outline_past_head`, `animate.slider_room`): h31-farcut's `TIGHT_Z`. The face outline past the rigid
ring so placed stands for the turn such a photo holds: lp_d19 frame 0 `--yaw 30` is ended at 22.5 / -26.2 deg,
before the pale torn block beside and under the near ear (from ~26 deg, alike whichever centre places the hair);
measured with `TIGHT_Z` the far outline no longer passes the ring and the yaw went to 30 with the block."""
SIDE_RAYS = (50.0, 90.0)
"""Degrees: the upper side rays are those from the oval's middle within these of straight up (the temples and
the hair beside the eyes; not the crown, not the jaw and the ears below level)."""


def side_extent(extent: np.ndarray, oval: np.ndarray, centre: np.ndarray) -> float:
    """Oval radii: the median of the head's `extent` (K,) (oval radii along each ray from `centre` (2,) px through
    the oval's points `oval` (K, 2) px) over the upper side rays (`SIDE_RAYS`)."""
    d = oval - centre
    from_up = np.degrees(np.arctan2(np.abs(d[:, 0]), -d[:, 1]))  # 0 straight up, 90 level
    side = (from_up >= SIDE_RAYS[0]) & (from_up <= SIDE_RAYS[1])
    return float(np.median(extent[side])) if side.any() else float(TIGHT_HAIR[1])


def shell_centre(extent: np.ndarray, oval: np.ndarray, centre: np.ndarray, tight_z: float = TIGHT_Z
                 ) -> np.ndarray:
    """(3,) canonical: the skull shell's centre for a portrait whose head reaches `extent` (K,) oval radii along
    the rays from `centre` (2,) px through `oval` (K, 2) px: `SHELL_CENTRE` itself (the same array) for hair
    beside the face; its z brought to `tight_z` (canonical) for tight hair (`TIGHT_HAIR`)."""
    share = 1.0 - float(smoothstep(*TIGHT_HAIR, side_extent(extent, oval, centre)))
    if share == 0.0:
        return SHELL_CENTRE
    return SHELL_CENTRE + share * np.array([0.0, 0.0, tight_z - SHELL_CENTRE[2]])


def room_centre(extent: np.ndarray, oval: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """(3,) canonical: `shell_centre` with tight hair at `ROOM_Z`, the centre the editor's room is measured with
    (`SHELL_CENTRE` itself where `shell_centre` gives it)."""
    return shell_centre(extent, oval, centre, ROOM_Z)
