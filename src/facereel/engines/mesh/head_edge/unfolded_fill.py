"""What the face's far band, folded under its silhouette in the photo and turned back into view, reads
(`MeshWarp.displacement`'s `fill_from`): the face's own pixels and the rings rigid with the head on the face's
skin colour beside it (an ear: astronaut's on preset:turn reads its ear there, not the cheek stretched over it),
not the background or hair beyond the silhouette (sr_18's light streak). The fill's source positions are then
kept on the skin side of the photo's face outline (`SkinEdge`): a fill averaged from both sides of the outline
read the dark or grey edge beyond it (sr_18's grey spot beside the far cheek, preset:turn frames 12-14). As drawn,
the band is blurred down its columns (`smooth_rows`): each of its rows reads a few of the photo's pixels stretched
across it, so the grain and an ear's rim there became horizontal streaks (lp_s12 on preset:turn 36-44)."""

from __future__ import annotations

import cv2
import numpy as np

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
            size = 2 * max(1, round(EDGE_REACH * face_px)) + 1
            near = cv2.dilate(oval, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))) > 0
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
