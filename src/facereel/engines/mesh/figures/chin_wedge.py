"""The dark wedge below a back face's chin, read from a rendered frame (issue #12): on a big yaw of a face
behind another, the front person's dark side hair its layer carried was dragged over its neck into a
near-black wedge ending in a sharp point.

`wedge_zone` is the back face's own side below its chin (its region over 0.5, `FaceRegions.below_chin` > 0)
within `back_tear.REACH` back-face sizes of its region's cut; `chin_wedge` counts the pixels of that zone the
frame shows darker than the photo by over `back_tear.LIGHTER` grey levels of luma and off the photo the flow
carries there (`back_tear.back_tear(darker=True)`): neither the still photo nor its content moved. The source
repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.back_tear import REACH, back_tear


def wedge_zone(region: np.ndarray, below_chin: np.ndarray, size: float) -> np.ndarray:
    """(H, W) bool: where the back face owns over half (`region` (H, W) float32, `FaceRegions.region`), below
    its chin (`below_chin` (H, W) float32 face sizes, `FaceRegions.below_chin`, > 0), within `REACH` * `size`
    px (its face size) of where its region is cut (region < 1)."""
    outside = cv2.distanceTransform((region >= 1).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    return (region > 0.5) & (below_chin > 0) & (outside <= REACH * size)


def chin_wedge(frame: np.ndarray, photo: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool, `wedge_zone`) where `frame` ((H, W, 3) uint8 RGB) shows
    a dark patch the `photo` ((H, W, 3) uint8 RGB) has nowhere near (`back_tear(darker=True)`)."""
    return back_tear(frame, photo, zone, darker=True)
