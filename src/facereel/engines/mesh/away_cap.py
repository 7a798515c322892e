"""The capped move: two overlapping faces do not move far apart (issue #12).

A face partly hidden behind a face in front of it has no picture of its hidden side in the photo: either face moved
away from the other uncovers it, and what the engine draws there read as the front person's side hair shown twice.
The back face moved away (lp_s5 behind lp_s1, her head 12 px left) carried the band of the front side hair her layer
holds past the front face's cut over her cheek (fifteen fills and mattes of her hidden side tried and dropped by eye,
docs/status.md); the front face moved away (lp_s1 12 px right) left that band standing still in her layer, a pale
gap (the front plate's fill of her hidden side), then its moved hair (`figures.side_hair_copy.left_strip`). So the
part of a move that uncovers that side is soft-limited: a face behind another first, its mean x move relative to
the front face's as driven (0 for a front face not moved), along the row away from the front face's centre, passes
eased towards a ceiling of `AWAY_CAP` of its own size (`motion.soft_limit`, knee 0: the slope 1 at 0, no jump as a
driver crosses into it); then a face in front of others likewise, relative to each face behind it as capped, towards
`AWAY_CAP` of that face's size (the face it uncovers). The excess is taken off all the face's landmarks alike, never
more than its own driver's move away: a face is never moved by another face's driver. Vertical moves and moves
towards the other face are untouched, and a face that overlaps no other is given its targets as they are (the same
arrays). A face held back by a pixel or more is said in one note line (`away_note`: `FaceGroup.away_note`, told by
`facereel animate` with per-face drivers).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from facereel.engines.mesh.face_regions import faces_behind
from facereel.motion.soft_limit import soft_limit

AWAY_CAP = 0.037
"""Face sizes (`face_regions.front_measures`: its oval's larger extent, px per px): the ceiling a face's move away
from a face it overlaps nears, as a share of the size of the face behind (3.0 px on the overlap photo's back face, 82
px: capped there at 3 px, the 12 px move read as the photo with no second strip of the front side hair, h43-twice3's
probe; the front face driven 12 px away from her, capped at 3 px, shows none either, h44-front)."""


def capped_targets(faces: np.ndarray, targets: Mapping[int, np.ndarray], ahead: Mapping[int, list[int]],
                   sizes: np.ndarray) -> tuple[dict[int, np.ndarray], dict[int, float]]:
    """(`targets` with each face behind or in front of others capped, {face: px its move was held back, for those
    capped}).

    faces: (F, 478, 3) float32 landmarks in the photo, image px; targets: {face: (478, 3) its target landmarks,
    image px}; ahead: {face: the faces in front of it that overlap it} (`FaceRegions.ahead`); sizes: (F,) px
    (`front_measures`). Each face behind others first, against each front face's move as driven: the away part
    of its mean x move (relative to that face's) soft-limited to `AWAY_CAP` of its size; then each face in front
    of others, against each face behind it as capped, to `AWAY_CAP` of that face's size (the one it uncovers);
    each taking back at most its own move away. A face not capped keeps its array."""
    capped, held = dict(targets), {}
    for face in targets:  # behind: against the fronts' moves as driven
        for front in ahead.get(face, []):
            _cap(faces, targets, capped, held, face, front, float(sizes[face]))
    for face in targets:  # in front: against the capped moves of the faces behind it
        for back in faces_behind(ahead, face):
            _cap(faces, capped, capped, held, face, back, float(sizes[back]))
    return capped, held


def _cap(faces: np.ndarray, moves: Mapping[int, np.ndarray], capped: dict[int, np.ndarray], held: dict[int, float],
         face: int, other: int, size: float) -> None:
    """Soft-limit `face`'s move away from `other` (its mean x move less `other`'s in `moves`, 0 for a face not
    there, along the row away from `other`'s centre) to `AWAY_CAP` * `size` px, taking back at most its own move
    away: `capped[face]` replaced, the px added to `held[face]` (shapes as `capped_targets`')."""
    target = capped[face]
    side = np.sign(faces[face, :, 0].mean() - faces[other, :, 0].mean())  # +1: it lies right of the other
    other_move = float((moves[other] - faces[other])[:, 0].mean()) if other in moves else 0.0
    own = side * float((target - faces[face])[:, 0].mean())  # px, its own driver's move away
    away = own - side * other_move  # px, > 0 uncovers
    if away > 0 and own > 0:
        excess = min(away - soft_limit(away, 0.0, AWAY_CAP * size), own)
        capped[face] = target - np.array([side * excess, 0, 0], np.float32)
        held[face] = held.get(face, 0.0) + excess


def away_note(held: Mapping[int, float], ahead: Mapping[int, list[int]], sizes: np.ndarray) -> str | None:
    """The one-line note for the faces whose move away from the faces they overlap was held back ({face: the most
    px, `capped_targets`' over the frames}; `ahead`, `sizes` as there), e.g. "face 0 (behind face 1) moved at most
    3 px away from the face in front of it, up to 9 px short of its driver (its hidden side is not in the photo)",
    or for a face in front "face 1 (in front of face 0) moved at most 3 px away from the face behind it, up to 9 px
    short of its driver (the hidden side of face 0 is not in the photo)"; None when none was held back by a pixel
    or more (rounded)."""
    faces = {face: px for face, px in sorted(held.items()) if round(px) >= 1}
    if not faces:
        return None
    parts = []
    for face, px in faces.items():
        behind = faces_behind(ahead, face)
        if ahead.get(face):
            place, ceiling, why = f"behind face {_listed(ahead[face])}", float(sizes[face]), "its hidden side"
            other = "the face in front of it"
        else:
            place, ceiling, why = f"in front of face {_listed(behind)}", float(sizes[behind].min()), \
                f"the hidden side of face {_listed(behind)}"
            other = "the face behind it"
        parts.append(f"face {face} ({place}) moved at most {AWAY_CAP * ceiling:.0f} px away from {other}, up to "
                     f"{px:.0f} px short of its driver ({why} is not in the photo)")
    return "; ".join(parts)


def _listed(faces: list[int]) -> str:
    """Face indices as the note lists them: "0, 2"."""
    return ", ".join(map(str, faces))
