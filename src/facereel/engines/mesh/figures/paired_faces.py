"""Which person of a driving video each face of a group portrait follows (issue #12, several people driving several
people): `--face-index all` with a two-person driver drove every face from the driver's largest person; a driver that
shows as many people as the portrait has faces now pairs them from the left (`animate.faces.paired`).

`following`: the Pearson correlation over the frames of each output face's mouth opening (the inner-lip gap over the
mouth's corner-to-corner width, image px, the faces found again in every frame left to right) with each driver
person's (their tracks' landmarks); a face following person k correlates with k's opening and, where the people
move their mouths at different times, not with the others'. The source repeated (the do-nothing baseline) has an
opening of range 0: no correlation (NaN).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.every_face import track_faces
from facereel.face.face_track import FaceTrack

INNER_LIPS = (13, 14)
"""Landmarks of the upper and lower inner lip's middle (mediapipe face mesh): their distance is the mouth's gap."""


def mouth_opening(landmarks: np.ndarray) -> np.ndarray:
    """(...,) the inner-lip gap over the mouth's corner-to-corner width (both in image px) of (..., 478, 3) px
    landmarks."""
    gap = np.linalg.norm(landmarks[..., INNER_LIPS[0], :2] - landmarks[..., INNER_LIPS[1], :2], axis=-1)
    corners = landmarks[..., ids.MOUTH_CORNERS[0], :2] - landmarks[..., ids.MOUTH_CORNERS[1], :2]
    return gap / np.linalg.norm(corners, axis=-1)


def face_openings(frames: Sequence[np.ndarray]) -> np.ndarray:
    """(F, T) `mouth_opening` of each of the F faces (left to right, `track_faces` on each still frame) of the T
    (H, W, 3) uint8 RGB `frames`; ValueError where a frame shows another number of faces than the first."""
    found = [track_faces(frame) for frame in frames]
    if any(len(faces) != len(found[0]) for faces in found):
        raise ValueError(f"the frames show {sorted({len(faces) for faces in found})} faces, not one number")
    return mouth_opening(np.stack(found, axis=1))


def following(frames: Sequence[np.ndarray], people: Sequence[FaceTrack], frame_of: Sequence[int]) -> np.ndarray:
    """(F, P) Pearson correlation of each output face's opening (`face_openings` of the T `frames`) with each of
    the P driver people's (`mouth_opening` of their tracks' landmarks at the driver frames `frame_of` (T,), the one
    each output frame shows); NaN for a face whose opening does not change (the source repeated)."""
    seen = face_openings(frames)
    driven = np.stack([mouth_opening(person.landmarks[list(frame_of)]) for person in people])
    out = np.full((len(seen), len(driven)), np.nan)
    for face, opening in enumerate(seen):
        if np.ptp(opening) > 0:
            out[face] = [np.corrcoef(opening, person)[0, 1] for person in driven]
    return out
