"""The background plate's fill behind the head: the background right beside the head, carried inwards.

A turning or moving head uncovers the plate next to where its outline was, so what matters most is that
the fill there looks like the background that touched the head. Push-pull from all the background around
the hole (`layers.fill_hole`) averages in what lies farther away: a bright pillar a few px beyond a dark
strip beside the hair, the lighter middle of a grey wall, and shows it as a smooth, bright, head-shaped
halo (sr_4, lp_s12). Here each hole pixel instead takes the colour of the nearest pixels of a thin ring of
background right outside the hole (averaged along the ring, so no single noisy pixel is drawn out into a
ray), blurred more the deeper it lies in the hole (so the seams between the parts of the ring meet
smoothly), and gets back the background's fine texture (film grain, fabric, blur noise) mirrored from
across the hole's edge, its amplitude limited to what the ring shows away from strong edges.
"""

from __future__ import annotations

import cv2
import numpy as np

RING = 0.4
"""Width of the ring of background outside the hole whose colour is carried in, in units of the hole's
margin around the head (`MeshOptions.plate_grow`, 0.05 face sizes): 0.02 face sizes."""
ALONG = 0.6
"""The ring's colour is averaged along it over about this much (Gaussian sigma, the margin's units)."""
DEPTH_BLUR = 0.5
"""A hole pixel d px deep is blurred over about d * this (Gaussian sigma, px): sharp at the edge, smooth
deep inside."""
TEXTURE_SIGMA = 1.5  # px: the texture is the image minus its blur at this sigma
TEXTURE_LIMIT = 2.5  # the texture is clipped at this many times its median absolute value on the ring


def _nearest(source: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distance (h, w) float32 px to the nearest True pixel of `source` (h, w) bool, and that pixel's flat
    index (h, w) int64."""
    distance, labels = cv2.distanceTransformWithLabels((~source).astype(np.uint8), cv2.DIST_L2, 5,
                                                       labelType=cv2.DIST_LABEL_PIXEL)
    index = np.zeros(int(labels.max()) + 1, np.int64)
    index[labels[source]] = np.flatnonzero(source)
    return distance, index[labels]


def _depth_blur(image: np.ndarray, depth: np.ndarray, sigma_per_px: float) -> np.ndarray:
    """(h, w, 3) float32: `image` blurred per pixel over ~`depth` (h, w) px * `sigma_per_px`: the levels
    of a Gaussian pyramid (blur doubling per level), brought back to full size and blended in log2 of the
    wanted blur."""
    h, w = depth.shape
    levels = [image]
    while min(levels[-1].shape[:2]) > 8 and 2 ** len(levels) < max(float(depth.max()) * sigma_per_px, 1.0):
        levels.append(cv2.pyrDown(levels[-1]))
    full = [levels[0]] + [cv2.resize(level, (w, h), interpolation=cv2.INTER_LINEAR) for level in levels[1:]]
    position = np.clip(np.log2(np.maximum(depth * sigma_per_px, 1.0)), 0, len(full) - 1)
    low = np.floor(position).astype(np.int64)
    t = (position - low)[..., None].astype(np.float32)
    stack = np.stack(full)  # (L, h, w, 3)
    rows, cols = np.mgrid[0:h, 0:w]
    high = np.minimum(low + 1, len(full) - 1)
    return (1 - t) * stack[low, rows, cols] + t * stack[high, rows, cols]


def _texture(image: np.ndarray, hole: np.ndarray, known: np.ndarray, ring: np.ndarray, near: np.ndarray
             ) -> np.ndarray:
    """(h, w, 3) float32 fine texture for the hole (0 outside it): the image's high-pass at the hole
    pixel's mirror image across its nearest ring pixel (`near`, flat indices), where that is known
    background; clipped to `TEXTURE_LIMIT` times the ring's median absolute high-pass, so strong edges
    beside the hole are not mirrored in as lines."""
    h, w = hole.shape
    detail = image - cv2.GaussianBlur(image, (0, 0), TEXTURE_SIGMA)
    limit = TEXTURE_LIMIT * max(float(np.median(np.abs(detail[ring]))), 1e-3)
    detail = np.clip(detail, -limit, limit)
    ys, xs = np.nonzero(hole)
    ny, nx = np.divmod(near[ys, xs], w)
    my, mx = np.clip(2 * ny - ys, 0, h - 1), np.clip(2 * nx - xs, 0, w - 1)
    use = known[my, mx]
    out = np.zeros_like(image)
    out[ys[use], xs[use]] = detail[my[use], mx[use]]
    return out


def ring_fill(image: np.ndarray, hole: np.ndarray, background: np.ndarray, margin_px: float) -> np.ndarray | None:
    """(h, w, 3) float32: `image` ((h, w, 3) uint8 or float) with the pixels of `hole` ((h, w), nonzero
    inside) filled from the background ring right outside it; elsewhere the image. background: (h, w) in
    [0, 1], where the image shows background (not the person); margin_px: how far the hole reaches past the
    head (px), the unit of `RING` and `ALONG`. None when no background touches the hole (nothing to carry in)."""
    image = image.astype(np.float32)
    inside = hole > 0
    known = ~inside & (background > 0.5)
    outside_distance = cv2.distanceTransform((~inside).astype(np.uint8), cv2.DIST_L2, 5)
    ring = known & (outside_distance <= max(2.0, RING * margin_px))
    if not ring.any():
        return None
    sigma = max(1.0, ALONG * margin_px)
    weight = cv2.GaussianBlur(ring.astype(np.float32), (0, 0), sigma)
    along = cv2.GaussianBlur(image * ring[..., None], (0, 0), sigma) / np.maximum(weight, 1e-6)[..., None]
    depth, near = _nearest(ring)
    base = along.reshape(-1, 3)[near]
    filled = _depth_blur(base, depth, DEPTH_BLUR) + _texture(image, inside, known, ring, near)
    return np.where(inside[..., None], filled, image)
