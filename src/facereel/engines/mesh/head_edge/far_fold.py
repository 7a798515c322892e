"""The far outline's fold unfolded along the rows (issue #9, sr_18 `edit --yaw 25`: the far cheek's outline torn
into skin shards).

On a turned photo the face oval's landmarks on the far side lie inside its silhouette (sr_18: 3-4 px), the face
points beyond them turned over. Turned further, the seen face triangles read the photo up to its silhouette, the
unfolded band beyond them is filled from the skin round it and reads back in, and the first ring's band starts
again at the oval's landmarks: along a frame row the map reads the photo's outline strip back and forth (sr_18
rows 130-145: frame x 372-392 read source x 397-401 twice or three times), so its edge (a highlight, the grey
streak the mask holds) is drawn as two or three slivers with skin between them. `unfold_rows` redraws each folded
span of a row as one even stretch from the read before it to the read after it, so the outline's edge is drawn
once, at the outline. At sr_18's own size (face ~376 px) a span read ~9 photo px over ~80 and, blurred down the
columns as drawn, was a flat skin block where the far ear and cheek were (preset:turn 6-16, h27-farblock): the
stretch now starts farther in (`widened`) and the map's change, not the pixels, is smoothed down the columns.
Laid evenly, the span drew sr_18's pale ear rim (2-3 photo px) over 20-30 frame px, a flat pale patch with a vertical
edge by his far ear (lp_d3 284-308 frames 10-16): the span is now laid by the photo's lightness (`lit_share`), its
stretch on the steps of the cheek's tone, the rim at 1 frame px per photo px.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, polygon_mask
from facereel.engines.mesh.head_edge.outline_skin import beyond_chin
from facereel.engines.mesh.head_edge.unfolded_fill import ROW_BLUR
from facereel.face import landmark_ids as ids

BELOW = 2
"""`fold_strip`'s value on the strip's rows from the mouth corners' to the chin's: there a read is a fold's only on
the band the photo shows from behind (`MeshWarp.unfolded`; lp_s12 x preset:turn 79 / 86, drawn as the map reads it
and blurred down the columns, a flat mauve block with a hard vertical edge; sr_8's outline against her hair, the
map's own occlusion there, read as a fold and stretched, a jagged dark edge)."""
WIDE_BAND = 0.04
"""Face sizes: a row's unfolded band narrower than this is the outline's soft edge (sr_8 x preset:turn 12 / 16 at her
own size: 0.02-0.03, drawn blurred down the columns as before), not a block (lp_s12 79 / 86: 0.08-0.14; sr_18 10-12:
0.04-0.16); `BELOW` is read as a fold only on rows with a wider band."""
STRIP = 0.025
"""Face sizes from the photo's face oval's outline (either side) within which its far side's pixels are the outline
strip `unfold_rows` redraws (sr_18's fold reads 0.019 inside the oval to 0.016 beyond it; at 0.06 sr_8's reads of
the hair and the wall 0.02-0.06 beyond her far cheek on `edit --yaw -25`, the map's own occlusions, were redrawn
too: a stepped, smudged crease by her nose)."""
BACK_PX = 1.0
"""px: a read that far or farther back (towards the nose) of the farthest read before it on the row is a fold."""
MAX_STRETCH = 2.0
"""How many times as stretched as the row's reads before it (frame px per source px) a folded span's even stretch
may draw the photo's far cheek (`widened`)."""
WIDEN = 0.15
"""Face sizes: how far in from the fold the even stretch may start (`widened`), and the reads before it that
give the row's stretch (`read_rate`)."""
MOVED_PX = 0.25
"""px: a pixel whose read `unfold_rows` moved this far or farther is redrawn (not blurred again as drawn)."""
TONE = 5.0
"""L* units: a step of a folded span's reads within this of the lightness at its start is the cheek's tone and takes
the span's stretch (`lit_share`); the steps unlike it (sr_18's pale ear rim beside his far cheek, 10-15 L* lighter)
keep 1 frame px per photo px (laid evenly, the rim's 2-3 px were drawn over 20-30, blurred down the columns by
`far_grain`: a flat pale patch with a vertical edge at the stretch's start, lp_d3 284-308 frames 10-16)."""
LIGHT_BLUR = 1.0
"""px: the standard deviation of the blur of the photo's lightness `lit_share` reads (its grain is not its tone)."""


def fold_strip(oval: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) uint8: the photo's far outline strip, `STRIP` face sizes either side of the face oval's outline
    (oval: (h, w) uint8, 1 inside, on the crop at `origin` (2,) px), beyond the chin on the far side
    (`outline_skin.far_side`): 1 from the pupils' row to the mouth corners' (sr_18's fold: the cheek beside the
    ear), `BELOW` from there to the chin's, 0 elsewhere. landmarks: (478, 2+) image px; face_px px."""
    w = oval.shape[1]
    reach = max(1, round(STRIP * face_px))
    disc = disc_kernel(reach)
    strip = (cv2.dilate(oval, disc) > 0) & (cv2.erode(oval, disc) == 0)
    top = int(np.floor(landmarks[[ids.LEFT_PUPIL, ids.RIGHT_PUPIL], 1].mean() - origin[1]))
    corners = int(np.ceil(landmarks[list(ids.MOUTH_CORNERS), 1].max() - origin[1]))
    bottom = int(np.ceil(landmarks[ids.CHIN, 1] - origin[1]))
    rows = np.zeros((len(strip), 1), np.uint8)
    rows[max(0, top):max(0, corners)] = 1
    rows[max(0, corners):max(0, bottom)] = BELOW
    return (strip & beyond_chin(landmarks, origin, w)[None, :]) * rows


def cheek_reads(shape: tuple[int, int], landmarks: np.ndarray, origin: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) bool on the crop (`shape`, at `origin` (2,) px): the photo's pixels a widened stretch may read
    (`widened`): all but the lips and the eyes (their outer outlines from the landmarks (478, 2+) image px) grown
    by `STRIP` face sizes (face_px px; sr_8 `edit --yaw -25`: a row by her far mouth corner widened into the lip
    drew it as a lilac bar across the cheek)."""
    lm = np.asarray(landmarks, np.float32)[:, :2]
    parts = [ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP[::-1], ids.RIGHT_UPPER_LID + ids.RIGHT_LOWER_LID[::-1],
             ids.LEFT_UPPER_LID + ids.LEFT_LOWER_LID[::-1]]
    kept = polygon_mask([lm[list(part)] for part in parts], shape, tuple(origin))
    reach = max(1, round(STRIP * face_px))
    return cv2.dilate(kept, disc_kernel(reach)) == 0


def fold_rows(maps: np.ndarray, strip: np.ndarray, side: int, band: np.ndarray | None = None
              ) -> list[tuple[int, np.ndarray]]:
    """The rows of `maps` ((b, a, 2) float32 backward map, crop px) that read the strip (`fold_strip`, (h, w)
    uint8 or bool; its `BELOW` part only where `band`, (b, a) bool, the unfolded band, lies; None: nowhere) back
    and forth: (row, columns (n,) int64 in order from the near side, from the first whose read passes the fold's
    nearest read to its last read `BACK_PX` or more back of the farthest before it) per such row."""
    h, w = strip.shape
    at = np.rint(maps).astype(np.intp)
    read = strip[np.clip(at[..., 1], 0, h - 1), np.clip(at[..., 0], 0, w - 1)]
    on = (read == 1) | ((read == BELOW) & band) if band is not None else read == 1
    out = []
    for row in np.flatnonzero(on.any(1)):
        cols = np.flatnonzero(on[row])[::side]
        out_x = side * maps[row, cols, 0]
        farthest = np.maximum.accumulate(out_x)
        back = np.flatnonzero(out_x <= farthest - BACK_PX)
        if len(back):
            start = int(np.searchsorted(farthest, out_x[back].min()))
            out.append((int(row), cols[start:back[-1] + 1]))
    return out


def widened(reads: np.ndarray, first: int, last: int, side: int, rate: float, reach: int, cheek: np.ndarray) -> int:
    """The column a folded span's even stretch starts from: `first` (the read before the span) moved towards the
    near side, over reads that still go outwards and lie on `cheek` (`cheek_reads`, (h, w) bool), until the stretch
    from it to `last` lays at most `MAX_STRETCH` times `rate` frame px per source px, or `reach` px. reads: (a, 2)
    float32 the row's source positions, crop px; side: the photo's far side (+1: right); rate: frame px per source
    px of the row's reads before the span."""
    a, (h, w) = len(reads), cheek.shape
    xs = reads[:, 0]
    at = np.clip(np.rint(reads).astype(np.intp), 0, [w - 1, h - 1])
    j = first
    while (0 <= j - side < a and abs(first - j) < reach and side * (xs[j] - xs[j - side]) > 0
           and cheek[at[j - side, 1], at[j - side, 0]]
           and abs(last - j) > MAX_STRETCH * rate * side * (xs[last] - xs[j])):
        j -= side
    return j


def read_rate(xs: np.ndarray, first: int, side: int, reach: int) -> float:
    """Frame px per source px of a row's reads (xs (a,) float32 crop px) over the `reach` px before column `first`
    (towards the near side); 1 where they do not go outwards."""
    before = int(np.clip(first - side * reach, 0, len(xs) - 1))
    gone = side * (xs[first] - xs[before])
    return abs(first - before) / gone if gone > 0 else 1.0


def lightness(head: np.ndarray) -> np.ndarray:
    """(h, w) float32: the L* (0-100) of the head layer (`head` (h, w, 4) float32, premultiplied colour levels 0-255
    and alpha), unpremultiplied and blurred by `LIGHT_BLUR` px (`lit_share` reads it)."""
    rgb = head[..., :3] / np.maximum(head[..., 3:], 1e-3) / 255
    light = cv2.cvtColor(np.clip(rgb, 0, 1).astype(np.float32), cv2.COLOR_RGB2LAB)[..., 0]
    return cv2.GaussianBlur(light, (0, 0), LIGHT_BLUR)


def lit_share(first: np.ndarray, last: np.ndarray, n: int, light: np.ndarray) -> np.ndarray:
    """(n - 1,) float32 in (0, 1): where along the photo's segment from `first` to `last` ((2,) float32 crop px) each
    of the n - 1 frame px between a span's ends reads: each half-px step of the segment gets its share of a photo px
    (1 frame px per photo px), and the frame px left over go to the steps whose lightness (`light`, (h, w) float32,
    `lightness`) lies within `TONE` of the start's, the more the more alike; evenly where none is alike or the span
    is not stretched."""
    even = np.arange(1, n, dtype=np.float32) / n
    length = float(np.hypot(*(last - first)))
    steps = max(2, int(np.ceil(2 * length)))
    along = np.linspace(0, 1, steps + 1, dtype=np.float32)
    points = first[None] + along[:, None] * (last - first)[None]
    tone = cv2.remap(light, np.ascontiguousarray(points[:, None]), None, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE)[:, 0]
    alike = np.clip(1 - np.abs(0.5 * (tone[1:] + tone[:-1]) - tone[0]) / TONE, 0, 1)
    spare = n - length
    if spare <= 0 or alike.sum() < 1e-3:
        return even
    laid = np.concatenate([[0.0], np.cumsum(length / steps + spare * alike / alike.sum())])
    return np.interp(even * laid[-1], laid, along).astype(np.float32)


def stretch(maps: np.ndarray, row: int, start: int, last: int, side: int, cheek: np.ndarray,
            light: np.ndarray | None = None) -> None:
    """Lays the reads of `maps` ((b, a, 2) float32 crop px; in place) on `row` between columns `start` and `last`
    (ends kept; `side` +1: `last` to the right), x and y, from the read at `start` to the one at `last`: by the
    photo's lightness `light` ((h, w) float32, `lit_share`), None: linearly; the start first moved out past reads
    off `cheek` ((h, w) bool, `cheek_reads`: a lip's colour is not drawn out across the cheek), those left as they
    are."""
    h, w = cheek.shape
    at = np.clip(np.rint(maps[row]).astype(np.intp), 0, [w - 1, h - 1])
    while side * (last - start) > 1 and not cheek[at[start, 1], at[start, 0]]:
        start += side
    cols = np.arange(start + side, last, side)
    if len(cols):
        first, end = maps[row, start].copy(), maps[row, last].copy()
        share = (np.arange(1, len(cols) + 1, dtype=np.float32) / (len(cols) + 1) if light is None
                 else lit_share(first, end, len(cols) + 1, light))
        maps[row, cols] = first + share[:, None] * (end - first)


def unfold_rows(maps: np.ndarray, strip: np.ndarray, side: int, face_px: float, cheek: np.ndarray,
                band: np.ndarray | None = None, light: np.ndarray | None = None) -> np.ndarray | None:
    """Redraws in place each folded row's span (`fold_rows`) as one stretch (`stretch`; by the photo's lightness
    `light`, (h, w) float32 `lightness`, None: even) from the read before
    the span, moved in over the `cheek` (`widened`, `cheek_reads`) so that the stretch draws the photo's far cheek
    at most `MAX_STRETCH` times as stretched as the row's reads before it, to the read after it. The starts, then
    the maps' change, are smoothed down the columns (`ROW_BLUR` face sizes; reads off the `cheek` left as they
    are) so that the rows' stretches join (the photo's grain kept, not blurred as drawn); the reads the smoothing
    folds again (15-25 px a row on sr_18 at his size) are stretched from the read before their span. maps: (b, a,
    2) float32 crop px; strip (h, w) uint8 (`fold_strip`); side: the photo's far side (`outline_skin.far_side`,
    +1: right); face_px: the photo's face size, px; band: (b, a) bool, the unfolded band (`fold_rows`; only its
    rows `WIDE_BAND` or wider). Returns (b, a) bool, the pixels whose read moved `MOVED_PX` or more, or None with
    no fold."""
    if band is not None:
        band = band & (band.sum(1, keepdims=True) >= WIDE_BAND * face_px)
    folds = fold_rows(maps, strip, side, band)
    if not folds:
        return None
    a = maps.shape[1]
    reach = max(1, round(WIDEN * face_px))
    sigma = max(0.5, ROW_BLUR * face_px)
    size = (1, 2 * int(np.ceil(3 * sigma)) + 1)
    spans = [(row, int(np.clip(cols[0] - side, 0, a - 1)), int(np.clip(cols[-1] + side, 0, a - 1)))
             for row, cols in folds]
    firsts = np.float32([widened(maps[row], first, last, side, read_rate(maps[row, :, 0], first, side, reach), reach,
                                 cheek) for row, first, last in spans])
    starts = cv2.GaussianBlur(firsts[:, None], size, 0, sigmaY=sigma, borderType=cv2.BORDER_REPLICATE)[:, 0]
    before = maps.copy()
    for (row, _, last), start in zip(spans, np.rint(starts).astype(int)):
        stretch(maps, row, int(np.clip(start, 0, a - 1)), last, side, cheek, light)
    h, w = cheek.shape
    at = np.clip(np.rint(before).astype(np.intp), 0, [w - 1, h - 1])
    maps[:] = before + cv2.GaussianBlur(maps - before, size, 0, sigmaY=sigma) * cheek[at[..., 1], at[..., 0], None]
    for row, cols in fold_rows(maps, strip, side, band):
        stretch(maps, row, int(np.clip(cols[0] - side, 0, a - 1)), int(np.clip(cols[-1] + side, 0, a - 1)), side,
                cheek, light)
    return np.abs(maps - before).max(-1) >= MOVED_PX
