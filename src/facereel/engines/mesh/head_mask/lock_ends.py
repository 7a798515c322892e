"""A hanging lock's painted tip beyond the hanging hair joins it, so it moves with the head.

`hanging_hair.close_to_head` joins the hair between a hanging lock and the jaw to the head, but the mask ends
where the lock's colour fades: lp_s5's left lock ends in a lighter painted stroke (grey 100-165 on the wall's
185, as close to the skin's colour model as the cheek) that the mask's 1 px blur leaves at alpha 0-0.06. Under
`layers.FULL_PLATE_AT` the plate is the photo, so the stroke stayed in the plate as a still dark dash beside
the moved jaw (lp_d12 frames 36-38, 47-50). Here the hanging hair is grown a few px through the person's pixels in
the head's zone, off the neck band and the head, that are darker than the background beside them; of what
that adds only small parts that stick out of the hair, on the segmentation's soft edge, are kept (a lock's tip
over the background), not the fringe along the hair's outline nor the person's own dark beside it (sr_8's hood).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_mask.jaw_edge import local_background

TIP_REACH = 0.05
"""Face sizes: how far the hanging hair is grown into a tip."""
TIP_DARK = 25.0
"""Lab L (0-255): a tip pixel is at least this much darker than the background beside it."""
TIP_AREA = 0.004
"""Face sizes squared: a grown part larger than this is not a tip (lp_s5's 0.002; grace_hopper's dark hair under
her ear lobe, 0.008, is the hair's own, kept as it was)."""
TIP_OUT = 0.35
"""A tip sticks out of the hair: it reaches at least this many times as far from it (px) as it has pixels touching
it (lp_s5's tips 0.47-0.51); the fringe along the hair's outline reaches little along a long contact (lp_s1's
lower left outline 0.03-0.17, whose matted ear strip would then lower the hanging hair's alpha under 0.5)."""
TIP_SEGMENTED = 0.9
"""A tip lies on the segmentation's soft edge, over the background (lp_s5 0.54): a grown part the segmentation
reads as the person at least this much on average is the person's own dark (sr_8's hood beside its hair)."""


def lock_ends(head: np.ndarray, hanging: np.ndarray, lab: np.ndarray, person: np.ndarray, segmented: np.ndarray,
              zone: np.ndarray, neck: np.ndarray, face_size: float) -> tuple[np.ndarray, np.ndarray]:
    """The head mask and the hanging hair ((h, w) float32 in [0, 1] each) with the hanging locks' tips added.

    lab: the crop in Lab ((h, w, 3) float32, `face_colours.FaceColours.lab`); person, segmented, zone, neck: the
    person (grown), the person as the segmentation found it, where the head can be (`head_proxy.head_zone`'s skull
    and hair) and the neck band ((h, w) float32 in [0, 1] each); face_size: px. The tips join both masks with the
    hanging hair's soft edge (1 px blur)."""
    hung = hanging > 0.5
    if not hung.any():
        return head, hanging
    local, reach = local_background(lab, person, face_size)
    free = (person > 0.5) & (zone > 0.5) & (neck < 0.5) & (head <= 0.5) & (reach > 0.02)
    free &= lab[..., 0] <= local[..., 0] - TIP_DARK
    grown, allowed = hung.astype(np.uint8), (free | hung).astype(np.uint8)
    for _ in range(max(1, round(TIP_REACH * face_size))):
        grown = cv2.dilate(grown, np.ones((3, 3), np.uint8)) & allowed
    added = ((grown > 0) & ~hung & free).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(added, connectivity=8)
    area = np.maximum(stats[:, cv2.CC_STAT_AREA], 1)
    seen = np.bincount(labels.ravel(), segmented.ravel(), count) / area
    far = np.zeros(count)
    np.maximum.at(far, labels.ravel(), cv2.distanceTransform((~hung).astype(np.uint8), cv2.DIST_L2, 3).ravel())
    touching = cv2.dilate(hung.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    contact = np.bincount(labels.ravel(), touching.ravel(), count)
    keep = (area <= TIP_AREA * face_size ** 2) & (seen < TIP_SEGMENTED) & (far >= TIP_OUT * contact)
    keep[0] = False
    tips = keep[labels]
    if not tips.any():
        return head, hanging
    soft = (cv2.GaussianBlur(tips.astype(np.float32), (0, 0), 1.0) * person).astype(np.float32)
    return np.maximum(head, soft), np.maximum(hanging, soft)
