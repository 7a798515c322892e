"""The nose's and the upper lip's triangles a frame turns over are not drawn (issue #9, warp health on
preset:turn at its down-and-away diagonal).

Turned ~35-45 deg and pitched down, the far side of the nose (its wing, the underside round the nostril) and
the upper lip below it face away from the camera: a real head shows the nose's front there, and behind it the
upper lip or the far cheek. The mesh's triangles there turn over (their source triangle's orientation
reversed); drawn in the painter's order by mean depth, some are laid last where the nose tip passes the far
cheek's outline, showing the photo's nostril and lip mirrored (a dark fold in a notch under the nose tip,
counted by the warp-health figure, `figures.health_causes` 'inner face turned over'). Not drawn, what lies
under them shows, as a renderer culls a surface's back faces. Limited to the nose and the upper lip: culled
anywhere, a face turned over as a whole (a fold the figure must count) would not be drawn at all.
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template

ACROSS = 0.5
"""Canonical inter-ocular distances beside the nose tip's x (the canonical face's middle lies ~0.02 off x = 0): the
nose's wings reach ~0.4, the mouth corners ~0.45; a triangle whose centroid lies within it may be culled (the upper
lip's triangles by the mouth corners, 57 / 185 / 186 and 287 / 409 / 410, at 0.497 and 0.495)."""
DOWN = (0.3, 0.96)
"""Canonical y: from below the eyes (eye corners at 0, the nose's bridge above 0.3 faces the camera on every
turn) to the upper lip's lower edge (the inner lip at ~0.95, the mouth corners ~0.98)."""


def nose_and_lip(triangles: np.ndarray) -> np.ndarray:
    """(F,) bool: the face triangles (F, 3) (landmark indices) whose centroid on the canonical face lies on
    the nose or the upper lip (`ACROSS`, `DOWN`), the same on either side."""
    face = canonical_template()
    centroid = face[np.asarray(triangles)].mean(1)
    across = np.abs(centroid[:, 0] - face[ids.PRONASALE, 0])
    return (across < ACROSS) & (centroid[:, 1] > DOWN[0]) & (centroid[:, 1] < DOWN[1])
