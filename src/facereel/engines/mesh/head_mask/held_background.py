"""The background the head mask holds beside a turned face's far cheek: the plate behind it stays the photo (issue #9).

The person mask, grown past the segmentation, holds a light patch of background right beside sr_18's far cheek and jaw
(the grey blob behind his ear: the segmentation reads it under 0.2 there, the head's alpha 0.7-1 for up to 0.07 face
sizes past his silhouette), achromatic, of the colour of the background just past the mask's edge. The head layer
carries it with the head (cut out of the head, the plate's fill showed in its place as dark blobs, h18-sr18ear), and
the plate behind it was the hole's fill, carried in from the ring past the hole's margin and 30-90 grey levels darker:
a head turned through frontal (sr_18 x lp_d3 284-308, frames 10-23) moved the carried patch a few px off it, and the
fill showed between the patch and the photo's grey as a vertical dark crack (x 1250-1258, y 401-462;
`figures.far_tear.background_cracks`). `held_background` finds that background by colour and place (on the far side
of a turned face, below the eyes, outside the face oval: `head_proxy.held_side`), grown in from the head's outside
through what the segmentation does not read as the person and what matches the background just out; `HeadMask.held`.
`layers.HeadLayer` keeps the photo in the plate behind it where the photo is lighter than the fill
(`lighter_than_fill`): what the moved patch uncovers is the background it was. Where the fill is as light (the dark
crowd beside sr_18 at 1/2, which the segmentation reads as the person too) the plate stays the fill: kept as the photo,
the crowd's dark pieces the head carries stood out over it (`figures.far_fragments`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, grey_image, padded_box
from facereel.engines.mesh.head_mask.jaw_edge import BACKGROUND_DELTA, SEGMENTED
from facereel.engines.mesh.plate_fill.plate import nearest_pixels

REACH = 0.08
"""Face sizes inside the head's outside (alpha under `OUTSIDE`) within which held background is read (sr_18's grey
blob 0.07 wide; deeper lies the head's own)."""
OUTSIDE = 0.05
"""Head alpha under which a pixel is the background past the head (the colour reference)."""
LIGHTER = (30.0, 60.0)
"""Grey levels by which the photo is lighter than the plate's fill where the held background starts to be kept and
where in full (`lighter_than_fill`; sr_18's grey blob's core 68-91 over his fill; the crowd beside sr_18 at 1/2
under 38 on nine tenths of its held pixels)."""
BLEND = 3
"""px: the held background goes on this far past where the segmentation reads the person (its soft edge)."""
STEP = 2
"""px: how far the held background grows in from what is already out at a time (each step's colour reference)."""


def held_background(lab: np.ndarray, head: np.ndarray, segmented: np.ndarray, off_skin: np.ndarray, far: np.ndarray,
                    size: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the background the head holds beside a turned face's far cheek, soft over ~1 px
    inwards, and the head's faint fringe past it (within 2 `STEP` px). Grown in from the head's outside `STEP` px at a
    time through pixels within `jaw_edge.BACKGROUND_DELTA` of the colour of the nearest pixel already out (the grey
    blob lightens 20 Lab towards the cheek), off the skin's chroma, where the segmentation reads the person under
    `jaw_edge.SEGMENTED` (what the mask's growth added), up to `REACH`; then on by `BLEND` px off the skin's chroma.
    lab: (h, w, 3) float32 the crop in Lab; head: (h, w) float32 the head's alpha; segmented: (h, w) float32 the
    segmentation's person read; off_skin: (h, w) bool, colours off the skin's chroma; far: (h, w) float32 in [0, 1],
    how much of a pixel lies where it is read (`head_proxy.held_side`); size: face size px."""
    reach = REACH * size
    out = head < OUTSIDE
    candidate = ~out & off_skin & (far > 0)
    ys, xs = np.nonzero(candidate)
    if not len(ys):
        return np.zeros(head.shape, np.float32)
    box = padded_box(ys, xs, int(np.ceil(reach)) + STEP, head.shape)
    lab, out, candidate, unread = lab[box], out[box], candidate[box], segmented[box] < SEGMENTED
    part = np.zeros(out.shape, bool)
    flat = lab.reshape(-1, 3)
    for _ in range(int(np.ceil(reach / STEP))):
        depth, nearest = nearest_pixels(out | part)
        grown = (candidate & unread & ~part & (depth <= STEP)
                 & (np.linalg.norm(lab - flat[nearest], axis=2) < BACKGROUND_DELTA))
        if not grown.any():
            break
        part |= grown
    # on by `BLEND` px over the segmentation's own soft edge (the blend into the cheek)
    part |= candidate & (cv2.dilate(part.astype(np.uint8), disc_kernel(BLEND)) > 0)
    # soft inwards only: the head's faintest fringe past it (alpha under `OUTSIDE`) is held too
    beside = cv2.dilate(part.astype(np.uint8), disc_kernel(2 * STEP))
    soft = np.zeros(head.shape, np.float32)
    soft[box] = cv2.GaussianBlur((part | out).astype(np.float32), (0, 0), 1.0) * beside
    return (soft * far).astype(np.float32)


def lighter_than_fill(held: np.ndarray, source: np.ndarray, fill: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the `held` background ((h, w) float32) where the photo (`source`, (h, w, 3) uint8)
    is lighter than the plate's `fill` ((h, w, 3) float32): none up to `LIGHTER`[0] grey levels lighter, all from
    `LIGHTER`[1], and only on the pieces of it (connected) that are on average at least half way (a piece kept in
    small part drew the fill inside the kept photo, a ring, sr_18 at 512 x preset:turn 10-14). Only there the fill
    uncovered beside the held background shows as a crack; where it is not (sr_18 at 1/2 cut at x 700-1600: the dark
    crowd beside his far jaw) the plate stays the fill."""
    if not (held > 0).any():  # none held (most photos): 0 everywhere
        return np.zeros(held.shape, np.float32)
    lighter = np.clip((grey_image(source) - grey_image(fill) - LIGHTER[0]) / (LIGHTER[1] - LIGHTER[0]), 0, 1)
    count, labels = cv2.connectedComponents((held > 0).astype(np.uint8), connectivity=8)
    share = np.bincount(labels.ravel(), held.ravel() * lighter.ravel(), count) / np.maximum(
        np.bincount(labels.ravel(), held.ravel(), count), 1e-6)
    return (held * lighter * (share[labels] >= 0.5) * (labels > 0)).astype(np.float32)
