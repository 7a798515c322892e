"""The tip of a lock hanging on into the neck band, followed along the lock's own direction.

`hanging_hair` reaches on into the neck band a fixed radius through the hair's core colour; a long lock
ends past that radius (lp_s1's near lock, ~16 px into the band at 512 px), and its last pixels, left under
the mask's soft edge over the plate's light fill, drew a dark tail beside the turning jaw. A bigger radius
also fattens the lock sideways (the shadow along it), so here each lock's part inside the band is followed
only forwards, from its far end along its own axis, through the same core colour.
"""

from __future__ import annotations

import cv2
import numpy as np

_END = 2.0  # px: a lock's end is its pixels this close to its farthest reach along its axis
_COS = 0.7  # the 8-neighbours within ~45 deg of the lock's axis are forwards (one to three)


def _forward_kernel(axis: np.ndarray) -> np.ndarray:
    """(3, 3) uint8 dilation kernel that moves a mask one px towards the 8-neighbours within ~45 deg of
    `axis` ((2,) unit vector, x right, y down)."""
    kernel = np.zeros((3, 3), np.uint8)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if (dx or dy) and (dx * axis[0] + dy * axis[1]) / np.hypot(dx, dy) > _COS:
                kernel[1 - dy, 1 - dx] = 1  # dilate reads src(p - (dx, dy)) into p
    return kernel


def along_locks(hair: np.ndarray, grown: np.ndarray, core: np.ndarray, steps: int) -> np.ndarray:
    """(h, w) bool: `grown` ((h, w) bool, the hanging hair `hair` ((h, w) bool) after its reach into the
    neck band) with each part the reach added followed on from its far end along its own axis (its
    pixels' principal axis, pointing away from `hair`) by up to `steps` px through `core` ((h, w) bool,
    the hair's core colour)."""
    out = grown.copy()
    added = (grown & ~hair).astype(np.uint8)
    count, labels = cv2.connectedComponents(added, connectivity=8)
    touching = cv2.dilate(hair.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    for i in range(1, count):
        part = labels == i
        ys, xs = np.nonzero(part)
        contact = part & touching
        if len(xs) < 3 or not contact.any():
            continue
        points = np.stack([xs, ys], 1).astype(np.float64)
        axis = np.linalg.eigh(np.cov(points.T))[1][:, -1]
        cy, cx = (c.mean() for c in np.nonzero(contact))
        if float(np.dot(points.mean(0) - (cx, cy), axis)) < 0:
            axis = -axis
        along = points @ axis
        tip = np.zeros(part.shape, np.uint8)
        far = along > along.max() - _END
        tip[ys[far], xs[far]] = 1
        kernel = _forward_kernel(axis)
        free = (core & ~grown).astype(np.uint8)
        for _ in range(steps):
            step = cv2.dilate(tip, kernel) & free
            if not step.any():
                break
            out |= step > 0
            free &= 1 - step
            tip = step
    return out
