"""Marks beside the hair that the segmentation reads only faintly are not head (issue #12 part 4 / #9, h31-watermark).

The head mask is the person grown by `head_proxy.PERSON_GROW` and softened (smoothstep 0.1-0.5), so the segmentation's
faint reading beside the hair joins the head. lp_s1 at 700 px turned 30 deg: on the upright working copy the
segmentation read the first letter of the photo's watermark, ~10 px off the hair on the white wall, at up to 0.38
(upright lp_s1's head box 0.00); grown, it joined the head, and `edit --yaw -45` carried the "l" and half the "a" of
"lady" down with the hair while the plate's fill took their place (`figures.split_mark`). The hair's lightness matte
(`hair_fringe`) takes the wall between the letter and the hair off the head but keeps the dark strokes: the letter is
then a part of its own, apart from the head.

Here a part of the head mask (alpha from `PART_AT`, 8-connected) that does not touch the face oval and that the
segmentation reads nowhere past `FAINT` is taken off the head, with the fringe nearest to it (`head_proxy.head_mask`
takes it off the person too and keeps the photo in the plate there, `HeadMask.photo`: no hole's fill, no shadow of the
head on the hole's margin, else a grey ghost of the letter went down with the hair). Hair the segmentation reads as
the person (wisps, curls, a strand the matte splits off) and parts that touch the face stay; `head_proxy._attached`
already drops parts apart from the face before the matte, whatever their reading. Left: a faint mark the matte does
not part from the hair (white text on sr_4's light pillar beside the hair) stays head.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.plate_fill.plate import nearest_pixels

PART_AT = 0.2
"""Head alpha from which a pixel belongs to a part here. lp_s1 turned 30's letter reads up to 0.69 on its strokes, the
wall between it and the hair under 0.05 (at 0.02 its soft tail, the growth and blur, reached the hair); at 0.5 the
head's own soft edge falls apart (lp_s12's beside the ear: a 2 px bump of 0.55 among 0.45-0.5)."""
FAINT = 0.5
"""Segmentation (person probability): a part read nowhere past this is read only faintly (lp_s1 turned 30's letter
0.38). Of the ../shared portraits at their own size only lp_s6 has parts apart from the face: two low beside the neck
read 1.0 (kept), a faint blob of alpha 0.3 over the white notch above the head read 0.19 and a 1 px speck 0.00."""


def faint_marks(head: np.ndarray, segmented: np.ndarray, oval: np.ndarray) -> np.ndarray:
    """(h, w) float32 in {0, 1}: 0 where `head` ((h, w) float32 alpha in [0, 1]) holds a faint mark (module
    docstring): its part and the pixels nearer to it than to any other part; else 1. segmented: the segmentation
    ((h, w) float32 in [0, 1]); oval: the face oval's coverage ((h, w) float32)."""
    keep = np.ones(head.shape, np.float32)
    parts = head >= PART_AT
    count, labels, stats, _ = cv2.connectedComponentsWithStats(parts.astype(np.uint8), connectivity=8)
    face = set(np.unique(labels[oval > 0.5]).tolist())
    drop = np.zeros(count, bool)
    for part in range(1, count):
        if part in face:
            continue
        x, y, w, h = stats[part, :4]
        box = (slice(y, y + h), slice(x, x + w))
        drop[part] = float(segmented[box][labels[box] == part].max()) < FAINT
    if not drop.any():
        return keep
    _, nearest = nearest_pixels(parts)
    keep[drop[labels.ravel()[nearest]]] = 0.0
    return keep
