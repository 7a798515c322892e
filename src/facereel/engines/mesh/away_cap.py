"""The capped move: a face behind another does not move far away from it (issue #12).

A face partly hidden behind a face in front of it has no picture of its hidden side in the photo: moved away from
that face it uncovers it, and what the engine draws there (its plate's fill, the front side hair its layer holds
past the front face's cut) read as the front person's side hair shown twice (lp_s5 behind lp_s1 with her head moved
12 px left; fifteen fills and mattes of her hidden side tried and dropped by eye, docs/status.md). So the part of its
move that uncovers that side is soft-limited: its mean x move relative to the front face's (0 for a front face not
moved), along the row away from the front face's centre, passes eased towards a ceiling of `AWAY_CAP` of its own
size (`motion.soft_limit`, knee 0: the slope 1 at 0, no jump as a driver crosses into it), the excess taken off all
its landmarks alike, never more than its own driver's move away: a face is never moved by another face's driver
(the front face moving away from a still face behind it uncovers her as before, `figures.still_copy`). Vertical
moves and moves towards the front face are untouched, and a face with no face in front of it is given its targets as
they are (the same arrays). A face held back by a pixel or more is said in one
note line (`away_note`: `FaceGroup.away_note`, told by `facereel animate` with per-face drivers).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from facereel.motion.soft_limit import soft_limit

AWAY_CAP = 0.037
"""Face sizes (`face_regions.front_measures`: its oval's larger extent, px per px): the ceiling a face's move away
from a face in front of it nears, as a share of its own size (3.0 px on the overlap photo's back face, 82 px: capped
there at 3 px, the 12 px move read as the photo with no second strip of the front side hair, h43-twice3's probe)."""


def capped_targets(faces: np.ndarray, targets: Mapping[int, np.ndarray], ahead: Mapping[int, list[int]],
                   sizes: np.ndarray) -> tuple[dict[int, np.ndarray], dict[int, float]]:
    """(`targets` with each face behind others capped, {face: px its move was held back, for those capped}).

    faces: (F, 478, 3) float32 landmarks in the photo, image px; targets: {face: (478, 3) its target landmarks,
    image px}; ahead: {face: the faces in front of it that overlap it} (`FaceRegions.ahead`); sizes: (F,) px
    (`front_measures`). Each front face in turn: the away part of the face's mean x move (relative to that
    face's) soft-limited to `AWAY_CAP` of its size, taking back at most its own move away. A face not capped
    keeps its array."""
    capped, held = dict(targets), {}
    for face, target in targets.items():
        for front in ahead.get(face, []):
            side = np.sign(faces[face, :, 0].mean() - faces[front, :, 0].mean())  # +1: it lies right of the front
            front_move = float((targets[front] - faces[front])[:, 0].mean()) if front in targets else 0.0
            own = side * float((target - faces[face])[:, 0].mean())  # px, its own driver's move away
            away = own - side * front_move  # px, > 0 uncovers
            if away > 0 and own > 0:
                excess = min(away - soft_limit(away, 0.0, AWAY_CAP * float(sizes[face])), own)
                target = target - np.array([side * excess, 0, 0], np.float32)
                held[face] = held.get(face, 0.0) + excess
        capped[face] = target
    return capped, held


def away_note(held: Mapping[int, float], ahead: Mapping[int, list[int]], sizes: np.ndarray) -> str | None:
    """The one-line note for the faces whose move away from the faces in front of them was held back ({face: the
    most px, `capped_targets`' over the frames}; `ahead`, `sizes` as there), e.g. "face 0 (behind face 1) moved
    at most 3 px away from the face in front of it, up to 9 px short of its driver (its hidden side is not in the
    photo)"; None when none was held back by a pixel or more (rounded)."""
    faces = {face: px for face, px in sorted(held.items()) if round(px) >= 1}
    if not faces:
        return None
    parts = [f"face {face} (behind face {', '.join(map(str, ahead[face]))}) moved at most "
             f"{AWAY_CAP * float(sizes[face]):.0f} px away from the face in front of it, up to {px:.0f} px short "
             "of its driver" for face, px in faces.items()]
    return f"{'; '.join(parts)} (its hidden side is not in the photo)"
