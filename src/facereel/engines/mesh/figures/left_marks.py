"""Small dark marks of the photo left still beside a moved head, read from a rendered frame (issue #9): the
tip of lp_s5's hanging lock, kept in the plate as the photo, showed as a still dark dash beside the moved jaw
(lp_d12 frames 36-38 and 47-50, `facereel edit --roll 20`; `head_mask.lock_ends`).

`left_marks` finds the frame's small dark marks (connected parts darker than the frame's local median by
`DARK` grey levels, of at most `AREA` face sizes squared) that are still the photo (within `STILL` grey levels)
while the photo beside them changed by `MOVED` or more, lighter (within `REACH` face sizes): a piece of the
photo the moved head left where it was. The source repeated changes nothing: 0. Features inside the face that
happen to keep their grey on a small move count too, so the figure is read over a box beside the head.

`dark_fill` finds the frame's pixels that show the plate's fill (not the photo) darker than the frame's local
median by `FILL_DARK`: a colour carried into the head's hole from the wrong side, laid bare where the head moved off
it (lp_s5's grey teardrop beside the jaw: the dress strap's grey behind the lock's tip, `plate.neck_body_side`).
The source repeated shows the photo: 0.

`light_fill` finds the frame's pixels that show the plate's fill at least `LIGHT` grey and `LIGHTER` over the photo
where the photo is darker than `DARK_PHOTO`: a light fill laid bare where the photo shows a dark strip of background
(sr_4's dark column between its hair / ear and a lit pillar, held in the person mask and filled with the pillar's
light: a light wedge cutting the moved hair, a grey blotch under the lobe; `plate.column_runs`). The source repeated:
0.

`kept_marks` reads any portrait's photo kept in the plate beside the moved head: the frame's pixels still the
photo where the plate's hole keeps it (`plate_fill.kept_photo`: the head's faintest fringe on the person,
`KEPT_CONTRAST` grey levels from the hole's fill; lp_s0's dark hair rim over her dress, lp_s3's jaw end, lp_s5's
lock tip's end) beside the hole's fill the moved head laid bare. The source repeated shows no fill: 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.layers import FULL_PLATE_AT
from facereel.engines.mesh.plate_fill.kept_photo import kept_photo

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

DARK = 25.0
"""Grey levels under the frame's local median (over `MEDIAN` face sizes) that make a pixel dark."""
FILL_DARK = 15.0
"""Grey levels under the frame's local median that make a pixel of the plate's fill dark: lp_s5's teardrop is a
faint grey (150-160 on the wall's 185, 25-40 px across, so the median takes in some of it)."""
MEDIAN = 0.14
"""Face sizes: the width of the local median's window."""
AREA = 0.004
"""Face sizes squared: a dark part larger than this is not a mark (hair, a feature)."""
STILL = 4.0
"""Grey levels: a frame pixel this close to the photo's is the photo, unmoved."""
MOVED = 40.0
"""Grey levels: the photo beside the mark is this much lighter in the frame where the head moved off it."""
REACH = 0.04
"""Face sizes: how near the mark the photo changed."""
LIGHT = 150.0  # grey levels: `light_fill`'s fill is at least this light
LIGHTER = 60.0  # grey levels: `light_fill`'s fill is at least this much lighter than the photo
DARK_PHOTO = 110.0  # grey levels: `light_fill` reads where the photo is darker than this


def _darker(frame: np.ndarray, face_px: float, dark: float) -> np.ndarray:
    """(H, W) bool: the pixels of `frame` ((H, W, 3) uint8 RGB) `dark` grey levels under its local median (over
    `MEDIAN` face sizes, `face_px` px)."""
    window = 2 * max(1, round(MEDIAN * face_px / 2)) + 1
    median = cv2.medianBlur(frame, window).astype(np.float32).mean(2)
    return frame.astype(np.float32).mean(2) <= median - dark


def left_marks(frame: np.ndarray, photo: np.ndarray, face_px: float) -> np.ndarray:
    """(H, W) bool: the pixels of `frame` ((H, W, 3) uint8 RGB) in small dark marks that are still the `photo`
    ((H, W, 3) uint8 RGB, the source at the frame's size) beside photo pixels the frame shows `MOVED` lighter.
    face_px: the face size, px (`composite.face_size`)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(_darker(frame, face_px, DARK).astype(np.uint8),
                                                           connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= AREA * face_px ** 2
    small[0] = False
    change = frame.astype(np.float32).mean(2) - photo.astype(np.float32).mean(2)
    reach = 2 * max(1, round(REACH * face_px)) + 1
    beside = cv2.dilate((change >= MOVED).astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    return small[labels] & (np.abs(change) < STILL) & beside


def bare_fill(frame: np.ndarray, animator: MeshAnimator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(H, W) bool where `frame` ((H, W, 3) uint8 RGB, the last `animator.render`) shows the plate the head was laid
    over (`MeshAnimator.drawn_layer`, its neck moved) within `STILL` grey levels where that plate is not the photo
    (`STILL` or more from it); and the frame's and the photo's grey, (H, W) float32 each."""
    photo = animator.source.astype(np.float32).mean(2)
    plate = photo.copy()
    x0, y0, x1, y1 = animator.box
    plate[y0:y1, x0:x1] = animator.drawn_layer()[1].mean(2)
    grey = frame.astype(np.float32).mean(2)
    return (np.abs(plate - photo) >= STILL) & (np.abs(grey - plate) < STILL), grey, photo


def dark_fill(frame: np.ndarray, animator: MeshAnimator) -> np.ndarray:
    """(H, W) bool: the pixels of `frame` ((H, W, 3) uint8 RGB, the last `animator.render`) that show the plate's
    fill (`bare_fill`) `FILL_DARK` under the frame's local median. The jaw's dark line laid under a moved jaw is
    such a fill too (`layers.HeadLayer`'s jaw shadow), so the figure is read beside the jaw, off its lower edge."""
    bare, _, _ = bare_fill(frame, animator)
    return bare & _darker(frame, face_size(animator.source_landmarks), FILL_DARK)


def light_fill(frame: np.ndarray, animator: MeshAnimator) -> np.ndarray:
    """(H, W) bool: the pixels of `frame` ((H, W, 3) uint8 RGB, the last `animator.render`) that show the plate's
    fill (`bare_fill`) at least `LIGHT` grey and `LIGHTER` over the photo, where the photo is darker than
    `DARK_PHOTO`."""
    bare, grey, photo = bare_fill(frame, animator)
    return bare & (grey >= LIGHT) & (grey - photo >= LIGHTER) & (photo < DARK_PHOTO)


def kept_marks(frame: np.ndarray, animator: MeshAnimator) -> np.ndarray:
    """(H, W) bool: the pixels of `frame` ((H, W, 3) uint8 RGB, rendered by `animator`) within `STILL` grey levels of
    the photo where the plate's hole keeps the photo (`kept_photo`: behind the head's alpha under
    `layers.FULL_PLATE_AT`), within `REACH` face sizes of the hole's fill (`HeadLayer.filled`, `STILL` or more from
    the photo) that the frame shows within `STILL`: the photo left still beside the fill the moved head laid bare."""
    x0, y0, x1, y1 = animator.box
    crop = animator.source[y0:y1, x0:x1]
    fill = animator.layer.filled
    photo, plate = crop.astype(np.float32).mean(2), fill.mean(2)
    grey = frame[y0:y1, x0:x1].astype(np.float32).mean(2)
    hole = (fill != crop).any(2)
    faint = animator.layer.plate_alpha < FULL_PLATE_AT
    kept = kept_photo(crop, fill, faint, hole, animator.mask, animator.layer.grow_px) & (np.abs(grey - photo) < STILL)
    bare = hole & (np.abs(plate - photo) >= STILL) & (np.abs(grey - plate) < STILL)
    reach = 2 * max(1, round(REACH * face_size(animator.source_landmarks))) + 1
    out = np.zeros(frame.shape[:2], bool)
    out[y0:y1, x0:x1] = kept & (cv2.dilate(bare.astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0)
    return out
