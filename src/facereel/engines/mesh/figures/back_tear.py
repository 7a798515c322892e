"""The back face's tear, read from a rendered frame (issue #12): a light gap inside the hair of a face behind
another, where its head moved off the strip of hair its region cut beside the front head.

Several faces (`face_regions`): the back face's head layer stops short of the front face (its region fades
to 0 towards the front face's oval), so the strip of its hair there stays still while its head moves; where
the head moved off, its plate's wall fill showed between the two (a grey crescent inside the hair, lp_s5
behind lp_s1 on lp_d12). `back_tear` counts the pixels of the back face's own head (its region-cut head
alpha >= 0.5 in the photo) within `REACH` back-face sizes of its region's cut (region < 1) that the frame
shows lighter, by over `LIGHTER` grey levels of luma, than every pixel of that head within `REACH` of them
in the photo: no part of the head, moved or still, is that light there. With `darker`, the same count of the
pixels shown darker than the photo (the flat dark-brown band a fill from the front hair left there). The
source repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA, padded_box

REACH = 0.15
"""Back-face sizes: how far from its region's cut the tear is looked for, and how far the head may move."""
LIGHTER = 20
"""Grey levels of luma: the frame this much lighter than the head's lightest pixel nearby is torn."""
OFF = 12
"""Grey levels of luma (mean over 3 x 3 px): the frame this far from the photo the flow carries there is
not the head's content moved."""


def tear_zone(head: np.ndarray, region: np.ndarray, size: float, floor: float = 0.5) -> np.ndarray:
    """(H, W) bool: the back face's head (`head` (H, W) float32, its head alpha as the photo has it, >= `floor`)
    within `REACH` * `size` px (its face size) of its region's cut (`region` (H, W) float32 < 1)."""
    outside = cv2.distanceTransform((region >= 1).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    return (head >= floor) & (outside <= REACH * size)


def back_tear(frame: np.ndarray, photo: np.ndarray, zone: np.ndarray, darker: bool = False) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool, `tear_zone`) where `frame` ((H, W, 3) uint8 RGB) is
    torn from the `photo` ((H, W, 3) uint8 RGB): lighter than the photo there by over `LIGHTER` grey levels of
    luma, and off by over `OFF` from the photo the frame's pixel came from (dense optical flow from the frame
    to the photo, DIS, on the zone's box): neither the still photo nor its content moved. darker: darker than
    the photo by over `LIGHTER` instead (a dark tear)."""
    ys, xs = np.nonzero(zone)
    if not len(ys):
        return zone.copy()
    pad = 16  # px round the zone: the flow's context
    rows, cols = padded_box(ys, xs, pad, zone.shape)
    y0, y1, x0, x1 = rows.start, rows.stop, cols.start, cols.stop
    here, there = (np.ascontiguousarray(im[y0:y1, x0:x1]).astype(np.float32) @ LUMA for im in (frame, photo))
    flow = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM).calc(
        here.round().astype(np.uint8), there.round().astype(np.uint8), None)
    gy, gx = np.mgrid[y0:y1, x0:x1].astype(np.float32) - np.array([y0, x0], np.float32)[:, None, None]
    carried = cv2.remap(there, gx + flow[..., 0], gy + flow[..., 1], cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_REPLICATE)
    torn = np.zeros_like(zone)
    step = there - here if darker else here - there
    torn[y0:y1, x0:x1] = (step > LIGHTER) & (cv2.blur(np.abs(here - carried), (3, 3)) > OFF)
    return zone & torn
