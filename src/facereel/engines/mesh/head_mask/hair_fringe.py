"""The head mask round the hair: the background in its fringe is not head (issue #9, h22-curtain).

The head mask is the person grown by `head_proxy.PERSON_GROW` (so the hair's fringe belongs to it), and the
segmentation reads the photo's blurred hair edge as the person too: round the hair that holds a strip of background
~0.02-0.04 face sizes wide at alpha ~1, which moves with the head. Over the same background it does not show;
rolled, the strip slides along the hair's outline onto other background: lp_s1's white wall above the curtain,
rolled 20-30 deg (`facereel edit --roll`), was carried down beside the hair as a white band over the pelmet's black
and the curtain (`figures.wall_band`).

Here, above the eyes (from `ABOVE` face sizes above them in full), within `DEPTH` face sizes of the head mask's
outline and outside the face oval, where the background beside the hair (the mean of the pixels off the person within
`REACH` face sizes, `jaw_edge.local_background`) is lighter than the hair inside the fringe (the mean of the segmented
person deeper than `DEPTH`, over `DEPTH`) by more than `CONTRAST`, the alpha is at most a linear lightness matte: 0 at
the background's lightness, 1 at the hair's. Skin `SKIN_WIDTH` across (an ear beside the wall) is left whole. A
darker background is not read (lp_s1's pelmet and curtain beside her dark hair: matted both ways, or cut by colour as
`jaw_edge` does, the hair's edge was bitten out and left dark specks along the moved hair). At rest the frame is the
photo whatever the alpha; the background the matte leaves behind stays in the plate.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.head_mask.face_colours import FaceColours
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance
from facereel.engines.mesh.head_mask.jaw_edge import local_background

REACH = 0.02
"""Face sizes (Gaussian sigma): the background beside a fringe pixel, about the mask's growth."""
DEPTH = 0.04
"""Face sizes inside the head mask's outline: the fringe (the growth, its blur and the photo's blurred hair edge)."""
GRAIN = 0.003
"""Face sizes (Gaussian sigma, at least 1 px): the lightness is read blurred over this, so the hair's strands do not
speckle the matte (light beads along the rolled hair's edge where the fill behind it is lighter than the hair)."""
ABOVE = 0.1
"""Face sizes above the eyes (along the face's axis) from which the matte is read in full; none below the eyes: the
fringe beside the lower face is `jaw_edge`'s, and there the matte cut the hair's lower ends and lock tips off
against the wall (lp_s1's carried hair short of the moved jaw, lp_s5's lock tip left in the plate)."""
SKIN_WIDTH = 0.02
"""Face sizes: skin this wide across is left whole (`_skin`)."""
CONTRAST = 50.0
"""Lightness (OpenCV's 8-bit L): the least difference between background and hair for which the matte is read
(lp_s1: wall ~210, hair ~60-110, curtain ~100-120)."""


def hair_fringe(colours: FaceColours, head: np.ndarray, person: np.ndarray, segmented: np.ndarray, oval: np.ndarray,
                face_size: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the most of the head mask `head` ((h, w) float32 in [0, 1]) of a crop (its `colours`)
    to keep: the linear lightness matte in its fringe (module doc), else 1. person: the person as the head mask takes
    it (grown, softened), segmented: as the segmentation found it, oval: the face oval, (h, w) float32 each;
    face_size: px."""
    keep = np.ones(head.shape, np.float32)
    if colours.skin is None:
        return keep
    lightness = cv2.GaussianBlur(np.ascontiguousarray(colours.lab[..., 0]), (0, 0), max(1.0, GRAIN * face_size))
    background, reach = local_background(colours.lab, person, face_size, REACH)
    depth = cv2.distanceTransform((head >= 0.5).astype(np.uint8), cv2.DIST_L2, 3)  # px inside the outline
    fringe = DEPTH * face_size
    deep = ((segmented > 0.9) & (depth >= fringe) & (oval <= 0.5)).astype(np.float32)
    share = cv2.GaussianBlur(deep, (0, 0), fringe)
    hair = cv2.GaussianBlur(lightness * deep, (0, 0), fringe) / np.maximum(share, 1e-3)
    span = background[..., 0] - hair
    read = ((oval <= 0.5) & (head > 0.02) & (depth < fringe) & (reach > 0.02) & (share > 0.02)
            & (span > CONTRAST))
    ys, xs = np.nonzero(read)
    matte = np.clip((background[ys, xs, 0] - lightness[ys, xs]) / span[ys, xs], 0, 1)
    weight = np.clip(span[ys, xs] / CONTRAST - 1, 0, 1)  # full from 2x `CONTRAST`: no step where it fades
    weight *= np.clip(-colours.down[ys, xs] / (ABOVE * face_size), 0, 1)
    keep[ys, xs] = 1 - weight * (1 - matte)
    return np.maximum(keep, _skin(colours, read, face_size))


def _skin(colours: FaceColours, read: np.ndarray, face_size: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the skin among the pixels `read` ((h, w) bool) and round them, only where it is
    `SKIN_WIDTH` face sizes across (an ear; not a blond strand's skin-coloured pixels: kept whole among matted hair
    they were light beads along the rolled hair's edge), soft over ~1 px."""
    box = cv2.dilate(read.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    ys, xs = np.nonzero(box)
    skin = np.zeros(read.shape, np.uint8)
    skin[ys, xs] = colour_distance(colours.lab[ys, xs], colours.skin) < CHI2_99
    disc = disc_kernel(max(1, round(SKIN_WIDTH * face_size / 2)))
    return cv2.GaussianBlur(cv2.morphologyEx(skin, cv2.MORPH_OPEN, disc).astype(np.float32), (0, 0), 1.0)
