"""The photo of a face behind others with the front people removed (issue #12: the front person's side hair
drawn twice): the front face's matte (its region grown over the dark outer band of its side hair) and what its
back face shows under it, a smooth fill from her own pixels round it, so her layer never holds the front hair."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.layers import fill_hole

BAND = 0.12
"""Front-face sizes: how far outside its region the front matte follows the dark band of its side hair."""
FRINGE = 2
"""px: how far the matte goes on past that band (the hair's light mixed strands), fading over as many."""
RIM = 6
"""px: the back face's own pixels this near the hole fill it."""
BLEND_FROM = 0.5
"""The front head's alpha from which the face behind it is blended towards its fill (below: the photo)."""
SOLID = 0.98
"""The front head's alpha from which the face behind it is its fill alone."""


def front_matte(region: np.ndarray, size: float, level: np.ndarray) -> np.ndarray:
    """(H, W) float32 in [0, 1]: where a front face may draw its head layer over the faces behind it: its
    `region` ((H, W) float32, `FaceRegions.region`) and, at `level` ((H, W) bool: its side hair's rows), every
    pixel within `BAND` * `size` px (its face size) of it (>= 0.5), fading over `FRINGE` px: its own head
    mask (the segmentation's soft alpha) then mattes its side hair there, not the region's cut."""
    far = cv2.distanceTransform((region < 0.5).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    grown = np.clip((BAND * size + FRINGE - far) / FRINGE, 0, 1) * level
    return np.maximum(region, grown).astype(np.float32)


def behind_removed(photo: np.ndarray, front: np.ndarray, own: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: `photo` with the pixels where the front heads' alpha `front` ((H, W) float32) is at least
    `SOLID` filled smoothly (push-pull) from the back face's own pixels (`own` (H, W) bool) within `RIM` px of
    them that no front head reaches (alpha 0)."""
    hole = front >= BLEND_FROM
    rim = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= RIM
    known = (own & rim & (front <= 0)).astype(np.float32)
    filled = fill_hole(photo, known)
    blend = np.clip((front - BLEND_FROM) / (SOLID - BLEND_FROM), 0, 1)[..., None]
    out = photo + blend * (filled - photo)
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


MIDLINE = (10, 151, 9, 8, 168, 6, 197, 195, 5, 4, 1, 2, 164, 0, 17, 18, 200, 199, 175, 152)
"""Landmarks down the face's symmetry axis (forehead to chin)."""
RATIO = (1 / 3, 3.0)
"""Bounds of the visible half's width over the hidden half's (the yaw's foreshortening)."""


def mirrored(photo: np.ndarray, face: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((H, W, 3) float32, (H, W) float32 side): `photo` with every pixel read from its mirror about the face's
    symmetry axis (a line fitted to `MIDLINE`), the other side's distance from it scaled by the ratio of the
    oval's half widths at that row (the yaw); side: +1 right of the axis, -1 left."""
    from facereel.face import landmark_ids as ids
    h, w = photo.shape[:2]
    mid = face[list(MIDLINE), :2]
    slope, offset = np.polyfit(mid[:, 1], mid[:, 0], 1)
    rows = np.arange(h, dtype=np.float32)
    axis = slope * rows + offset
    oval = face[list(ids.FACE_OVAL), :2]
    off = oval[:, 0] - (slope * oval[:, 1] + offset)
    halves = []
    for sign in (1, -1):
        pts = oval[off * sign > 0]
        order = np.argsort(pts[:, 1])
        halves.append(np.interp(rows, pts[order, 1], np.abs(off[off * sign > 0][order])))
    right, left = halves
    ratio = np.clip(right / np.maximum(left, 1e-3), *RATIO)
    xs = np.arange(w, dtype=np.float32)[None, :]
    d = xs - axis[:, None]
    scale = np.where(d > 0, 1 / ratio[:, None], ratio[:, None])
    mapx = (axis[:, None] - d * scale).astype(np.float32)
    mapy = np.repeat(rows[:, None], w, 1).astype(np.float32)
    out = cv2.remap(photo.astype(np.float32), mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return out, np.sign(d).astype(np.float32)


def behind_mirrored(photo: np.ndarray, front: np.ndarray, own: np.ndarray, face: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: `photo` with the pixels under the front heads' alpha `front` drawn from the back face's
    visible half mirrored (`mirrored`), shaded by a smooth gain that matches it to the photo on her own pixels
    (`own`) within `RIM` px of the hole that no front head reaches."""
    hole = front >= BLEND_FROM
    rim = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= RIM
    picture, _ = mirrored(photo, face)
    known = (own & rim & (front <= 0)).astype(np.float32)
    gain = fill_hole(np.log((photo.astype(np.float32) + 8) / (picture + 8)), known)
    shaded = (picture + 8) * np.exp(gain) - 8
    blend = np.clip((front - BLEND_FROM) / (SOLID - BLEND_FROM), 0, 1)[..., None]
    out = photo + blend * (shaded - photo)
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


OUT = 24
"""px: how far outside her outline the strip along it reaches (her side hair, the wall)."""
IN = 8
"""px: how far inside her outline the strip along it reaches (her cheek)."""
SOURCE_UNDER = 0.02
"""The front heads' alpha under which a pixel is her photo, a source for the strip's fill."""


def _outline(face: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((S, 2), (S, 2)) float32: her face oval (`FACE_OVAL`, closed) resampled every 1 px, and its unit normals
    pointing inside."""
    from facereel.face import landmark_ids as ids
    ring = face[list(ids.FACE_OVAL), :2].astype(np.float64)
    ring = np.vstack([ring, ring[:1]])
    step = np.hypot(*np.diff(ring, axis=0).T)
    arc = np.concatenate([[0], np.cumsum(step)])
    s = np.arange(0, arc[-1], 1.0)
    points = np.stack([np.interp(s, arc, ring[:, 0]), np.interp(s, arc, ring[:, 1])], 1)
    tangent = np.gradient(points, axis=0)
    tangent /= np.maximum(np.hypot(*tangent.T), 1e-6)[:, None]
    normal = np.stack([-tangent[:, 1], tangent[:, 0]], 1)
    centre = ring[:-1].mean(0)
    if np.mean(np.sum((centre - points) * normal, 1)) < 0:
        normal = -normal
    return points.astype(np.float32), normal.astype(np.float32)


def _reflect_runs(strip: np.ndarray, hidden: np.ndarray, outside: int = 0) -> np.ndarray:
    """(D, S, 3) float32: `strip` with each row's runs of `hidden` cells ((D, S) bool) filled by its own cells
    reflected about the run's two ends along the row (the outline's direction, the row a fixed depth), the two
    blended by the distance to each end; the row is a closed loop."""
    out = strip.copy()
    size = strip.shape[1]
    for row in range(strip.shape[0]):
        shown = np.flatnonzero(~hidden[row])
        if shown.size == 0 or shown.size == size:
            continue
        start = shown[np.argmax(np.diff(np.concatenate([shown, [shown[0] + size]])))]
        order = (start + np.arange(size)) % size  # begins at a shown cell that precedes the longest hidden run
        line = hidden[row, order]
        edges = np.flatnonzero(np.diff(line.astype(np.int8)))
        for a, b in zip(edges[::2] + 1, edges[1::2] + 1):  # hidden cells a .. b - 1
            k = np.arange(a, b)
            before = np.clip(2 * a - 1 - k, 0, size - 1)
            after = np.clip(2 * b - 1 - k, 0, size - 1)
            before = np.where(line[before], a - 1, before)
            after = np.where(line[after], min(b, size - 1), after)
            w = ((k - a + 0.5) / (b - a))[:, None]
            if row < outside:  # outside her outline: only the end nearer her forehead (her hair, not her neck)
                gap = [min(order[e], size - order[e]) for e in (a - 1, min(b, size - 1))]
                w = np.full_like(w, float(gap[1] < gap[0]))
            out[row, order[k]] = (1 - w) * strip[row, order[before]] + w * strip[row, order[after]]
    return out


def along_outline(photo: np.ndarray, front: np.ndarray, face: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((H, W, 3) float32, (H, W) bool): her picture where the front heads' alpha `front` hides her, her own
    texture continued along her outline: the photo unrolled into a strip along her face oval (`OUT` px outside
    to `IN` px inside), each depth's hidden cells filled from her shown cells along it (`_reflect_runs`), rolled
    back; and where it was drawn (the hidden pixels the strip reaches)."""
    points, normal = _outline(face)
    depth = np.arange(-OUT, IN + 1, dtype=np.float32)
    mapx = (points[None, :, 0] + depth[:, None] * normal[None, :, 0]).astype(np.float32)
    mapy = (points[None, :, 1] + depth[:, None] * normal[None, :, 1]).astype(np.float32)
    strip = cv2.remap(photo.astype(np.float32), mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    hidden = cv2.remap(front.astype(np.float32), mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    filled = _reflect_runs(strip, hidden > SOURCE_UNDER, OUT)
    ys, xs = np.nonzero(front > SOURCE_UNDER)
    picture = photo.astype(np.float32).copy()
    drawn = np.zeros(front.shape, bool)
    if ys.size == 0:
        return picture, drawn
    spot = np.stack([xs, ys], 1).astype(np.float32)
    near = np.empty(ys.size, np.int64)
    for part in range(0, ys.size, 4096):
        chunk = spot[part:part + 4096]
        near[part:part + 4096] = np.argmin(((chunk[:, None, :] - points[None]) ** 2).sum(-1), 1)
    d = np.sum((spot - points[near]) * normal[near], 1)
    reach = (d >= -OUT) & (d <= IN)
    at = cv2.remap(filled, near[reach].astype(np.float32)[None], (d[reach] + OUT).astype(np.float32)[None],
                   cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)[0]
    picture[ys[reach], xs[reach]] = at
    drawn[ys[reach], xs[reach]] = True
    return picture, drawn


def behind_along_outline(photo: np.ndarray, front: np.ndarray, own: np.ndarray, face: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: `photo` with the pixels under the front heads' alpha `front` drawn from her texture
    continued along her outline (`along_outline`; past its reach the smooth fill), blended in from alpha
    `BLEND_FROM` to `SOLID`."""
    hole = front >= BLEND_FROM
    rim = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= RIM
    known = (own & rim & (front <= 0)).astype(np.float32)
    picture, drawn = along_outline(photo, front, face)
    mirror, _ = mirrored(photo, face)
    gain = fill_hole(np.log((photo.astype(np.float32) + 8) / (mirror + 8)), known)
    picture = np.where(drawn[..., None], picture, (mirror + 8) * np.exp(gain) - 8)
    blend = np.clip((front - BLEND_FROM) / (SOLID - BLEND_FROM), 0, 1)[..., None]
    out = photo + blend * (picture - photo)
    return np.clip(np.round(out), 0, 255).astype(np.uint8)
