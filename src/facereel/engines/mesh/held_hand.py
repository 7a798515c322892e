"""A hand in front of the face in the portrait, held as one rigid piece over the animated face (issue #9 / #12).

The map moves every photo pixel over the face with the face's expression, so a hand held to the chin or over the
mouth was bent with the jaw and the lips (h32-fresh6: its finger lines in jogs, its edge following the jaw) and the
mouth renderer drew the open mouth over it. Once per source, `find_hand` looks for hands with mediapipe's hand
landmarker and keeps those lying over the face oval; its pixels (the palm's polygon and each finger's bones drawn
as thick strokes, grown by the hand's own colour, softened at the rim) are then laid, each frame, over the finished frame (`HeldHand.lay`), moved
by the head's rigid motion only: the 2-D similarity of the stable landmarks (`landmark_ids.STABLE`: forehead, nose
bridge, eye corners, no lips or jaw) from the photo to the frame. What the map draws under it (the face, the mouth)
is hidden. The map itself draws the photo with the hand's pixels filled from around it (`HeldHand.removed`,
`median_fill`): where
the face moved out from under the held hand (a big head move) or the map does not move the photo (under the chin),
the photo's own hand showed beside the held one as a second hand, and its edge pixels as a brown ghost; the held
hand's alpha is 1 over those edge pixels (`EDGE`) and softens only beyond them; off the face the hand's blurred rim
(pixels whose colour blends the hand's and what lies beyond, `_mixed`) is held with it, so no dotted line of it stays
on the clothes where the hand moved off."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

import cv2
import numpy as np
from scipy import ndimage

from facereel.engines.mesh.composite import disc_kernel, face_size
from facereel.engines.mesh.geometry.warp import fit_similarity
from facereel.engines.mesh.median_fill import median_filled
from facereel.face import landmark_ids as ids

SCORE = 0.5
"""mediapipe's hand detection confidence (0-1) a hand needs to be held (its default); at 0.3 it finds the painted
hands in lp_s0's, lp_s3's and lp_s5's laps, which `OVER_FACE` leaves to the map anyway."""

OVER_FACE = 0.03
"""Share (0-1) of the photo's face oval a hand must cover to be held: a hand beside the face or in the lap is left
to the map (which does not move it)."""

FINGER = 0.45
"""A finger's width over the palm's length (wrist to the middle finger's knuckle, landmarks 0 -> 9): the strokes
drawn along the finger bones; an adult's finger is ~1.8 cm for a ~9.5 cm palm, widened for the landmarks' jitter off
the finger's axis."""

RIM = 0.04
"""Palm lengths: the sigma (px over palm px) of the Gaussian softening the hand's mask at its rim."""

GROW = 0.3
"""Palm lengths: how far past the landmarks' mask the hand's own colour is followed (`_grown`): the landmarks miss
parts of a hand (the painted test hand's heel), which left with the map tore from the held part when the head moved."""

GROW_OFF_FACE = 0.5
"""Palm lengths: `GROW` outside the face oval, where no lips lie beside the hand (at 0.5 on the face the growth took
lp_s1's lower lip beside the finger, laid shut over her opening mouth): the painted test hand's heel, on her dress,
left out at 0.3, stayed with the map and was left behind as a piece of a second hand at a big head move."""

FOREARM = 1.2
"""Palm lengths: how far from the wrist landmark, on the wrist's side of the palm (away from the knuckles), the hand's
colour is followed off the face (`_forearm`): the painted test hand's wrist, 0.5-1.0 palm lengths below and beside
lp_s1's wrist landmark, lay past `GROW_OFF_FACE` of the landmarks' mask, so it was neither held nor filled and stayed
behind as a brown piece when the hand moved with the head (h34-look, lp_d12 140-179 frame 8)."""

LIKE = 1.5
"""Standard deviations of the hand's Lab colour (per channel, over its sure pixels) within which a pixel near it is
taken as the hand's: at 2.5 the painted test hand's wide spread took the lips beside its finger, and lp_s1's open
mouth was drawn half shut under them."""

EDGE = 0.008
"""Face sizes: how far past the hand's grown mask (alpha > 0.5) the held hand is laid whole (alpha 1) and the photo
filled under it (1 px on the test's 100-160 px faces): the photo's blur mixes the hand's colour into the face's over
its edge's px, which left to the map were carried off beside the held finger as a brown ghost (h33-fresh7 (9)); at
0.02, softened 2 sigma further out, the hold laid lp_s12's shut lips over the teeth beside the finger."""

FILL = 0.08
"""Palm lengths: the half side of the square round each filled pixel whose known pixels' median fills it when the hand
is filled out of the photo (`HeldHand.removed`, `median_fill`): a few px of skin, cloth or beads at the hand's rim
(5 px on the 384 px test photo's 62 px palm, looked at beside 3 and 8 px: the differences slight)."""

MIX = 0.05
"""Palm lengths: how far past the hand grown by its colour (`_grown`) a pixel off the face is tested as the hand's
blurred edge (`_mixed`): the painted test hand's rim on lp_s1's dress, its colour part hand and part dress, lay 1-3 px
past the growth (which takes the hand's own colour only) and past `EDGE`'s 1 px at 384 px (62 px palm), so the map
drew it where the hand had lain: a dotted brown line on the dress once the hand moved (lp_d12 140-179 frames 24-33)."""

OWN = 1.0
"""Standard deviations of the hand's Lab colour (`LIKE`'s test) within which a pixel of the hand counts as the hand's
own colour at a blend's hand end (`_mixed`): at `LIKE` (1.5) the shadowed neck skin the growth joins counted, and
its edges on the pearls and the lit neck were taken as blends (lp_s1's test hand at 384 px: 548 px added, 380 of
them the hand's rim; at 1.0 467, 371)."""

SPAN = 90.0
"""RGB levels (Euclidean): least difference between the hand's colour and the colour beyond its edge for a pixel
between them to be tested as a blend (`_mixed`): at the brown test hand's rim off lp_s1's face the two lie 125-300
apart (median 250) over the white dress and the blue top, the neck's shadowed skin beside its lit skin or the pearls
beside their gaps less (at 40 / 60 / 90: 564 / 556 / 467 px added, 375 / 374 / 371 of them the hand's rim)."""

BLEND = 0.15
"""Least share (0-1) of the hand's colour in a pixel's blend of the hand's colour and the colour beyond the hand's
edge (`_mixed`) for it to be taken as the hand's edge: a rim pixel 0.15 hand over the white dress is ~20-25 grey
levels darker than the dress, still seen as a dotted line (not varied)."""

STRAY = 0.25
"""Most distance of a pixel's colour from the straight blend of the hand's colour and the colour beyond the edge, over
the distance of those two colours, for it to be taken as a blend (`_mixed`): a third colour beside the hand (a cloth's
own pattern) lies off that line and is left to the map (not varied)."""

_PALM = (0, 1, 2, 5, 9, 13, 17)
"""mediapipe hand landmark ids round the palm (wrist, thumb base, the four knuckles)."""

_FINGERS = ((0, 1, 2, 3, 4), (5, 6, 7, 8), (9, 10, 11, 12), (13, 14, 15, 16), (17, 18, 19, 20))
"""mediapipe hand landmark ids along each finger, base to tip (the thumb from the wrist)."""


SEEN = 8
"""Photos whose hands `hand_points` keeps (by their pixels' digest): an animator is made once per photo, but the app,
batch jobs and the editor make several of one photo, and the hand search costs ~40-200 ms each."""

_seen: OrderedDict[tuple[tuple[int, ...], bytes], list[np.ndarray]] = OrderedDict()
_seen_lock = threading.Lock()
_landmarkers = threading.local()
"""Each thread's mediapipe hand landmarker (`_landmarker`): made once, not per photo. Starting one costs ~45 CPU ms,
three times its run on a 384 px frame, and a video source makes an animator, so a hand search, every frame
(`frame_setup`). In static-image mode each run is on its image alone: the same hands, bit for bit, as a fresh one's
(h36-v2vspeed: the shared portraits, lp_d18's frames and the test's pasted hand, 28 runs in two orders)."""


def hand_points(image: np.ndarray) -> list[np.ndarray]:
    """The hands mediapipe finds on `image` (H, W, 3) uint8 RGB with confidence >= `SCORE`: each (21, 2) float32
    image px (mediapipe's hand landmark ids); the last `SEEN` photos' answers are kept."""
    key = (image.shape, hashlib.blake2b(np.ascontiguousarray(image).data, digest_size=16).digest())
    with _seen_lock:
        if key in _seen:
            _seen.move_to_end(key)
            return [p.copy() for p in _seen[key]]
    found = _search(image)
    with _seen_lock:
        _seen[key] = found
        while len(_seen) > SEEN:
            _seen.popitem(last=False)
    return [p.copy() for p in found]


def _search(image: np.ndarray) -> list[np.ndarray]:
    """`hand_points` without the kept answers: one mediapipe hand landmarker run on `image`."""
    h, w = image.shape[:2]
    found = _landmarker().process(np.ascontiguousarray(image))
    return [np.array([[p.x * w, p.y * h] for p in marks.landmark], np.float32)
            for marks in (found.multi_hand_landmarks or [])]


def hand_mask(points: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) float32 in [0, 1]: the hand whose landmarks are `points` (21, 2) image px, on an image of `shape`
    (H, W): the palm's polygon and each finger's bones as strokes `FINGER` palm lengths wide, softened over `RIM`."""
    palm = float(np.linalg.norm(points[9] - points[0]))
    mask = np.zeros(shape, np.uint8)
    cv2.fillPoly(mask, [np.round(points[list(_PALM)]).astype(np.int32)], 1)
    width = max(1, round(FINGER * palm))
    for finger in _FINGERS:
        cv2.polylines(mask, [np.round(points[list(finger)]).astype(np.int32)], False, 1, width)
    return cv2.GaussianBlur(mask.astype(np.float32), (0, 0), max(0.5, RIM * palm))


def _forearm(points: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) bool on an image of `shape` (H, W): the pixels within `FOREARM` palm lengths of the wrist of the hand
    whose landmarks are `points` (21, 2) image px, on the wrist's side of the line through the wrist across the palm
    (wrist -> middle finger's knuckle)."""
    wrist, knuckle = points[0].astype(np.float64), points[9].astype(np.float64)
    palm = max(1.0, float(np.linalg.norm(knuckle - wrist)))
    ys, xs = np.mgrid[:shape[0], :shape[1]]
    dx, dy = xs - wrist[0], ys - wrist[1]
    along = (dx * (wrist[0] - knuckle[0]) + dy * (wrist[1] - knuckle[1])) / palm
    return (along >= 0) & (np.hypot(dx, dy) <= FOREARM * palm)


def _hand_coloured(image: np.ndarray, sure: np.ndarray, within: float = LIKE) -> np.ndarray:
    """(H, W) bool: the pixels of `image` (H, W, 3) uint8 RGB whose Lab colour is within `LIKE` standard deviations
    (per channel, plus 1) of the mean over the hand's `sure` (H, W) bool pixels."""
    lab = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB).astype(np.float32)
    mean, spread = lab[sure].mean(0), lab[sure].std(0) + 1.0
    return (np.abs(lab - mean) < within * spread).all(-1)


def _grown(image: np.ndarray, alpha: np.ndarray, palm: float, face: np.ndarray, forearm: np.ndarray) -> np.ndarray:
    """(H, W) float32 in [0, 1]: the hands' `alpha` with the pixels within `GROW` palm lengths of it (`GROW_OFF_FACE`
    outside the `face` (H, W) bool, and the `forearm` (H, W) bool zone outside it) whose Lab colour is within `LIKE`
    standard deviations of its sure pixels' (alpha > 0.9), joined to them, added (softened as the mask is); `image`
    (H, W, 3) uint8 RGB."""
    sure = alpha > 0.9
    hand = (alpha > 0.5).astype(np.uint8)
    near, far = (cv2.dilate(hand, disc_kernel(r)) > 0
                 for r in (max(1, round(GROW * palm)), max(1, round(GROW_OFF_FACE * palm))))
    like = (_hand_coloured(image, sure) & (near | ((far | forearm) & ~face))) | sure
    _, label = cv2.connectedComponents(like.astype(np.uint8))
    joined = np.isin(label, np.unique(label[sure]))
    return np.maximum(alpha, cv2.GaussianBlur(joined.astype(np.float32), (0, 0), max(0.5, RIM * palm)))


@dataclass(frozen=True)
class HeldHand:
    """The photo's hands over the face: colour (h, w, 3) float32 RGB and alpha (h, w) float32 in [0, 1] on the
    image box `box` (x0, y0, x1, y1) px, `cover` (h, w) bool where alpha is 1 (the hands with their edge pixels), the
    photo's stable landmarks (S, 2) image px they move with, and the largest hand's palm length (px, wrist to the
    middle finger's knuckle))."""

    colour: np.ndarray
    alpha: np.ndarray
    box: tuple[int, int, int, int]
    cover: np.ndarray
    stable: np.ndarray
    palm: float

    def removed(self, image: np.ndarray) -> np.ndarray:
        """A copy of the photo `image` (H, W, 3) uint8 RGB with the hands' `cover` filled from its rim inwards by the
        median of the known pixels round each (`median_fill`, `FILL` palm lengths): what the map draws under the
        held hand."""
        x0, y0, x1, y1 = self.box
        hole = np.zeros(image.shape[:2], bool)
        hole[y0:y1, x0:x1] = self.cover
        return median_filled(image, hole, max(1, round(FILL * self.palm)))

    def lay(self, out: np.ndarray, target: np.ndarray) -> None:
        """Lay the hand over the frame `out` (H, W, 3) uint8 RGB in place, moved by the similarity of the stable
        landmarks from the photo's to `target`'s (478, 2+) image px."""
        x0, y0, x1, y1 = self.box
        move = fit_similarity(self.stable.astype(np.float64), target[list(ids.STABLE), :2].astype(np.float64))
        corners = np.array([[x0, y0], [x1, y0], [x0, y1], [x1, y1]], np.float64) @ move[:, :2].T + move[:, 2]
        h, w = out.shape[:2]
        bx0, by0 = np.clip(np.floor(corners.min(0)).astype(int) - 1, 0, [w, h])
        bx1, by1 = np.clip(np.ceil(corners.max(0)).astype(int) + 2, 0, [w, h])
        if bx1 <= bx0 or by1 <= by0:
            return
        # From the hand's box to the output window: the similarity with both boxes' corners as origins.
        local = move.copy()
        local[:, 2] += move[:, :2] @ np.array([x0, y0], np.float64) - np.array([bx0, by0], np.float64)
        size = (int(bx1 - bx0), int(by1 - by0))
        colour = cv2.warpAffine(self.colour, local, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        alpha = cv2.warpAffine(self.alpha, local, size, flags=cv2.INTER_LINEAR, borderValue=0.0)[..., None]
        window = out[by0:by1, bx0:bx1]
        window[...] = np.clip(window * (1.0 - alpha) + colour * alpha + 0.5, 0, 255).astype(np.uint8)


def find_hand(image: np.ndarray, landmarks: np.ndarray) -> HeldHand | None:
    """The hands over the face in the photo `image` (H, W, 3) uint8 RGB with face landmarks (478, 2+) image px,
    as one `HeldHand`; None when mediapipe finds none covering `OVER_FACE` of the face oval."""
    shape = image.shape[:2]
    oval = np.zeros(shape, np.uint8)
    cv2.fillPoly(oval, [np.round(landmarks[list(ids.FACE_OVAL), :2]).astype(np.int32)], 1)
    face = max(1, int(oval.sum()))
    over = [(p, m) for p, m in ((p, hand_mask(p, shape)) for p in hand_points(image))
            if float((m * oval).sum()) >= OVER_FACE * face]
    if not over:
        return None
    palm = max(float(np.linalg.norm(p[9] - p[0])) for p, _ in over)
    forearm = np.logical_or.reduce([_forearm(p, shape) for p, _ in over])
    drawn = np.maximum.reduce([m for _, m in over])
    grown = _grown(image, drawn, palm, oval > 0, forearm) > 0.5
    alpha, cover = _laid(_mixed(image, grown, drawn > 0.9, palm, oval > 0), palm, face_size(landmarks))
    ys, xs = np.nonzero(alpha > 1e-3)
    x0, y0, x1, y1 = int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1
    return HeldHand(image[y0:y1, x0:x1].astype(np.float32), alpha[y0:y1, x0:x1], (x0, y0, x1, y1),
                    cover[y0:y1, x0:x1], np.asarray(landmarks, np.float32)[list(ids.STABLE), :2], palm)


def _mixed(image: np.ndarray, hand: np.ndarray, sure: np.ndarray, palm: float, face: np.ndarray) -> np.ndarray:
    """(H, W) bool: `hand` (H, W) bool with the hand's blurred edge off the `face` (H, W) bool added: the pixels within
    `MIX` palm lengths (`palm` px) of it whose colour in `image` (H, W, 3) uint8 RGB is a blend of the nearest
    hand-coloured pixel's (`_hand_coloured` by the `sure` (H, W) bool pixels, in the hand shrunk by 1 px: not the skin
    or cloth the growth joined to it) and of the nearest pixel beyond that reach, at least `BLEND` of it the hand's
    and no more than `STRAY` off the blend, joined to the hand; read in the hand's box grown by twice that reach."""
    reach = max(1, round(MIX * palm))
    ys, xs = np.nonzero(hand)
    if not len(ys):
        return hand
    h, w = hand.shape
    margin = 2 * reach + 3
    y0, y1 = max(0, ys.min() - margin), min(h, ys.max() + margin + 1)
    x0, x1 = max(0, xs.min() - margin), min(w, xs.max() + margin + 1)
    out = hand.copy()
    out[y0:y1, x0:x1] = _mixed_in(image[y0:y1, x0:x1], hand[y0:y1, x0:x1], sure[y0:y1, x0:x1], reach,
                                  face[y0:y1, x0:x1])
    return out


def _mixed_in(image: np.ndarray, hand: np.ndarray, sure: np.ndarray, reach: int, face: np.ndarray) -> np.ndarray:
    """`_mixed` on a box round the hand, its blend read within `reach` px of it: (h, w) bool; `image` (h, w, 3) uint8
    RGB, `hand`, `sure`, `face` (h, w) bool."""
    ring = (cv2.dilate(hand.astype(np.uint8), disc_kernel(reach)) > 0) & ~hand & ~face
    inner = (cv2.erode(hand.astype(np.uint8), disc_kernel(1)) > 0) & _hand_coloured(image, sure, OWN)
    beyond = cv2.dilate(hand.astype(np.uint8), disc_kernel(reach + 1)) > 0
    colour = image.astype(np.float32)
    ys, xs = np.nonzero(ring)
    if not inner.any():
        return hand
    apart, (iy, ix) = ndimage.distance_transform_edt(~inner, return_indices=True)
    _, (oy, ox) = ndimage.distance_transform_edt(beyond, return_indices=True)
    own, far = colour[iy[ys, xs], ix[ys, xs]], colour[oy[ys, xs], ox[ys, xs]]
    step = own - far
    span = np.maximum(np.linalg.norm(step, axis=-1), 1.0)
    share = ((colour[ys, xs] - far) * step).sum(-1) / span**2
    off = np.linalg.norm(colour[ys, xs] - far - share[:, None] * step, axis=-1) / span
    blend = np.zeros(hand.shape, np.uint8)
    blend[ys, xs] = (share >= BLEND) & (off <= STRAY) & (apart[ys, xs] <= reach + 1) & (span >= SPAN)
    _, label = cv2.connectedComponents((blend > 0).astype(np.uint8) | hand.astype(np.uint8))
    return np.isin(label, np.unique(label[hand]))


def _landmarker() -> object:
    """This thread's mediapipe hand landmarker (`_landmarkers`), static-image mode, up to two hands, `SCORE`."""
    hands = getattr(_landmarkers, "hands", None)
    if hands is None:
        from facereel.face.mp_runtime import mediapipe

        hands = _landmarkers.hands = mediapipe().solutions.hands.Hands(static_image_mode=True, max_num_hands=2,
                                                                       min_detection_confidence=SCORE)
    return hands


def _laid(hand: np.ndarray, palm: float, face_px: float) -> tuple[np.ndarray, np.ndarray]:
    """(alpha (H, W) float32 in [0, 1], cover (H, W) bool): the hands `hand` (H, W) bool grown by `EDGE` face sizes
    (`face_px` px) as `cover`, alpha 1 there and beyond it the cover softened by a Gaussian of `RIM` palm lengths
    (`palm` px)."""
    edge = max(1, round(EDGE * face_px))
    cover = cv2.dilate(hand.astype(np.uint8), disc_kernel(edge)) > 0
    return np.maximum(cover, cv2.GaussianBlur(cover.astype(np.float32), (0, 0), max(0.5, RIM * palm))), cover
