"""A transparent portrait's backdrop is no photo: the segmentation reads the head on the photo carried on over it
(issue #9, h33-edges).

A portrait with transparent pixels is composited over `media.image.BACKDROP` (white). lp_s1 as RGBA with the outside
of an ellipse (radius 250 px at 512) transparent: the selfie segmentation read the ellipse's top as the silhouette,
so the wall between her hair and the backdrop (y 0-55 at 512) came out as person (0.4-1), joined the head, and the
plate's hole there was filled from the ring round it, the backdrop's white and the photo's dark rim along it. As the
head moved, the head's soft fringe over that fill drew white and grey streaks on the wall beside the backdrop's edge
(`edit --smile 0.8 --yaw 15`, x 283-300, y 7-20; `figures.backdrop_edge`). Here, where a backdrop (pixels exactly
`BACKDROP`, 4-connected to the crop's side) meets the head zone, the segmentation reads the crop with the backdrop
taken as the photo nearest to it (`carried_over`); the crop itself, its colours and the plate are untouched. A
backdrop away from the head zone (lp_s1's own white side bars) leaves the segmentation's input as it was, bit for bit.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.media.image import BACKDROP

EDGE_PX = 2
"""Px of the photo next to the backdrop also taken as backdrop: its 1-2 px edge (lp_s1's resampled rim, darker than
the wall) carried out over the backdrop drew a dark line the segmentation read as an outline again."""


def backdrop(crop: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels of `crop` ((h, w, 3) uint8 RGB) exactly `BACKDROP` in 4-connected parts that touch the
    crop's side."""
    flat = cv2.inRange(crop, BACKDROP, BACKDROP)  # (h, w) uint8, 255 where exactly the backdrop
    if not flat.any():
        return flat > 0
    count, labels = cv2.connectedComponents(flat, connectivity=4)
    keep = np.zeros(count, bool)
    keep[np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])] = True
    keep[0] = False
    return keep[labels]


def carried_over(crop: np.ndarray, back: np.ndarray) -> np.ndarray:
    """(h, w, 3) uint8: `crop` ((h, w, 3) uint8 RGB) with its `back` ((h, w) bool, `backdrop`) grown by `EDGE_PX`
    taken as the colour of the photo's pixel nearest to each (Euclidean distance transform's labels)."""
    grown = cv2.dilate(back.astype(np.uint8), np.ones((2 * EDGE_PX + 1,) * 2, np.uint8))
    if grown.all():
        return crop
    _, nearest = cv2.distanceTransformWithLabels(grown, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL)
    photo = grown == 0
    colours = np.zeros((int(nearest.max()) + 1, 3), np.uint8)
    colours[nearest[photo]] = crop[photo]
    return np.where(grown[..., None] > 0, colours[nearest], crop)


def segmentation_input(crop: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """(h, w, 3) uint8: what the segmentation reads of `crop` ((h, w, 3) uint8 RGB): `crop` itself, or, where its
    `backdrop` meets the head zone `zone` ((h, w) float32, `head_proxy.head_zone`'s shell), the crop with the backdrop
    `carried_over`."""
    back = backdrop(crop)
    if not (back & (zone > 0)).any():
        return crop
    return carried_over(crop, back)
