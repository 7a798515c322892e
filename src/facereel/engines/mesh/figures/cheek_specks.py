"""Dark specks and crease lines along a turned photo's far cheek outline (issue #9, sr_8 x lp_d12 frames 33-49),
read from a frame's pixels and landmarks.

Turned back towards frontal, the far cheek of a turned photo unfolds: the seen triangles along its outline spread
over the frame's cheek and read the photo's outline there. Where the head mask holds the background opaque beyond the
face's colour edge (sr_8: 3-5 px of dark teal), those reads showed as 1-3 px black dots and short dark crease lines
inside the cheek. `cheek_specks` counts the pixels of the far cheek (`far_tear.cheek_box`, from the mouth corner
out) that are much darker than the grey closing of their neighbourhood over `WIDTH` face sizes: dark features
narrower than that with lighter pixels round them, where that neighbourhood is skin-light (`SKIN_SHARE` of the
frame's median lightness inside its face oval). The face's own outline against a dark background is an edge, not a
speck: a photo repeated reads close to 0 (sr_8 0.0). A dark background's own darker edges are not specks on the
cheek either: sr_8's near-black hood, left in the plate beside the moved far jaw (`head_proxy.FAR_DARK`), has its
edge against the dark teal wall (closed lightness 3-30 of 255, the face's ~75) in the box at lp_d12 frames 37-49.

`corner_specks` counts the same specks beside the far eye's outer corner (sr_8 x lp_d12 frames 37, 41, 47-49: the
photo's dark lash flick past its landmarks' corner, spread 5-7 px beyond the drawn corner by the unfolding ring round
the eye): in a box of `CORNER_BOX` face sizes round the frame's outer corner landmark, off the lids' polygon grown by
`LID_MARGIN` face sizes (the drawn eye's own lashes)."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.figures.far_tear import cheek_box
from facereel.engines.mesh.head_edge.outline_skin import far_eye
from facereel.face import landmark_ids as ids

WIDTH = 0.02
"""Face sizes: the closing's radius; dark features up to about twice as wide count (sr_8's dots 1-3 px, its creases
1-2 px wide at 512, face size 186 px)."""
CORNER_BOX = 0.07
"""Face sizes: the half side of `corner_specks`' box round the far eye's outer corner (sr_8's specks 5-7 px beyond the
drawn corner, face size 186 px)."""
LID_MARGIN = 0.01
"""Face sizes by which `corner_specks` grows the frame's lid polygon: the drawn lashes along it are the eye's."""
DEPTH = 0.3
"""Of the closed lightness: a pixel at least this much darker than it is a speck (sr_8's dots 31 against the cheek's
~60-70 of 255)."""
SKIN_SHARE = 0.5
"""Of the frame's median lightness (Lab L) inside its face oval: `cheek_specks` counts a dark pixel only where its
closed lightness is at least this, on the cheek, not on a dark background (sr_8 x lp_d12: the cheek's closing 50-113
of 255, the face's median 66-76, the hood and wall beside the far jaw 3-30)."""


def cheek_specks(frame: np.ndarray, landmarks: np.ndarray, side: int, size: float) -> float:
    """Face sizes^2 x 1000: the area of the dark specks and creases in the far cheek. frame: (H, W, 3) uint8 RGB;
    landmarks: (478, 2+) px, the frame's; side: the photo's far side (`far_tear.far_side`); size: the photo's face
    size px (`composite.face_size`)."""
    box = cheek_box(frame.shape[:2], landmarks, side, size, from_mouth=True)
    if box is None:
        return 0.0
    oval = np.zeros(frame.shape[:2], np.uint8)
    cv2.fillPoly(oval, [np.round(landmarks[list(ids.FACE_OVAL), :2]).astype(np.int32)], 1)
    face = float(np.median(_lightness(frame)[oval > 0]))
    return _specks(frame, box, size, floor=SKIN_SHARE * face)


def corner_specks(frame: np.ndarray, landmarks: np.ndarray, side: int, size: float) -> float:
    """Face sizes^2 x 1000: the area of the dark specks beside the far eye's outer corner (module docstring).
    frame: (H, W, 3) uint8 RGB; landmarks: (478, 2+) px, the frame's; side: the photo's far side
    (`far_tear.far_side`); size: the photo's face size px (`composite.face_size`)."""
    h, w = frame.shape[:2]
    (x, y), lids = far_eye(landmarks, side, (h, w), np.zeros(2))
    half = CORNER_BOX * size
    top, bottom = max(0, int(round(y - half))), min(h, int(round(y + half)))
    x0, x1 = max(0, int(round(x - half))), min(w, int(round(x + half)))
    if bottom - top < 3 or x1 - x0 < 3:
        return 0.0
    off_lids = cv2.dilate(lids, disc_kernel(max(1, round(LID_MARGIN * size)))) == 0
    return _specks(frame, (top, bottom, x0, x1), size, off_lids)


def _lightness(frame: np.ndarray) -> np.ndarray:
    """(H, W) float32: Lab L (0-255) of `frame` ((H, W, 3) uint8 RGB)."""
    return cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)


def _specks(frame: np.ndarray, box: tuple[int, int, int, int], size: float, counted: np.ndarray | None = None,
            floor: float = 0.0) -> float:
    """Face sizes^2 x 1000: the area of the pixels of `box` ((top, bottom, x0, x1) px, ends exclusive) of `frame`
    ((H, W, 3) uint8 RGB) at least `DEPTH` darker than the grey closing of their neighbourhood over `WIDTH` face
    sizes (size: px), where `counted` ((H, W) bool; None: everywhere) and that closing is at least `floor` (Lab L,
    0-255)."""
    top, bottom, x0, x1 = box
    r = max(1, round(WIDTH * size))
    h, w = frame.shape[:2]
    y0, y1, c0, c1 = max(0, top - r), min(h, bottom + r), max(0, x0 - r), min(w, x1 + r)
    grey = _lightness(frame[y0:y1, c0:c1])
    closed = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, disc_kernel(r), borderType=cv2.BORDER_REPLICATE)
    specks = (grey < (1 - DEPTH) * closed) & (closed >= floor)
    specks = specks[top - y0:bottom - y0, x0 - c0:x1 - c0]
    if counted is not None:
        specks &= counted[top:bottom, x0:x1]
    return 1000.0 * float(specks.sum()) / size ** 2
