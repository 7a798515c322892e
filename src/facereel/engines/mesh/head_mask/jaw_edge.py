"""The head mask along the lower face's outline: the background beside the cheek and jaw is not head.

The head mask is the person (segmentation, grown for the hair's fringe) inside the head zone. Beside the
cheek and jaw that growth, and the segmentation's own soft edge, hold a strip of background up to ~0.1 face
sizes wide that moves with the head. Over the same background nothing shows, but where a turn carries it
over the plate's lighter fill it is a dark band round the jaw (sr_4 turned towards its hidden side and up,
preset:turn frames 33-42: the dark background beside its far cheek drawn as an outline round the jaw and
chin). Here the head's fringe outside the face oval and below the eyes (on a turned source, on its far
side) that the segmentation itself does not read as the person and whose colour is that of the background
next to it (the local mean of the pixels off the person), not the face's skin (a Gaussian in Lab of the
oval below the eyes), is background: it stays in the photo, behind the head. Below the jaw line, where a
turned source's far cheek alone keeps the head (`head_proxy._under_jaw`), the colour decides whatever the
segmentation reads (sr_18's dark background beside its far jaw corner, read as the person 0.2-1).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.head_mask.face_colours import FaceColours
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance
from facereel.face import landmark_ids as ids

SKIN_CHI2 = CHI2_99
"""Within `hanging_hair.CHI2_99` of the face's skin model a colour is skin."""
EDGE_REACH = 0.15
"""Face sizes outside the face oval within which the head's edge is read by colour."""
FRINGE = 0.1
"""Face sizes inside the head mask's outline: the fringe where the segmentation may hold background."""
FRINGE_FROM_EYES = 0.15
"""Face sizes below the eyes over which the fringe read widens linearly from none to `FRINGE` (started at
once, it cut a step into the outline at the eyes' height)."""
BACKGROUND_SIGMA = 0.08
"""Face sizes: the reach (Gaussian sigma) of the local background colour (pixels off the person)."""
SMOOTH = 0.01
"""Face sizes: the cut is opened and closed by a disc this wide (no ragged outline)."""
SEGMENTED = 0.2
"""Only where the segmentation itself reads the person below this (what the mask's growth and softening
added): the soft edge of hair as dark as the background beside it (lp_s0's lock beside the jaw, 0.02-0.47,
median 0.32) stays head (sr_4's strip: 90 % below 0.19)."""
BACKGROUND_DELTA = 15.0
"""Lab units: a fringe pixel this close to the local background colour (and not skin) is background."""


def _near(mask: np.ndarray, px: float) -> np.ndarray:
    """(h, w) bool: within `px` px of `mask` ((h, w) bool)."""
    return cv2.dilate(mask.astype(np.uint8), disc_kernel(max(1, round(px)))) > 0


def local_background(lab: np.ndarray, person: np.ndarray, face_size: float, reach: float = BACKGROUND_SIGMA
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The background's colour beside each pixel of a crop: ((h, w, 3) float32 Lab, the local mean of the pixels
    off the `person` ((h, w) float32 in [0, 1]) within `reach` face sizes (`face_size` px; Gaussian sigma) of `lab`
    ((h, w, 3) float32), and (h, w) float32 how many of them there are (their Gaussian share; the mean is read
    where it is > 0.02))."""
    off = (person < 0.1).astype(np.float32)
    sigma = reach * face_size
    reach = cv2.GaussianBlur(off, (0, 0), sigma)
    return cv2.GaussianBlur(lab * off[..., None], (0, 0), sigma) / np.maximum(reach, 1e-3)[..., None], reach


def background_coloured(colour: np.ndarray, local: np.ndarray, skin: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """(N,) bool: Lab colours `colour` (N, 3) that are not the face's `skin` (`SKIN_CHI2`) and lie within
    `BACKGROUND_DELTA` of the background beside them (`local` (N, 3), `local_background`)."""
    return (colour_distance(colour, skin) > SKIN_CHI2) & (np.linalg.norm(colour - local, axis=1) < BACKGROUND_DELTA)


def background_pixels(colours: FaceColours, person: np.ndarray, face_size: float) -> np.ndarray:
    """(h, w) bool: the crop's pixels whose colour is the background's beside them, not the skin's
    (`background_coloured`; person: the person as the head mask takes it, (h, w) float32; face_size: px), by
    colour alone (the segmentation's soft edge reads the wall between an ear lobe and the jaw as the person
    0.25-0.8). None of them with no skin colour read."""
    local, reach = local_background(colours.lab, person, face_size)
    out = reach > 0.02
    if colours.skin is None:
        return np.zeros_like(out)
    ys, xs = np.nonzero(out)
    out[ys, xs] = background_coloured(colours.lab[ys, xs], local[ys, xs], colours.skin)
    return out


def background_fringe(colours: FaceColours, landmarks: np.ndarray, origin: np.ndarray, head: np.ndarray,
                      person: np.ndarray, segmented: np.ndarray, oval: np.ndarray, face_size: float,
                      turned: float = 0.0, far_cheek: np.ndarray | None = None) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much of the head mask `head` ((h, w) float32 in [0, 1]) of a crop (its
    `colours`, at `origin` px) to keep: 0 on the background in its fringe beside the lower face (soft over ~1 px
    across the cut's edge), else 1. landmarks: (478, 3) image px; person: the person as the head mask takes it
    (grown, softened), segmented: as the segmentation found it, oval: the face oval, (h, w) float32 each; face_size:
    px; turned: in [0, 1], how much the source is turned (`head_proxy.FAR_SIDE_YAW`): from 0.5 on only its far side
    (the side the nose points to) is read, the near side's fringe (behind the ear, the nape) keeps its hair's edge
    (sr_18's outline behind the ear was notched). far_cheek: (h, w) bool, where the head lies below the jaw line by
    `head_proxy._under_jaw`'s far-cheek rule alone: there the fringe is read by colour whatever the segmentation
    says (it reads the dark background beside sr_18's far jaw corner 0.2-1: the cut left specks of the photo in the
    plate's fill)."""
    h, w = head.shape
    keep = np.ones((h, w), np.float32)
    lab, axis, down, skin = colours.lab, colours.axis, colours.down, colours.skin
    below_eyes = down > 0
    inside = oval > 0.5
    local, reach = local_background(lab, person, face_size)
    if skin is None or not (reach > 0.02).any():
        return keep
    gone = ~inside & _near(inside, EDGE_REACH * face_size) & below_eyes
    if turned >= 0.5:
        chin, nose = (landmarks[i, :2] - origin for i in (ids.CHIN, ids.NOSE_TIP))
        gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)

        def side(dx: np.ndarray | float, dy: np.ndarray | float) -> np.ndarray:
            return np.sign(axis[0] * dy - axis[1] * dx)

        gone &= side(gx - chin[0], gy - chin[1]) == side(*(nose - chin))
    depth = cv2.distanceTransform((head >= 0.5).astype(np.uint8), cv2.DIST_L2, 3)  # px inside the outline
    gone &= depth < FRINGE * face_size * np.clip(down / (FRINGE_FROM_EYES * face_size), 0, 1)
    gone &= (head > 0.02) & (reach > 0.02)
    ys, xs = np.nonzero(gone)  # the colours read only there
    background = background_coloured(lab[ys, xs], local[ys, xs], skin)
    gone = np.zeros((h, w), np.uint8)
    gone[ys[background], xs[background]] = 1
    read = segmented < SEGMENTED if far_cheek is None else (segmented < SEGMENTED) | far_cheek
    return smooth_cut(gone, read, head, face_size)


def smooth_cut(gone: np.ndarray, read: np.ndarray, head: np.ndarray, face_size: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much of the head mask `head` ((h, w) float32) to keep, 0 on the background pixels
    `gone` ((h, w) uint8 0/1) that lie where `read` ((h, w) bool) allows a cut, soft over ~1 px across its edge;
    face_size: px."""
    # Smoothed (opened and closed by a disc `SMOOTH` face sizes wide) before the segmentation's own person is
    # left out: the cut's outline is not ragged where that crosses its threshold.
    disc = disc_kernel(max(1, round(SMOOTH * face_size / 2)))
    gone = cv2.morphologyEx(cv2.morphologyEx(gone, cv2.MORPH_OPEN, disc), cv2.MORPH_CLOSE, disc)
    gone = (gone > 0) & read & (head > 0.02)
    gone = cv2.morphologyEx(gone.astype(np.uint8), cv2.MORPH_OPEN, disc)
    gone = gone.astype(np.float32)
    # Soft across the cut's edge, half on either side. Soft towards the face alone (the engine before), the
    # skin of the photo's outline was held at part alpha over two pixels, its colour the photo minus part of
    # the plate's fill under it: moved off that fill it was drawn as a thin light strand along the jaw
    # (sr_18 on lp_d3, frames 8-16: `figures.jaw_wisps` 0.034 -> 0.028); soft on the cut's side alone, the
    # half-kept background drew a dark rim round sr_4's turned cheek (docs/mesh-engine.md "Wisps along the
    # jaw line").
    return np.float32(1) - cv2.GaussianBlur(gone, (0, 0), 1.0)
