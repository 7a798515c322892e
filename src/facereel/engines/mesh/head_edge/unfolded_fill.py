"""What the face's far band, folded under its silhouette in the photo and turned back into view, reads
(`MeshWarp.displacement`'s `fill_from`): the face's own pixels and the rings rigid with the head on the face's
skin colour beside it (an ear: astronaut's on preset:turn reads its ear there, not the cheek stretched over it),
not the background or hair beyond the silhouette (sr_18's light streak). The fill's source positions are then
kept on the skin side of the photo's face outline (`SkinEdge`): a fill averaged from both sides of the outline
read the dark or grey edge beyond it (sr_18's grey spot beside the far cheek, preset:turn frames 12-14). Filled so,
the band reads the photo's last 1-3 px of skin along its silhouette over 10-30 frame px (9-32x; drawn as streaks,
sheared along the silhouette: lp_s12 on preset:turn 56-95, sr_18 3-46): `spread_band` then lays it out again with
the seen cheek beside it as one smooth 2-D fill, so that the strip of the photo's cheek at the silhouette is
stretched evenly over both. Where it does not, the band as drawn is blurred down its columns (`smooth_rows`): each
of its rows reads a few of the photo's pixels stretched across it, so the grain and an ear's rim there became
horizontal streaks (lp_s12 on preset:turn 36-44)."""

from __future__ import annotations

import cv2
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import spsolve

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_mask.face_colours import face_colours
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance
from facereel.engines.mesh.plate_fill.plate import nearest_pixels

EDGE_REACH = 0.25
"""Face sizes beyond the photo's face oval over which its skin-coloured pixels (an ear, the cheek past the oval's
landmarks) count as the skin side (`SkinEdge`); farther out (sr_18's blurred faces behind him) they do not."""
OPAQUE = 0.95
"""The head layer's alpha at or above which a pixel of the skin side is read (`SkinEdge`): at the outline's
partly transparent pixels the layer's colour is the photo unmixed from the plate behind it (sr_18: grey)."""

ROW_BLUR = 0.04
"""Face sizes: the standard deviation of `smooth_rows`'s blur down the band's columns (lp_s12's streaks 2-6 px
apart at a face of ~160 px; at 0.02 its ear's light rim stayed a light blob)."""

_SAMPLES = np.array([[1, 1, 1], [4, 1, 1], [1, 4, 1], [1, 1, 4]], np.float32) / np.float32([[3], [6], [6], [6]])
"""(4, 3) barycentric weights: a triangle's centre and the points halfway from it to each corner."""


def band_window(unfolded: np.ndarray, half: int) -> tuple[slice, slice] | None:
    """The rows and columns of `unfolded` ((h, w) float32) that a blur down the columns `half` px long changes
    where it is above 0 (its box, grown by `half` rows and clipped to the array; the blur reads no row beyond),
    or None where it is 0 everywhere."""
    rows, cols = np.nonzero(unfolded.any(1))[0], np.nonzero(unfolded.any(0))[0]
    if not len(rows):
        return None
    return (slice(max(0, rows[0] - half), min(len(unfolded), rows[-1] + 1 + half)), slice(cols[0], cols[-1] + 1))


def smooth_rows(part: np.ndarray, unfolded: np.ndarray, face_px: float) -> None:
    """Blurs `part` ((h, w, 3) uint8 RGB, drawn crop pixels; in place) down its columns by `ROW_BLUR` face sizes
    (`face_px`, px) where the unfolded band shows (`unfolded`, (h, w) float32 in [0, 1], soft at its edge), from the
    band's own pixels only (what lies above and below it, an ear or the wall, is not drawn in): there the map holds
    a row's source position nearly still across the band, so what differs from row to row in the photo (grain, an
    ear's rim) is drawn out into horizontal streaks."""
    sigma = max(0.5, ROW_BLUR * face_px)
    half = int(np.ceil(3 * sigma))
    window = band_window(unfolded, half)
    if window is None:
        return
    part, unfolded = part[window], unfolded[window]
    size = (1, 2 * half + 1)
    weight = unfolded[..., None]
    colour = cv2.GaussianBlur(part * weight, size, 0, sigmaY=sigma)
    share = cv2.GaussianBlur(unfolded, size, 0, sigmaY=sigma)[..., None]
    blurred = colour / np.maximum(share, 1e-6)
    part[:] = np.rint(part + weight * (blurred - part)).astype(np.uint8)


def fill_sources(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, vertices: np.ndarray,
                 ring_tris: np.ndarray, rigid: np.ndarray, num_face_tris: int) -> np.ndarray:
    """(R + F,) bool, the triangles whose pixels the unfolded band's fill reads: the ring triangles ((R, 3)
    indices into `vertices`, (V, 2) crop px) all of whose corners are rigid with the head (`rigid`, (V,) bool)
    with the face's skin colour at one of their `_SAMPLES` in the photo, then every one of the `num_face_tris`
    face triangles. crop: (h, w, 3) uint8 RGB at `origin` (2,) px; landmarks: (478, 2+) image px."""
    h, w = crop.shape[:2]
    colours = face_colours(crop, landmarks, origin, face_oval((h, w), landmarks, origin)[0])
    rings = rigid[ring_tris].all(1)
    if colours.skin is None:
        rings[:] = False
    else:
        skin = colour_distance(colours.lab, colours.skin) < CHI2_99
        points = np.einsum("sk,fkd->fsd", _SAMPLES, vertices[ring_tris])  # (R, 4, 2)
        at = np.clip(np.rint(points).astype(np.intp), 0, [w - 1, h - 1])
        rings &= skin[at[..., 1], at[..., 0]].any(1)
    return np.concatenate([rings, np.ones(num_face_tris, bool)])


class SkinEdge:
    """The skin side of a photo's face outline: the face oval above the eyes (the hair of a sideburn there stays
    hair) and the skin-coloured pixels within `EDGE_REACH` face sizes of the oval (below the eyes the oval's other
    pixels are the background seen through the outline's edge: sr_18's grey streak), where the head layer is
    opaque (`OPAQUE`). `pull` moves source positions off it onto its nearest pixel.

    crop: (h, w, 3) uint8 RGB at `origin` (2,) px; landmarks: (478, 2+) image px; face_px: the face size, px;
    alpha: (h, w) float32 in [0, 1], the head layer's alpha on the crop. With no skin colour read, the side is
    the oval alone."""

    def __init__(self, crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float,
                 alpha: np.ndarray) -> None:
        h, w = crop.shape[:2]
        oval = face_oval((h, w), landmarks, origin)[0]
        colours = face_colours(crop, landmarks, origin, oval)
        side = oval > 0
        if colours.skin is not None:
            near = cv2.dilate(oval, disc_kernel(max(1, round(EDGE_REACH * face_px)))) > 0
            side = (side & (colours.down < 0)) | (near & (colour_distance(colours.lab, colours.skin) < CHI2_99))
        self.colours = colours  # the crop's Lab and the face's skin model (`face_colours.FaceColours`)
        self.side = side & (alpha >= OPAQUE)  # (h, w) bool
        # (h, w) float32 px to the nearest pixel on the side and (h, w) int64 its flat index
        self.distance, self.nearest = nearest_pixels(self.side)

    def pull(self, points: np.ndarray) -> np.ndarray:
        """(N, 2) float32 crop px: `points` (N, 2) crop px, each whose pixel lies off the skin side moved onto
        the side's nearest pixel (the others as given)."""
        h, w = self.side.shape
        at = np.clip(np.rint(points).astype(np.intp), 0, [w - 1, h - 1])
        off = ~self.side[at[:, 1], at[:, 0]]
        out = np.array(points, np.float32)
        if off.any():
            y, x = np.divmod(self.nearest[at[off, 1], at[off, 0]], w)
            out[off] = np.stack([x, y], 1)
        return out


SPREAD = 0.3
"""Face sizes along the rows into the seen face from the unfolded band over which `spread_band` lays the photo's far
cheek out again (lp_s12 x preset:turn 72-86: at 0.1 the band and that cheek still read 4-5x; at 0.2 ~4x on frame
79; at 0.4 the far eye's corner is drawn out too)."""
_EASE = 1e-3
"""`spread_band`'s pull of each position towards its own read (a weight beside a neighbour's 1): a part of the
band that no fixed sample reaches keeps its read."""


def spread_band(reads: np.ndarray, band: np.ndarray, seen: np.ndarray, cheek: np.ndarray, reach: float,
                window: tuple[slice, slice]) -> np.ndarray:
    """(h, w, 2) float32 source positions: `reads` ((h, w, 2) float32, the source positions of a grid's samples)
    with the unfolded band (`band`, (h, w) bool) at the face's outline and the seen face (`seen`, (h, w) bool: the
    face's samples read by their own maps) within `reach` samples of it along the rows inwards that reads the photo's
    `cheek` ((h, w) bool on the photo's crop px, `far_fold.cheek_reads`: not its lips nor eyes; sr_8 x preset:turn
    85: her lower lip's corner drawn out towards the band) (`laid_out`) laid out again as one smooth (harmonic) fill
    between the seen face beyond that, as it reads, and the band's outer edge (`_outer`) reading the photo's
    silhouette as filled. So the photo's strip at its silhouette is stretched evenly
    across the strip and the band, in 2-D, not drawn from its last pixels' line (a shear no row redraw mends).
    Along the rows only: reached round the band's ends, the cheek above and below it was squeezed towards it
    (lp_s12 79, 4.2x). Worked out on `window` alone, `spread_window(band, reach)` as the caller found it (the rest
    is `reads` as given; `reads` itself where nothing is laid out)."""
    part, band, seen = reads[window], band[window], seen[window]
    outer = _outer(band, seen)
    h, w = cheek.shape
    at = np.rint(part).astype(np.intp)  # (clipped per axis: a clip to a bound per channel is ~5x slower)
    free = laid_out(band, seen, reach, seen & cheek[np.clip(at[..., 1], 0, h - 1), np.clip(at[..., 0], 0, w - 1)],
                    outer)
    solve = free & ~outer  # the band's outer edge stays as it reads
    laid = harmonic(part, solve, (seen | band) & ~solve)
    if laid is part:
        return reads
    out = reads.copy()
    out[window] = laid
    return out


def spread_window(band: np.ndarray, reach: float) -> tuple[slice, slice] | None:
    """(rows, columns) of the grid outside which `spread_band` reads nothing and lays nothing out: the rows of `band`
    ((h, w) bool), its columns widened by `laid_out`'s reach (`reach` samples, `_row_reach`), and one sample more all
    round (the neighbours `_outer` and `harmonic` read); None without a band. On the whole grid the band's few
    samples cost ~1 CPU ms a call on lp_s1 512 x lp_d3 (the seen face's reads, its parts, the solve's index)."""
    rows, cols = np.flatnonzero(band.any(1)), np.flatnonzero(band.any(0))
    if not len(rows):
        return None
    (h, w), r = band.shape, _row_reach(reach) + 1
    return slice(max(0, rows[0] - 1), min(h, rows[-1] + 2)), slice(max(0, cols[0] - r), min(w, cols[-1] + 1 + r))


def _outer(band: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """(h, w) bool: the band's (`band`, (h, w) bool) outer edge, its samples beside (of 8) one neither band nor seen
    face (`seen`, (h, w) bool)."""
    return band & (cv2.dilate((~(band | seen)).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)


def _row_reach(reach: float) -> int:
    """Samples: how far along the rows `laid_out` reaches from the band (`reach` samples, at least 1)."""
    return max(1, round(reach))


def laid_out(band: np.ndarray, seen: np.ndarray, reach: float, movable: np.ndarray | None = None,
             outer: np.ndarray | None = None) -> np.ndarray:
    """(h, w) bool: the samples `spread_band` lays out again: each part of the unfolded band (`band`, (h, w) bool)
    that reaches the face's outline (an outer edge, `_outer`) and the seen face (`seen`, (h, w) bool; of it only the
    `movable` samples, (h, w) bool, None: all) within `reach` samples of it along the rows on the side away from that
    edge. A band inside the face (sr_8 x preset:turn 59-65: beside the nose) is left as filled: reached both ways,
    her far cheek was squeezed towards it (warp health 0.002 -> 0.015). outer: `_outer(band, seen)` where the
    caller has it."""
    count, parts = cv2.connectedComponents(band.astype(np.uint8), connectivity=8)
    outer = _outer(band, seen) if outer is None else outer
    r = _row_reach(reach)
    out = np.zeros_like(band)
    for part in range(1, count):
        mask = parts == part
        edge = outer & mask
        if not edge.any():
            continue
        towards_x = np.nonzero(edge)[1].mean() < np.nonzero(mask)[1].mean()  # the outer edge on its left
        # one-sided along the rows: anchored at the kernel's last column it grows towards +x, at its first towards -x
        grown = cv2.dilate(mask.astype(np.uint8), np.ones((1, r + 1), np.uint8), anchor=(r if towards_x else 0, 0)) > 0
        out |= mask | ((seen if movable is None else movable) & grown)
    return out


def harmonic(values: np.ndarray, solve: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """(h, w, c) float32: `values` ((h, w, c) float32) on the `solve` samples ((h, w) bool) replaced by the
    harmonic fill (each the mean of its 4 neighbours that are solved or `fixed`, (h, w) bool; a sample beside none
    keeps its value, eased towards it by `_EASE`) from the `fixed` ones."""
    h, w = solve.shape
    index = np.full((h, w), -1, np.int64)
    ys, xs = np.nonzero(solve)
    n = len(ys)
    if not n:
        return values
    index[ys, xs] = np.arange(n)
    rows, cols, data = [np.arange(n)], [np.arange(n)], [np.full(n, _EASE)]
    rhs = _EASE * values[ys, xs].astype(np.float64)
    for dy, dx in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        ny, nx = ys + dy, xs + dx
        inside = (ny >= 0) & (ny < h) & (nx >= 0) & (nx < w)
        ny, nx = np.clip(ny, 0, h - 1), np.clip(nx, 0, w - 1)
        other = inside & solve[ny, nx]
        known = inside & fixed[ny, nx] & ~solve[ny, nx]
        link = other | known
        rows += [np.flatnonzero(link)]
        cols += [np.flatnonzero(link)]
        data += [np.ones(int(link.sum()))]
        rows += [np.flatnonzero(other)]
        cols += [index[ny[other], nx[other]]]
        data += [-np.ones(int(other.sum()))]
        rhs[known] += values[ny[known], nx[known]]
    matrix = coo_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)).tocsr()
    out = values.copy()
    out[ys, xs] = spsolve(matrix, rhs).reshape(n, -1).astype(np.float32)
    return out

