"""Hair cut and left behind beside the jaw corners, read from a rendered frame (issue #9, the cut curl).

Hair that hangs below a jaw corner and is only partly in the head mask is cut along the mask's edge: the
part inside moves with the head, the part outside stays in the background plate (lp_s5's right curl on
lp_d12: its lower end cut square and left hanging beside the moved jaw). `cut_hair` is the share of the
photo's hair pixels beside the jaw corners (within `REACH` face sizes of the `jaw_slivers.CORNERS` jaw
landmarks, the frame's and the photo's, outside the frame's face oval) that the frame shows unmoved (the
photo there within `SAME` grey levels, the optical flow below a quarter of `SHIFT`) within `NEAR` face sizes of hair the frame shows moved (dense
optical flow from the frame to the photo, DIS: the photo's hair carried at least `SHIFT` px, the frame
within `SAME` of it) and of a torn pixel (the frame far from both the photo there and the photo the
flow carries there: the plate's fill or a jump, not the head's continuous warp). From the frame alone, so every version of the engine reads the same way; the source
repeated moves nothing and reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, disc_kernel, face_size, polygon_mask
from facereel.engines.mesh.figures.jaw_slivers import CORNERS
from facereel.engines.mesh.head_mask.hanging_hair import HAIR_CHI2, hair_distance
from facereel.face import landmark_ids as ids

REACH = 0.25
"""Face sizes round the jaw corners' landmarks (the frame's and the photo's): where cut hair is looked for."""
NEAR = 0.08
"""Face sizes: unmoved hair this close to moved hair is cut from it (bridges the plate's hole margin)."""
SAME = 4.0
"""Grey levels: the frame shows the photo unmoved where their mean absolute difference over 3 x 3 px is below."""
SHIFT = 2.0
"""Px: hair the frame shows carried at least this far (optical flow, the photo's hair) has moved."""
_TORN = 3.0  # of `SAME`: the frame this far off both the photo and the flow's carried photo: torn, not warped
_STILL = 0.25  # of `SHIFT`: optical flow below this, the frame shows the photo where it was
_BODY_FROM = 0.0  # face sizes below the chin: the neck band outside the head is the neck (`photo_hair`)
_OVAL_GROW = 0.05  # face sizes: the photo's face oval grown by this is not hair


def photo_hair(photo: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """(H, W) bool: the hair of a portrait ((H, W, 3) uint8 RGB, face `landmarks` (478, 2+) px): the person's
    pixels outside the face oval of the colour (`hanging_hair.hair_distance`) of the engine's head mask
    (`crop_box.head_box`, default options) there, closer to it than to the neck's (the person outside the
    head in the neck band, from `_BODY_FROM` face sizes below the chin: neck, collar); all False without
    enough of either."""
    from facereel.engines.mesh.animator import MeshOptions
    from facereel.engines.mesh.crop_box import head_box

    (x0, y0, x1, y1), mask = head_box(photo, landmarks, MeshOptions())
    head, person, neck = np.zeros((3,) + photo.shape[:2], np.float32)
    head[y0:y1, x0:x1], person[y0:y1, x0:x1], neck[y0:y1, x0:x1] = mask.head, mask.person, mask.neck
    size = face_size(landmarks)
    grow = max(1, round(_OVAL_GROW * size))
    oval = polygon_mask([landmarks[list(ids.FACE_OVAL), :2]], photo.shape[:2], (0, 0))
    face = cv2.dilate((oval > 0.5).astype(np.uint8), disc_kernel(grow)) > 0
    outside = (person > 0.5) & ~face
    body = outside & (head < 0.5) & (neck > 0.5)
    body[:max(0, int(landmarks[ids.CHIN, 1] + _BODY_FROM * size))] = False
    to_hair = hair_distance(photo, (head > 0.5) & outside)
    to_body = hair_distance(photo, body)
    if to_hair is None or to_body is None:
        return np.zeros(photo.shape[:2], bool)
    return outside & (to_hair < HAIR_CHI2) & (to_hair < to_body)


def cut_hair_mask(frame: np.ndarray, photo: np.ndarray, hair: np.ndarray, source_landmarks: np.ndarray,
                  target_landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """The cut hair of `frame` ((H, W, 3) uint8 RGB, rendered from `photo` (H, W, 3) uint8 RGB with the face
    moved from `source_landmarks` to `target_landmarks`, (478, 2+) px each; `hair`: the photo's hair,
    (H, W) bool, `photo_hair`): (h, w) bool hair left behind and (h, w) bool the photo's hair looked at, on
    a box of the image whose top-left is the returned (x, y) px."""
    size = face_size(source_landmarks)
    corners = [list(c) for c in CORNERS]
    points = np.concatenate([lm[c, :2] for lm in (source_landmarks, target_landmarks) for c in corners])
    x0, y0, x1, y1 = box_around(points, (REACH + NEAR) * size, (frame.shape[1], frame.shape[0]))
    shape = (y1 - y0, x1 - x0)
    grey_frame, grey_photo = (cv2.cvtColor(np.ascontiguousarray(im[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY)
                              for im in (frame, photo))
    here_hair = hair[y0:y1, x0:x1]
    flow = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM).calc(grey_frame, grey_photo, None)
    gy, gx = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)
    sx, sy = gx + flow[..., 0], gy + flow[..., 1]  # where in the photo each frame pixel came from
    carried = cv2.remap(grey_photo, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)

    def off(a: np.ndarray) -> np.ndarray:
        return cv2.blur(np.abs(grey_frame.astype(np.float32) - a.astype(np.float32)), (3, 3))

    def same(a: np.ndarray) -> np.ndarray:
        return off(a) < SAME

    from_hair = cv2.remap(here_hair.astype(np.uint8), sx, sy, cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT) > 0
    shift = np.hypot(flow[..., 0], flow[..., 1])
    moved = from_hair & same(carried) & (shift >= SHIFT)
    torn = (off(grey_photo) > _TORN * SAME) & (off(carried) > _TORN * SAME)  # neither stayed nor carried
    disc = disc_kernel(max(1, round(NEAR * size)))
    beside = (cv2.dilate(moved.astype(np.uint8), disc) > 0) & (cv2.dilate(torn.astype(np.uint8), disc) > 0)
    region = np.zeros(shape, np.uint8)
    radius = max(1, round(REACH * size))
    for x, y in points - (x0, y0):
        cv2.circle(region, (int(round(x)), int(round(y))), radius, 1, -1)
    oval = polygon_mask([target_landmarks[list(ids.FACE_OVAL), :2]], shape, (x0, y0)) > 0.5
    looked = here_hair & (region > 0) & ~oval
    still = same(grey_photo) & (shift < _STILL * SHIFT)  # (a flat colour moved reads the same: the flow says)
    return looked & still & beside, looked, (x0, y0)


def cut_hair(frame: np.ndarray, photo: np.ndarray, hair: np.ndarray, source_landmarks: np.ndarray,
             target_landmarks: np.ndarray) -> float:
    """Share in [0, 1] of the photo's hair beside the jaw corners of `frame` left behind cut (`cut_hair_mask`)."""
    cut, looked, _ = cut_hair_mask(frame, photo, hair, source_landmarks, target_landmarks)
    return float(cut.sum() / max(1, looked.sum()))
