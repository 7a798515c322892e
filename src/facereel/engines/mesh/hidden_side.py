"""Her hidden side (issue #12): a face behind a front person drawn where the front person hides her, her own
texture continued along her own outline (a strip unrolled along her face oval) and, past its reach, her
visible half mirrored about her face's axis, shaded to her pixels round the hole."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.layers import fill_hole

RIM = 6
"""px: her own pixels this near the hole shade the mirrored part."""


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


OUT = 24
"""px: how far outside her outline the strip along it reaches (her side hair, the wall)."""
IN = 24
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


def hidden_side(photo: np.ndarray, front: np.ndarray, own: np.ndarray, face: np.ndarray) -> np.ndarray:
    """(H, W, 3) float32: her picture where `front` ((H, W) float32, the front person's share) is over
    `SOURCE_UNDER`: `along_outline`, past its reach the mirror gain-shaded on `own` ((H, W) bool, her pixels)
    within `RIM` px of the hole; the photo elsewhere."""
    hole = front > SOURCE_UNDER
    rim = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= RIM
    known = (own & rim & ~hole).astype(np.float32)
    picture, drawn = along_outline(photo, front, face)
    mirror, _ = mirrored(photo, face)
    gain = fill_hole(np.log((photo.astype(np.float32) + 8) / (mirror + 8)), known)
    return np.where(drawn[..., None], picture, np.where(hole[..., None], (mirror + 8) * np.exp(gain) - 8, photo))
