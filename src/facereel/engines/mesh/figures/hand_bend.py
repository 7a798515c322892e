"""A hand in front of the face in the portrait bent with the face (issue #9 / #12, h32-fresh6's find (4)): a hand held
to lp_s1's chin and over her mouth's right half, driven by lp_d6 at `--size 256`, had its finger's edge pushed aside
by the opening mouth and the open mouth drawn over it (`held_hand`).

`hand_bend`: how far a frame's hand is from the photo's hand moved as one piece. The photo's hand (its known `mask`)
is aligned to the frame by the affine map that best matches its pixels (OpenCV's ECC on grey levels over the whole
hand, started from the shift that best matches the hand's box within `SEARCH` of its size: the hand may move, turn
and scale as a whole at no cost); the frame is read back through that map and compared with the photo inside `read`
(e.g. the hand's part over the face oval) and the mask, eroded by `RIM` px (the rim's interpolation left out).
Returned: the share (0-1) of those pixels whose colour differs by more than `OFF` grey levels (max over R, G, B), and
the mean difference (grey levels). The source repeated reads 0 / 0; a hand bent by the map or drawn over by the mouth
reads higher (lp_d6 frames 60 / 80 / 100: the engine before 9.75 / 8.85 / 6.65 mean, held 1.79 / 3.57 / 4.22).
The affine alignment is weak on the painted test hand's faint texture: its scale settled 2-3 % off the hand's own
motion (lp_d6 100: 0.978 for 1.006), ~1 px at the finger, which over its narrow part over the face reads as 4-8 grey
levels; `move` reads the frame through a given map instead (the head's motion, which a hand held to the head
follows).
"""

from __future__ import annotations

import cv2
import numpy as np

OFF = 40
"""Grey levels (0-255, max over R, G, B): a hand pixel read back further than this from the photo's is drawn wrong;
well above the resampling's few levels on the painted hand's grain, well below a lip or the mouth's dark over skin."""

RIM = 1
"""px: the mask is eroded by this before reading (the rim's pixels mix the hand with what lies behind it)."""


SEARCH = 0.25
"""Share of the hand box's larger side: how far round the photo's place the alignment's starting shift is looked for
(a head moving a fifth of a face moves the hand that far)."""


def _start(photo: np.ndarray, frame: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(2, 3) float32: the shift (as an affine map, photo -> frame px) that best matches the grey `photo`'s hand box
    (its `mask`'s pixels only) in the grey `frame`, by least squares over shifts up to `SEARCH` of the box."""
    ys, xs = np.nonzero(mask)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    reach = int(np.ceil(SEARCH * max(y1 - y0, x1 - x0)))
    h, w = frame.shape
    fy0, fx0 = max(0, y0 - reach), max(0, x0 - reach)
    window = frame[fy0:min(h, y1 + reach), fx0:min(w, x1 + reach)]
    scores = cv2.matchTemplate(window, photo[y0:y1, x0:x1], cv2.TM_SQDIFF, mask=mask[y0:y1, x0:x1].astype(np.float32))
    _, _, (bx, by), _ = cv2.minMaxLoc(scores)
    return np.array([[1, 0, fx0 + bx - x0], [0, 1, fy0 + by - y0]], np.float32)


def aligned(photo: np.ndarray, frame: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(2, 3) float32 affine map photo -> frame px best matching the grey levels of `photo` (H, W, 3) uint8 RGB inside
    its hand `mask` (H, W) bool to `frame` (H, W, 3) uint8 RGB: OpenCV's ECC started from `_start`'s shift (that
    shift where it does not converge)."""
    grey = [cv2.cvtColor(im, cv2.COLOR_RGB2GRAY).astype(np.float32) for im in (photo, frame)]
    start = _start(grey[0], grey[1], mask)
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 100, 1e-5)
    try:
        return cv2.findTransformECC(grey[0], grey[1], start.copy(), cv2.MOTION_AFFINE, criteria,
                                    mask.astype(np.uint8), 5)[1]
    except cv2.error:  # no convergence
        return start


def hand_bend(photo: np.ndarray, frame: np.ndarray, mask: np.ndarray, read: np.ndarray | None = None,
              move: np.ndarray | None = None) -> tuple[float, float]:
    """(share 0-1 of the hand drawn more than `OFF` off, mean |difference| grey levels) of `frame` (H, W, 3) uint8
    RGB against `photo` (H, W, 3) uint8 RGB inside `read` (H, W) bool on the photo (None: `mask`), the frame read
    through `move` ((2, 3) photo -> frame px, e.g. the head's similarity from the stable landmarks) or, None, the
    best affine alignment of the photo's hand, its `mask` (H, W) bool, onto the frame (module docstring)."""
    inside = cv2.erode((mask if read is None else mask & read).astype(np.uint8),
                       np.ones((2 * RIM + 1, 2 * RIM + 1), np.uint8))
    move = aligned(photo, frame, mask) if move is None else np.asarray(move, np.float32)
    back = cv2.warpAffine(frame, move, photo.shape[1::-1], flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)
    diff = np.abs(back.astype(np.int16) - photo.astype(np.int16)).max(axis=2)[inside > 0]
    if diff.size == 0:
        return 0.0, 0.0
    return float((diff > OFF).mean()), float(diff.mean())
