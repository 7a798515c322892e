"""The far cheek torn off over the background on a turn (issue #9): a strip of skin beside the face with
a gap of something else between it and the face, read from a frame's pixels and landmarks.

A portrait turned in the photo (sr_18, ~30 deg) turned back towards and past frontal (preset:turn frames
6-16 at 512) shows the side the photo hid: the band of the face mesh the photo folds under its far silhouette
(turned over, `MeshWarp.displacement`'s unseen triangles) unfolds into view; filled from the pixels around
it, the rings beyond the face among them, it read the silhouette's edge and the light background streak
beside it, drawn as a grey strip between the face and the outline's own skin beyond it: the far cheek and
ear read as torn off, the background between. `far_tear` reads it row by row from a little below the eyes
to the mouth corners: on the side the photo's nose points to (the photo's far side), beyond the frame's
outermost eye and mouth corner there, the runs of pixels that are not the face's skin colour
(`face_colours.skin`, `hanging_hair.CHI2_99`) with skin on both sides within `REACH`. A face's own outline
against the background has skin on one side only: 0 on a turned photo repeated (sr_18, sr_8, grace_hopper);
a frontal photo's either side is "far", and its ear beyond a crease or a skin-coloured wall reads there too
(lp_s1 12, lp_s0 15 on the source repeated): read beside the source repeated.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image, polygon_mask
from facereel.engines.mesh.head_edge.outline_skin import far_side  # noqa: F401 (the photo's far side, read here too)
from facereel.engines.mesh.head_mask.face_colours import face_colours
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance
from facereel.face import landmark_ids as ids

REACH = 0.35
"""Face sizes beyond the outermost eye / mouth corner on the far side that a row is read over."""
BELOW_EYES = 0.1
"""Face sizes below the pupils' row where the rows start (above it the photo's background beside the far
temple can be skin-coloured: sr_18's blurred face behind him)."""
MIN_SKIN = 0.02
"""Face sizes: a run of skin this long or longer bounds a gap (shorter ones are noise in the hair)."""
MIN_GAP = 0.03
"""Face sizes: a gap narrower than this is a shadow line in the skin (sr_18's sideburn's edge: 2 px at 512)."""
BELOW_CHIN = 0.25
"""Face sizes below the chin down to which `jaw_crease` reads (the neck below the far jaw)."""
CREASE = (0.015, 0.06)
"""Face sizes: `jaw_crease`'s shortest and longest gap (sr_18's crease is 2-5 px tall at 512; a collar between
the neck and the chest is longer)."""
CORNERS = (*ids.RIGHT_EYE_CORNERS, *ids.LEFT_EYE_CORNERS, *ids.MOUTH_CORNERS)


def skin_model(image: np.ndarray, landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The Lab colour model of the face's skin in the photo ((H, W, 3) uint8 RGB, (478, 2+) px landmarks),
    as the engine reads it (`face_colours.skin`); None when too little skin shows."""
    zero = np.zeros(2, np.float32)
    oval = polygon_mask([np.asarray(landmarks, np.float32)[list(ids.FACE_OVAL), :2]], image.shape[:2], (0.0, 0.0))
    return face_colours(image, landmarks, zero, oval).skin


def _runs(flags: np.ndarray) -> list[tuple[bool, int, int]]:
    """(value, start, end) of each run of equal values in a 1-D bool array, end exclusive."""
    edges = np.flatnonzero(np.diff(flags.astype(np.int8))) + 1
    bounds = np.concatenate([[0], edges, [len(flags)]])
    return [(bool(flags[a]), int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:])]


def cheek_box(shape: tuple[int, int], landmarks: np.ndarray, side: int, size: float, from_mouth: bool = False,
              below: bool = False) -> tuple[int, int, int, int] | None:
    """(top, bottom, x0, x1) px, ends exclusive, of the far cheek `far_tear` reads in a frame of `shape` (H, W):
    rows from `BELOW_EYES` face sizes below the pupils to the lower mouth corner (`below`: from the upper mouth
    corner to the chin, the jaw below the fold strip, `flat_cheek`), columns from the outermost eye / mouth corner
    on `side` (`from_mouth`: from the mouth corner on `side`, the whole cheek) to `REACH` face sizes beyond it;
    None when under 3 columns or no row. landmarks: (478, 2+) px, the frame's; side: the photo's far side
    (`far_side`); size: the photo's face size px."""
    lm = np.asarray(landmarks, np.float64)
    h, w = shape
    top = int(np.ceil(lm[[ids.RIGHT_PUPIL, ids.LEFT_PUPIL], 1].mean() + BELOW_EYES * size))
    bottom = int(np.floor(lm[list(ids.MOUTH_CORNERS), 1].max()))
    if below:
        top, bottom = int(np.ceil(lm[list(ids.MOUTH_CORNERS), 1].min())), int(np.floor(lm[ids.CHIN, 1]))
    corners = lm[list(CORNERS), 0]
    start = float(corners.max() if side > 0 else corners.min())
    stop = start + side * REACH * size
    if from_mouth:
        mouth = lm[list(ids.MOUTH_CORNERS), 0]
        start = float(mouth.max() if side > 0 else mouth.min())
    x0, x1 = sorted((int(round(start)), int(round(stop))))
    x0, x1 = max(0, x0), min(w, x1)
    top, bottom = max(0, top), min(h, bottom)
    if x1 - x0 < 3 or bottom <= top:
        return None
    return top, bottom, x0, x1


def far_tear(frame: np.ndarray, landmarks: np.ndarray, skin: tuple[np.ndarray, np.ndarray], side: int,
             size: float) -> float:
    """Face sizes^2 x 1000: the area of the gaps between the face and skin beyond it on the photo's far side.

    frame: (H, W, 3) uint8 RGB; landmarks: (478, 2+) px, the frame's (as the engine drew them); skin: the
    photo's skin colour model (`skin_model`); side: the photo's far side (`far_side`); size: the photo's face
    size px (`composite.face_size`). Per row from `BELOW_EYES` below the pupils to the lower mouth corner, from the outermost
    eye / mouth corner on `side` over `REACH` face sizes: each run of non-skin pixels with a run of skin at
    least `MIN_SKIN` long on either side counts when `MIN_GAP` wide or wider."""
    box = cheek_box(frame.shape[:2], landmarks, side, size)
    if box is None:
        return 0.0
    top, bottom, x0, x1 = box
    band = cv2.cvtColor(np.ascontiguousarray(frame[top:bottom, x0:x1]), cv2.COLOR_RGB2LAB).astype(np.float32)
    is_skin = colour_distance(band, skin) < CHI2_99
    if side < 0:
        is_skin = is_skin[:, ::-1]
    return 1000.0 * _gaps(is_skin, max(2, round(MIN_SKIN * size)), max(2, round(MIN_GAP * size))) / size ** 2


def _gaps(is_skin: np.ndarray, least: int, narrowest: int, widest: int | None = None) -> int:
    """Pixels: over the rows of `is_skin` ((n, m) bool), the runs of non-skin at least `narrowest` long (and at
    most `widest`, None: any) with a run of skin at least `least` long on either side."""
    gaps = 0
    for row in is_skin:
        runs = _runs(row)
        for k in range(1, len(runs) - 1):
            value, a, b = runs[k]
            before, after = runs[k - 1], runs[k + 1]
            if (not value and narrowest <= b - a <= (widest or b - a) and before[2] - before[1] >= least
                    and after[2] - after[1] >= least):
                gaps += b - a
    return gaps


def jaw_crease(frame: np.ndarray, landmarks: np.ndarray, skin: tuple[np.ndarray, np.ndarray], side: int,
               size: float) -> float:
    """Face sizes^2 x 1000: the area of the thin non-skin gaps across the far jaw, between the jaw and the neck
    below it (sr_18 x preset:turn frame 13: the photo's jaw edge blended with his dark jacket drawn over the
    neck as a dark crease). Arguments as `far_tear`'s. Per column from the chin to `REACH` face sizes beyond the
    outermost eye / mouth corner on `side`, from the lower mouth corner to `BELOW_CHIN` face sizes below the
    chin, top-down: each run of non-skin pixels `CREASE` face sizes long with a run of skin at
    least `MIN_SKIN` long above and below it."""
    lm = np.asarray(landmarks, np.float64)
    h, w = frame.shape[:2]
    top = int(np.floor(lm[list(ids.MOUTH_CORNERS), 1].max()))
    bottom = int(np.ceil(lm[ids.CHIN, 1] + BELOW_CHIN * size))
    corners = lm[list(CORNERS), 0]
    stop = float(corners.max() if side > 0 else corners.min()) + side * REACH * size
    x0, x1 = sorted((int(round(float(lm[ids.CHIN, 0]))), int(round(stop))))
    x0, x1 = max(0, x0), min(w, x1)
    top, bottom = max(0, top), min(h, bottom)
    if x1 - x0 < 1 or bottom - top < 3:
        return 0.0
    band = cv2.cvtColor(np.ascontiguousarray(frame[top:bottom, x0:x1]), cv2.COLOR_RGB2LAB).astype(np.float32)
    is_skin = colour_distance(band, skin) < CHI2_99
    gaps = _gaps(is_skin.T, max(2, round(MIN_SKIN * size)), max(1, round(CREASE[0] * size)),
                 max(1, round(CREASE[1] * size)))
    return 1000.0 * gaps / size ** 2


GREY = 0.6
"""Of the skin model's chroma (Lab a, b from neutral): under it a far cheek pixel is grey (`grey_slivers`; sr_18's
slivers of the grey streak 0.2-0.5, his lit and shaded cheek 0.8-1.3)."""


def grey_slivers(frame: np.ndarray, landmarks: np.ndarray, skin: tuple[np.ndarray, np.ndarray], side: int,
                 size: float) -> float:
    """Face sizes^2 x 1000: the grey and dark slivers between skin in the far cheek (sr_18 `edit --yaw 25`: the
    photo's outline strip, its grey streak, read back and forth, `head_edge.far_fold`). Arguments as `far_tear`'s.
    In `cheek_box`, per row: the runs of pixels under `GREY` of the skin model's chroma, any width, with a run of
    skin chroma at least `MIN_SKIN` face sizes long on either side (the outline against the background has skin on
    one side only)."""
    box = cheek_box(frame.shape[:2], landmarks, side, size)
    if box is None:
        return 0.0
    top, bottom, x0, x1 = box
    coloured = ~_grey(frame[top:bottom, x0:x1], skin)
    if side < 0:
        coloured = coloured[:, ::-1]
    return 1000.0 * _gaps(coloured, max(2, round(MIN_SKIN * size)), 1) / size ** 2


def _grey(frame: np.ndarray, skin: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """(h, w) bool: the pixels of `frame` ((h, w, 3) uint8 RGB) under `GREY` of the `skin` model's chroma."""
    lab = cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2LAB).astype(np.float32)
    return np.hypot(lab[..., 1] - 128, lab[..., 2] - 128) < GREY * float(np.hypot(skin[0][1] - 128, skin[0][2] - 128))


CRACK = 12.0
"""Grey levels: a pixel of `background_cracks` is this much darker than both grey pixels `CRACK_APART` beside it."""
CRACK_APART = 0.015
"""Face sizes either side of a `background_cracks` pixel along its row (sr_18's crack, 5-8 px wide at his own size,
376 px face: 6 px; at least 2 px)."""


def background_cracks(frame: np.ndarray, landmarks: np.ndarray, skin: tuple[np.ndarray, np.ndarray], side: int,
                      size: float) -> float:
    """Face sizes^2 x 1000: dark lines down the grey background beside the far cheek (issue #9: sr_18 x lp_d3
    284-308, the hole's fill uncovered between the grey the head carried and the photo's, `head_mask.held_background`).
    Arguments as `far_tear`'s. In `cheek_box`'s columns, from its top row to the chin: the grey pixels (`GREY`) at
    least `CRACK` grey levels darker than both pixels `CRACK_APART` face sizes left and right of them, themselves
    grey (a line in the background, not its edge against the skin or the hair)."""
    box, lower = cheek_box(frame.shape[:2], landmarks, side, size), cheek_box(frame.shape[:2], landmarks, side, size,
                                                                                below=True)
    if box is None or lower is None:
        return 0.0
    (top, _, x0, x1), bottom, k = box, lower[1], max(2, round(CRACK_APART * size))
    x0, x1 = max(x0, k), min(x1, frame.shape[1] - k)
    if x1 <= x0 or bottom <= top:
        return 0.0
    grey, achromatic = grey_image(frame[top:bottom]), _grey(frame[top:bottom], skin)
    g, left, right = grey[:, x0:x1], grey[:, x0 - k:x1 - k], grey[:, x0 + k:x1 + k]
    beside = achromatic[:, x0 - k:x1 - k] & achromatic[:, x0 + k:x1 + k]
    crack = (np.minimum(left - g, right - g) >= CRACK) & achromatic[:, x0:x1] & beside
    return 1000.0 * int(crack.sum()) / size ** 2


RIDGE = 12.0
"""Grey levels: a line pixel of `jaw_ridges` is this much lighter, or darker, than both its neighbours across it."""
RIDGE_APART = 2
"""Px: `jaw_ridges`' neighbours across the line lie this far above and below it (a line 1-3 px thick)."""
RIDGE_REACH = 0.06
"""Face sizes below the drawn head's lower edge over which `jaw_ridges` reads (the doubled jaw line lies 3-10 px
below it at 512: sr_18's dark jaw edge, lp_s1's light rim; his shirt collar starts farther down)."""


def jaw_ridges(frame: np.ndarray, landmarks: np.ndarray, alpha: np.ndarray, origin: tuple[int, int],
               skin: tuple[np.ndarray, np.ndarray], size: float) -> float:
    """Face sizes^2 x 1000: the thin lines across the neck just below the drawn jaw, a second jaw line (issue #9:
    the photo's own jaw edge or light rim kept in the plate under the moved chin, `plate_fill.chin_strip`).

    frame: (H, W, 3) uint8 RGB; landmarks: (478, 2+) px, the frame's; alpha: (h, w) float32, the head's alpha as
    drawn on the crop at `origin` (x, y) px (`MeshAnimator.drawn_alpha`); skin: the photo's skin colour model
    (`skin_model`); size: the photo's face size px. In each column the face oval spans below the mouth corners,
    from the drawn head's lowest row of alpha 0.5 or more down `RIDGE_REACH` face sizes: the pixels under alpha
    0.05 at least `RIDGE` grey levels lighter, or darker, than both pixels `RIDGE_APART` px above and below them,
    which are both the skin's colour (a line across the neck's skin, not its edge against the collar)."""
    lm = np.asarray(landmarks, np.float64)
    oval = lm[list(ids.FACE_OVAL), :2]
    jaw = oval[oval[:, 1] > lm[list(ids.MOUTH_CORNERS), 1].max()]
    x0, y0 = origin
    h, w = alpha.shape
    a, b = max(int(np.floor(jaw[:, 0].min())), x0), min(int(np.ceil(jaw[:, 0].max())) + 1, x0 + w)
    reach, k = max(3, round(RIDGE_REACH * size)), RIDGE_APART
    if b - a < 1:
        return 0.0
    grey = grey_image(frame)
    lab = cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2LAB).astype(np.float32)
    is_skin = colour_distance(lab, skin) < CHI2_99
    count = 0
    for x in range(a, b):
        column = alpha[:, x - x0]
        solid = np.flatnonzero(column >= 0.5)
        if not len(solid):
            continue
        top, bottom = solid.max() + 1 + y0, min(solid.max() + 1 + y0 + reach, frame.shape[0] - k)
        ys = np.arange(max(top, k), bottom)
        if not len(ys):
            continue
        g, up, down = grey[ys, x], grey[ys - k, x], grey[ys + k, x]
        line = (np.minimum(g - up, g - down) >= RIDGE) | (np.minimum(up - g, down - g) >= RIDGE)
        count += int((line & (alpha[np.clip(ys - y0, 0, h - 1), x - x0] < 0.05) & is_skin[ys - k, x]
                      & is_skin[ys + k, x]).sum())
    return 1000.0 * count / size ** 2


GRAIN_SIGMA = 0.006
"""Face sizes: the Gaussian blur whose difference from the frame's lightness is its grain (`flat_cheek`; sr_18's
skin pores and fine shading, 2 px at his own size)."""
GRAIN_WINDOW = 0.03
"""Face sizes: the box over which `flat_cheek` averages the grain's size."""
FLAT = 0.6
"""Lightness levels (0-255): under this mean grain a skin pixel is flat (`flat_cheek`; sr_18's own far cheek has
none under 1.2, his far cheek drawn as one even stretch blurred down the columns 0.2-0.6)."""


def flat_cheek(frame: np.ndarray, landmarks: np.ndarray, skin: tuple[np.ndarray, np.ndarray], side: int,
               size: float, below: bool = False) -> float:
    """Face sizes^2 x 1000: the far cheek's skin drawn without grain, a flat skin block (issue #9: sr_18 x
    preset:turn frame 10 at his own size, the folded outline's even stretch read a few photo px over 80,
    `head_edge.far_fold`). Arguments as `far_tear`'s. In `cheek_box` from the far mouth corner (the whole cheek):
    the skin-coloured pixels whose lightness differs from its `GRAIN_SIGMA` blur by under `FLAT` on average over
    `GRAIN_WINDOW`."""
    box = cheek_box(frame.shape[:2], landmarks, side, size, from_mouth=True, below=below)
    if box is None:
        return 0.0
    top, bottom, x0, x1 = box
    lab = cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2LAB).astype(np.float32)
    lightness = lab[..., 0]
    grain = cv2.blur(np.abs(lightness - cv2.GaussianBlur(lightness, (0, 0), max(0.5, GRAIN_SIGMA * size))),
                     (max(3, round(GRAIN_WINDOW * size)),) * 2)[top:bottom, x0:x1]
    flat = (grain < FLAT) & (colour_distance(lab[top:bottom, x0:x1], skin) < CHI2_99)
    return 1000.0 * int(flat.sum()) / size ** 2
