"""Hair that hangs below the jaw line: found by colour from the head's own hair, so it joins the head layer.

Below the jaw line the head mask keeps only the face (the neck stays with the body, `head_proxy`), but
long hair hanging beside the neck belongs to the head: left in the background plate it stretches into a
dark wedge beside a turning jaw. Here the head's hair above the jaw line (the head mask outside the face
oval, on the person) gives a colour model (a Gaussian in Lab); below the jaw line, inside the head zone
and beside the neck band, the person's pixels closer to it than to the neck's and the body's colours (a
second Gaussian, from the neck band and the torso below the head zone) and connected to the hair above
(hair-coloured head pixels joined to the hair at the crown) are hanging hair, and from them on into the
neck band a little way through the hair's own colour (`_into_neck_band`: a curl hanging beside a jaw corner
is not cut along the band's edge), and a long lock on along its own axis (`lock_tips`). The neck and the
shoulders' skin and clothes stay in the plate. What lies between the hanging hair and the jaw joins it
(`close_to_head`): left in neither mask, the cheek's soft edge drew it as a red slash on a turn (lp_s1).

Real hanging hair does not turn rigidly with every small motion of the head (lp_d11's pigtails), so it
follows the head's rigid motion only on big turns or shifts of the head (`head_proxy.hanging_swing`): on small
ones it moves with the rings fading out below the jaw, as if it were not head.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.head_mask.jaw_corners import NOTCH_WIDTH
from facereel.engines.mesh.head_mask.lock_tips import along_locks

_MIN_SAMPLES = 200  # fewer hair (or body) pixels than this: no colour model, no hanging hair
CHI2_99 = 11.3
"""Squared Mahalanobis distance (Lab, 3 dof) holding 99 % of a colour model's pixels (`colour_distance`)."""
HAIR_CHI2 = CHI2_99
"""Within it a colour is the hair's."""
_OVAL_GROW = 0.08  # the face oval grown by this fraction of the face size is not a hair sample
_REG = 4.0  # added to the covariances' diagonal (Lab units^2): flat-coloured samples stay usable
_CROWN = 0.3  # face sizes below the face oval's top: the head's hair reaching above this row is its crown's
_BAND_REACH = 0.08  # face sizes: how far hanging hair reaches on into the neck band (`_into_neck_band`)
_TIP_REACH = 0.05  # face sizes: how much farther a lock is followed along its own axis (`lock_tips.along_locks`)
_BAND_CHI2 = 2.8  # squared Mahalanobis distance to the hair's colour (1.7 sd) of what it reaches through there
_RIM = 0.03  # face sizes: the face's skin this close outside its oval is the cheek's rim (`close_to_head`)


def colour_model(lab: np.ndarray, where: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Mean (3,) and inverse covariance (3, 3) of the Lab pixels (h, w, 3) where `where` (h, w) bool."""
    samples = lab[where].astype(np.float64)
    if len(samples) < _MIN_SAMPLES:
        return None
    cov = np.cov(samples, rowvar=False) + _REG * np.eye(3)
    return samples.mean(0), np.linalg.inv(cov)


def colour_distance(lab: np.ndarray, model: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """(h, w) squared Mahalanobis distance of Lab pixels (h, w, 3) to a Gaussian (mean, inverse covariance)."""
    d = lab.astype(np.float64) - model[0]
    return np.einsum("...i,ij,...j->...", d, model[1], d)


def hair_distance(crop: np.ndarray, samples: np.ndarray) -> np.ndarray | None:
    """(h, w) squared Mahalanobis distance (Lab) of the pixels of `crop` ((h, w, 3) uint8 RGB) to the colour
    of its hair `samples` ((h, w) bool); None with too few samples to model it."""
    lab = cv2.cvtColor(crop, cv2.COLOR_RGB2LAB).astype(np.float32)
    model = colour_model(lab, samples)
    return None if model is None else colour_distance(lab, model)


def _crown_hair(head: np.ndarray, joinable: np.ndarray, face: np.ndarray, to_hair: np.ndarray, oval: np.ndarray,
                face_size: float) -> np.ndarray:
    """(h, w) uint8 in {0, 1}: the hair-coloured head outside the grown face (`face`, (h, w) uint8) joined to the
    hair at the crown (reaching above `_CROWN` face sizes below the face `oval`'s top) through `joinable` pixels
    ((h, w) bool, `_joinable`); head, oval: (h, w) float32 in [0, 1]; to_hair: (h, w) squared Mahalanobis distance
    to the hair's colour; face_size: px."""
    hairlike = ((head > 0.5) & joinable & (face == 0) & (to_hair < HAIR_CHI2)).astype(np.uint8)
    count, labels = cv2.connectedComponents(hairlike, connectivity=8)
    crown = int(np.argmax((oval > 0.5).any(1))) + _CROWN * face_size  # crop row
    joined = np.zeros(count, bool)
    joined[np.unique(labels[:max(0, int(crown))])] = True
    joined[0] = False
    return joined[labels].astype(np.uint8)


def _joinable(segmented: np.ndarray, backdrop: np.ndarray) -> np.ndarray:
    """(h, w) bool: where the join to the crown's hair (`_crown_hair`) may run: the person as the segmentation found
    it (`segmented` over 0.5, (h, w) float32), and the fringe the head mask grows past it (`head_proxy.person_grow_px`)
    where it is not the `backdrop`'s colour ((h, w) bool, `jaw_edge.background_pixels`).

    Over a dark backdrop the fringe is hair-coloured too: on sr_18 (a short-haired man, black behind him) it ran
    down behind the near ear past the lobe onto the neck's shadowed side at 320-448 px, so the neck under the ear
    joined the head as hanging hair and tore on a turn (h34-tornneck). Real hair the segmentation misses stays in
    the join: grace_hopper's grey wisps behind the ear, over the flag, carry it down to the hair under her ear (on
    the segmented person alone that hair was dropped, and the turn drew a flat brown patch under her jaw)."""
    return (segmented > 0.5) | ~backdrop


def _into_neck_band(hair: np.ndarray, hair_coloured: np.ndarray, steps: int) -> np.ndarray:
    """(h, w) bool: the hanging hair `hair` ((h, w) bool) grown by up to `steps` px through the
    `hair_coloured` pixels ((h, w) bool, the neck band's too): a lock hanging into the neck band beside a
    jaw corner is not cut along the band's edge (lp_s5's right curl)."""
    grown = hair.astype(np.uint8)
    allowed = (hair | hair_coloured).astype(np.uint8)
    for _ in range(steps):
        grown = cv2.dilate(grown, np.ones((3, 3), np.uint8)) & allowed
    return grown > 0


def hanging_hair(lab: np.ndarray, head: np.ndarray, oval: np.ndarray, person: np.ndarray, segmented: np.ndarray,
                 backdrop: np.ndarray, under_jaw: np.ndarray, zone: np.ndarray, neck: np.ndarray, face_size: float
                 ) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the hair hanging below the jaw line in a crop (`lab`: (h, w, 3) float32, in
    Lab, `face_colours.FaceColours.lab`).

    head: the head mask above the jaw line; oval: the face oval; person: the person (segmentation, grown);
    segmented: the person as the segmentation found it; backdrop: (h, w) bool, the pixels of the background's colour
    beside them (the join to the crown's hair runs on the segmented person and on the rest of the fringe: `_joinable`);
    under_jaw: the region below the jaw line; zone: where the head can be (`head_proxy.head_zone`'s skull
    and hair); neck: the neck band (all (h, w) float32 in [0, 1]);
    face_size: the face's height, px. Zero when the head shows too little hair to model its colour.
    """
    grow = max(1, round(_OVAL_GROW * face_size))
    face = cv2.dilate((oval > 0.5).astype(np.uint8), disc_kernel(grow))
    hair_model = colour_model(lab, (head > 0.5) & (person > 0.5) & (face == 0) & (under_jaw < 0.5))
    body_model = colour_model(lab, (under_jaw > 0.5) & (person > 0.5) & ((neck > 0.5) | (zone < 0.5)))
    if hair_model is None or body_model is None:
        return np.zeros(head.shape, np.float32)
    to_hair = colour_distance(lab, hair_model)
    hair_coloured = (under_jaw > 0.5) & (person > 0.5) & (zone > 0.5)
    hair_coloured &= (to_hair < HAIR_CHI2) & (to_hair < colour_distance(lab, body_model))
    candidate = hair_coloured & (neck < 0.5)
    candidate = cv2.morphologyEx(candidate.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    # Only what hangs from the head's hair: components touching the hair-coloured head outside the face that is
    # joined to the hair at the crown. A dark painted shadow beside the neck (lp_s0) or pale skin beside the jaw
    # (sr_18) touch the head mask, not its hair.
    crown = _crown_hair(head, _joinable(segmented, backdrop), face, to_hair, oval, face_size)
    above = cv2.dilate(crown, np.ones((5, 5), np.uint8))
    count, labels = cv2.connectedComponents(candidate, connectivity=8)
    keep = np.zeros(count, bool)
    keep[np.unique(labels[(candidate > 0) & (above > 0)])] = True
    keep[0] = False
    core = hair_coloured & (to_hair < _BAND_CHI2)  # (the shadow under a jaw can pass for hair's outskirts)
    reached = _into_neck_band(keep[labels], core, round(_BAND_REACH * face_size))
    dark = core & (lab[..., 0] < hair_model[0][0])  # a lock's own tip: no lighter than the hair's mean
    hair = along_locks(keep[labels], reached, dark, round(_TIP_REACH * face_size)).astype(np.float32)
    hair = cv2.morphologyEx(hair, cv2.MORPH_CLOSE, disc_kernel(2))
    return (cv2.GaussianBlur(hair, (0, 0), 1.0) * person).astype(np.float32)


def _between(a: np.ndarray, b: np.ndarray, reach: int) -> np.ndarray:
    """(h, w) bool: the pixels with `a` within `reach` px on one side and `b` within `reach` px on the other,
    along their row or their column (a, b: (h, w) uint8 masks)."""
    out = np.zeros(a.shape, bool)
    for shape in ((1, reach + 1), (reach + 1, 1)):  # along the row, along the column
        first, last = (0, 0), (shape[1] - 1, shape[0] - 1)  # the kernel's anchor at its first or last pixel
        kernel = np.ones(shape, np.uint8)
        a_before, a_after = (cv2.dilate(a, kernel, anchor=p) > 0 for p in (last, first))
        b_before, b_after = (cv2.dilate(b, kernel, anchor=p) > 0 for p in (last, first))
        out |= (a_before & b_after) | (a_after & b_before)
    return out


def close_to_head(hanging: np.ndarray, head: np.ndarray, person: np.ndarray, skin: np.ndarray | None,
                  oval: np.ndarray, face_px: float) -> tuple[np.ndarray, np.ndarray]:
    """The head mask and the hanging hair ((h, w) float32 in [0, 1] each) with the gap between the hanging
    hair `hanging` and the head `head` joined to both: on the `person` (all (h, w) float32 in [0, 1]),
    between the two along a row or a column within `jaw_corners.NOTCH_WIDTH` face sizes (face_px: the face
    size, px), the two masks together closed by a disc that wide, as grey levels. A strip of shadowed hair
    between the hanging hair and the jaw joins the hair (lp_s1's right jaw: in neither mask, the cheek's
    soft edge drew it as a red slash on a turn), and so do the soft edges facing each other across it
    (half-transparent inside the head, they drew a dotted line along the cheek). What is coloured as the
    face's skin (`skin`, (h, w) bool; None: nothing) stays out but for the cheek's rim, within `_RIM` face
    sizes of the face `oval` ((h, w) coverage), which joins the head only (the neck hangs from it): the neck
    under the jaw beside the hair's tip is the neck's."""
    radius = max(1, round(NOTCH_WIDTH * face_px / 2))
    k = 2 * radius + 1  # px: the disc's width
    both = np.maximum(head, hanging).astype(np.float32)
    closed = cv2.morphologyEx(both, cv2.MORPH_CLOSE, disc_kernel(radius), borderType=cv2.BORDER_REPLICATE)
    hair = (hanging > 0.5).astype(np.uint8)
    gap = _between(hair, ((head > 0.5) & (hair == 0)).astype(np.uint8), k) & (person > 0.5)
    hair_part = np.ones(gap.shape, np.float32)
    if skin is not None:
        rim = cv2.dilate((oval > 0.5).astype(np.uint8), disc_kernel(max(1, round(_RIM * face_px))))
        kept = (gap & (~skin | (rim > 0))).astype(np.uint8)  # closed across the odd pixel of either colour
        gap = gap & (cv2.morphologyEx(kept, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)) > 0)
        hair_part = cv2.GaussianBlur((~skin).astype(np.float32), (0, 0), 1.0)
    added = (closed - both) * np.maximum(gap, cv2.GaussianBlur(gap.astype(np.float32), (0, 0), 1.0))
    return both + added, hanging + added * hair_part
