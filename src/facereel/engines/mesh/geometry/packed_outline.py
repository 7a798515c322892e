"""Face points packed onto the photo's outline kept packed when a turn spreads them (issue #9, sr_4's temple step).

On a turned photo mediapipe places inner points on the far silhouette within ~2 px of an oval point (sr_4 at 640:
139 and 156 beside the temple's 162, 0.016 face sizes). Turned towards the camera the tracker spreads them 3-7 px
apart: the thin triangles between them stretch the photo's 2 px anti-aliased outline 2-3x with shears that change
from row to row, and the drawn outline steps 2-4 px between two rows (sr_4 x lp_d3 310-350, frames 25-39; the map is
neither folded nor coarse there). The photo holds nothing of the surface it hid, so `keep_packed` takes a packed
point that a frame spreads from its oval point back to its place in the photo beside it (scaled with the head) as the
head turns that side into view (`revealed`): fully once the spacing has grown by `RAMP` over the photo's, in
proportion below that. The outline strip keeps its width and the turn is drawn by the wider triangles inside it, over
smooth skin; points that keep or lose their spacing (foreshortened) are left as placed. Only a narrow opening is
taken back (`narrow`): a wider one is the turn showing the photo's hidden strip for real (sr_8 x preset:turn 52-96,
its brow's end 27 / 222 / 66 spread 25-100 px from 162 / 21 and dragged back, a torn brow and a dark wedge; sr_4
turned back past frontal, 139 / 156 spread 8-14 px and pulled back, a dark nick at the temple).
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids

TEMPLES = (21, 162, 251, 389)
"""The face oval's points at the temples, between the brows' ends and the eyes' top: only inner points packed beside
these are kept packed. Below them (127, 234, 93 beside the far cheek) the cheek points pulled back drew the photo's
dark outline strip inside the turned cheek as a crack (sr_4 x lp_d3 frames 25-39); the cheek's unfolding is
`far_fold`'s."""
PACKED = 0.02
"""Face sizes: an inner point this close to an oval point in the photo lies on the outline with it (sr_4's 139 and
156 beside 162 at 0.016, lp_s12's / lp_s6's 139 at 0.016 / 0.020; sr_8's brow point 27 at 0.008)."""
RAMP = 0.5
"""Growth of a packed point's distance from its oval point over the photo's (times the head's scale), as a share of
it, from which the point is put back rigid with its oval point; less growth is taken back in proportion (sr_4's
spread 0.7-2.3, where the outline stepped; a ramp, not a switch, so a point grows back in over frames)."""
TURN = 10.0
"""Deg of yaw from the photo's towards frontal (or past it) from which a packed point is taken back in full; less
turn takes it back in proportion, and a head turned away or not turned takes none back (sr_8 laughing, its brow's
point 27 packed beside 162 at 0.008 face sizes and raised off it by the laugh: pulled back it kinked the brow)."""
NARROW = (0.045, 0.055)
"""Face sizes (of the frame's head): how far an oval point's packed points have spread beyond their rigid offsets (the
most of them) up to which they are taken back in full, and from which none is (linear between). sr_4 at 640 x lp_d3
310-350, where the outline stepped: at most 0.041 (156, 5.7 px; at 0.93 of the pull frame 39 stepped 1.5 px again).
Wider: sr_8 x preset:turn (4 s) frames 52-96, 0.057-0.21 (its brow's end pulled back 17-104 px: torn, a dark wedge
over the eye; warp health 0.008-0.019 on tests/mesh/test_fade_band.py's frames, 0.004-0.007 before); sr_4 at 640 x
preset:turn (2 s) frames 28-44 turned back past frontal with the old hidden-side gain, 0.057-0.086 (pulled back
6-13 px: a dark nick at the temple; tests/mesh/test_turned_portraits.py's slash test), with today's gain
0.065-0.071 on 28-34."""


def revealed(yaw: float, photo_yaw: float) -> float:
    """0-1: how far a head at `yaw` deg has turned the photo's far side (the photo at `photo_yaw` deg) into view,
    over `TURN`."""
    return float(np.clip(np.sign(photo_yaw) * (photo_yaw - yaw) / TURN, 0.0, 1.0))


def packed_pairs(landmarks: np.ndarray, face_px: float) -> tuple[np.ndarray, np.ndarray]:
    """(inner ids (P,), oval ids (P,)): each inner face point (of the first 468 of `landmarks` (N, 2+) px; the eyes'
    left out, drawn on their own) within `PACKED` face sizes (`face_px` px) of a `TEMPLES` point, with the nearest."""
    oval = np.asarray(TEMPLES)
    inner = np.setdiff1d(np.arange(468), np.concatenate([ids.FACE_OVAL, ids.EYES_REGION]))
    gaps = np.linalg.norm(landmarks[inner, None, :2] - landmarks[None, oval, :2], axis=-1)
    near = gaps.min(1) < PACKED * face_px
    return inner[near], oval[gaps[near].argmin(1)]


def narrow(spread: np.ndarray, oval: np.ndarray) -> np.ndarray:
    """(P,) 0-1: the share of each packed point's pull left by `NARROW`, read on the most that any point beside the
    same oval point (`oval` (P,) ids) has spread beyond its rigid offset (`spread` (P,) face sizes), so the points
    beside one oval point are taken back together or left together."""
    most = np.array([spread[oval == o].max() for o in oval])
    full, none = NARROW
    return np.clip((none - most) / (none - full), 0.0, 1.0)


def keep_packed(vertices: np.ndarray, source: np.ndarray, pairs: tuple[np.ndarray, np.ndarray],
                scale: float, reveal: float, face_px: float) -> np.ndarray:
    """`vertices` (V, 2) px with each packed point of `pairs` (`packed_pairs`) moved towards its place rigid with its
    oval point (the oval point's vertex plus `scale` (the head's size over the photo's) x their offset in `source`
    (V, 2) px; not turned with the head's roll: at most `PACKED` face sizes long, a 20 deg roll moves it ~1 px at
    sr_4's size) by the share its distance from the oval point grew over the rigid one's, over `RAMP` (0-1), times
    `reveal` (0-1, `revealed`) and `narrow` (the photo's face `face_px` px times `scale`). In place; returned."""
    inner, oval = pairs
    rigid = scale * (source[inner] - source[oval])
    apart = np.linalg.norm(vertices[inner] - vertices[oval], axis=1)
    rigid_px = np.maximum(np.linalg.norm(rigid, axis=1), 1e-6)
    grown = np.clip((apart / rigid_px - 1.0) / RAMP, 0.0, 1.0)
    share = reveal * grown * narrow((apart - rigid_px) / (scale * face_px), oval)
    vertices[inner] += share[:, None] * (vertices[oval] + rigid - vertices[inner])
    return vertices
