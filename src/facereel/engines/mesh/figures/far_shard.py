"""A shard of the head cut off beside a turned face's far cheek, read from a frame's drawn head alpha (issue #9).

sr_8 at 512 x preset:turn (h44-fresh, 2026-12-07), frames 4-7 (the face, already turned ~30 deg in the photo, turned
further away): a thin straight-edged strip of the far cheek's outline hangs from the nose tip down past the mouth,
apart from the face, with the dark wall between them: the map's cut under her nose tip (which stands out past the
face oval on the turned photo) carried down as a hair end (`carried_ends`), the photo's column under the nose tip
drawn 0.5 face sizes on; mended by taking the face mesh's cover, not the oval alone, as the face that is no hair
(`soft_ends.mesh_cover`, h45-shard: 0.0095-0.0129 -> 0). Frames 26-39 (turned back and raised) leave smaller such
pieces of the head over the plate beside the far jaw. `detached` counts, in each row
from the nose tip down to the chin, the drawn head's pixels (alpha at least `HEAD`) on the far side (where the nose
points) that lie beyond a gap in the head's run starting on the line from the upper lip's middle to the chin.
`far_shard` is that count in a frame less the count of the source repeated (its photo's own, e.g. sr_8's cheek
edge: 129 px at 512), per squared face size, never below 0. Hair hanging beside the far jaw past a gap reads too
(preset:turn at 512: lp_s1 frame 23 0.008, lp_s5's lock 22-24 0.008), and so does sr_18's crowd the head keeps past
its far cheek (17-22, 43-46, up to 0.014): read it beside a look at the frames.
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids

HEAD = 0.5
"""The drawn head's alpha from which a pixel is head."""


def detached(alpha: np.ndarray, landmarks: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """(h, w) bool: the far-side head pixels cut off from the face (module docstring). alpha: (h, w) drawn head alpha
    of a crop at `origin` (2,) image px; landmarks: (478, 2+) image px of the face drawn there."""
    head = alpha >= HEAD
    h, w = head.shape
    nose, lip, chin = (landmarks[i, :2] - origin for i in (ids.NOSE_TIP, ids.UPPER_LIP_MIDDLE, ids.CHIN))
    far = -1 if nose[0] < chin[0] else 1
    out = np.zeros_like(head)
    for y in range(max(0, int(np.ceil(nose[1]))), min(h - 1, int(chin[1])) + 1):
        t = float(np.clip((y - lip[1]) / max(chin[1] - lip[1], 1.0), 0.0, 1.0))
        x = int(round(lip[0] + t * (chin[0] - lip[0])))
        if not (0 <= x < w and head[y, x]):
            continue
        cols = np.arange(x, w) if far == 1 else np.arange(x, -1, -1)
        run = head[y, cols]
        gap = int(np.argmin(run))  # the first non-head pixel going out
        if run[gap]:
            continue  # the head reaches the crop's side unbroken
        out[y, cols[gap:][run[gap:]]] = True
    return out


def far_shard(alpha: np.ndarray, landmarks: np.ndarray, rest_alpha: np.ndarray, rest_landmarks: np.ndarray,
              origin: np.ndarray, face_px: float) -> float:
    """Squared face sizes of far-side head cut off from the face (`detached`) in a frame (drawn `alpha` (h, w),
    its (478, 2+) `landmarks` px) beyond the source repeated's (`rest_alpha`, `rest_landmarks`); crop at `origin`
    (2,) px; face_px: the face size, px. 0 on the source repeated."""
    extra = int(detached(alpha, landmarks, origin).sum()) - int(detached(rest_alpha, rest_landmarks, origin).sum())
    return max(0.0, extra / face_px ** 2)
