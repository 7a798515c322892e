"""One person partly in front of another, made from two real portraits (no such group photo ships in an
installed package): for the overlapping-faces tests (tests/mesh/test_face_group.py, test_front_order.py) and
`bench/faces.py --overlap`. Module-named so both can import it."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.every_face import track_faces


def face_oval(image: np.ndarray) -> tuple[np.ndarray, float, float]:
    """(face-oval centre (2,) px, size (its larger extent) px, chin y px) of the first face tracked in `image`."""
    face = track_faces(image)[0]
    points = face[list(ids.FACE_OVAL), :2]
    return (points.min(0) + points.max(0)) / 2, float((points.max(0) - points.min(0)).max()), float(face[ids.CHIN, 1])


def scaled_to(image: np.ndarray, height: int) -> np.ndarray:
    """`image` ((H, W, 3) uint8) scaled to `height` px high: the back portrait as the pictures below hold it
    (outside the pasted head, their pixels are exactly these)."""
    k = height / image.shape[0]
    return cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)


def in_front_of(back: np.ndarray, front: np.ndarray, scale: float, offset: tuple[float, float],
                ovals: tuple[tuple[np.ndarray, float, float], tuple[np.ndarray, float, float]] | None = None
                ) -> np.ndarray:
    """`front` pasted over `back` (both (H, W, 3) uint8 RGB portraits): its head (an ellipse round its face,
    feathered) scaled so its face is `scale` times the back face's size, its face centre placed `offset`
    back-face sizes right and down of the back face's centre: one person partly in front of the other.
    ovals: (`face_oval` of back, of front), when already known."""
    (back_centre, back_size, _), (front_centre, front_size, _) = ovals or (face_oval(back), face_oval(front))
    k = scale * back_size / front_size
    head = cv2.resize(front, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    centre, size = front_centre * k, front_size * k
    mask = np.zeros(head.shape[:2], np.float32)
    cv2.ellipse(mask, (round(centre[0]), round(centre[1] - 0.1 * size)), (round(0.62 * size), round(0.75 * size)),
                0, 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), 0.02 * size)
    shift = np.round(back_centre + np.array(offset) * back_size - centre).astype(int)
    out = back.astype(np.float32)
    ys, xs = np.nonzero(mask > 0)
    ty, tx = ys + shift[1], xs + shift[0]
    inside = (ty >= 0) & (ty < out.shape[0]) & (tx >= 0) & (tx < out.shape[1])
    ys, xs, ty, tx = ys[inside], xs[inside], ty[inside], tx[inside]
    alpha = mask[ys, xs, None]
    out[ty, tx] = alpha * head[ys, xs] + (1 - alpha) * out[ty, tx]
    return np.round(out).astype(np.uint8)


def chins_apart(back: np.ndarray, front: np.ndarray, drops: Sequence[float], height: int = 400,
                right: float = 0.95) -> list[np.ndarray]:
    """One (height, W, 3) uint8 RGB frame per drop: `front`'s head pasted partly in front of `back` (scaled to
    `height`), its face as large as the back face (so the front/back rule, `face_regions.in_front`, goes by
    the chins), its centre `right` back-face sizes to the right, and its chin `drops[k]` back-face sizes
    below the back face's chin (0: a tie, as far as the source photos' landmarks tell)."""
    back = scaled_to(back, height)
    ovals = face_oval(back), face_oval(front)
    (back_centre, back_size, back_chin), (front_centre, front_size, front_chin) = ovals
    chin_below_centre = (front_chin - front_centre[1]) * back_size / front_size  # at the back face's size
    return [in_front_of(back, front, 1.0, (right, (back_chin + drop * back_size - chin_below_centre
                                                   - back_centre[1]) / back_size), ovals)
            for drop in drops]


def one_in_front(back: np.ndarray, front: np.ndarray, height: int = 400) -> np.ndarray:
    """(height, W, 3) uint8 RGB: `back` scaled to `height` px with `front`'s head pasted partly in front of
    it, 1.3 times the back face's size, lower and to its right: the front hair covers the back face's right
    cheek (lp_s1 in front of lp_s5: both faces found, the back one counted first)."""
    return in_front_of(scaled_to(back, height), front, 1.3, (0.95, 0.35))


def tie_then_change(lead: int, near: int, change: int, clear: float = 0.10, tie: float = 0.012,
                    seed: int = 0) -> list[float]:
    """Chin drops for `chins_apart` (back-face sizes): `lead` frames with the pasted face's chin `clear` lower
    (it is in front), `near` frames near a tie (uniform in +-`tie`, seeded), `change` frames with it `clear`
    higher (the face behind comes in front: a real change)."""
    return [clear] * lead + list(np.random.default_rng(seed).uniform(-tie, tie, near)) + [-clear] * change


def swaying(back: np.ndarray, front: np.ndarray, rights: Sequence[float], height: int = 400
            ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(frames, landmarks): `front`'s head pasted beside `back` (scaled to `height`) at the back face's size, a
    quarter of a face size lower, its centre `rights[k]` back-face sizes to the right in frame k: a head
    swaying sideways (around 1.12 the two grown face ovals just meet: `face_regions.meeting_pairs`). The
    faces are tracked once, in the frame at `rights[0]`; the front face's landmarks are moved with its head.
    frames: (height, W, 3) uint8 RGB; landmarks: (2, 478, 3) float32 image px, face 0 = the back face."""
    back = scaled_to(back, height)
    ovals = face_oval(back), face_oval(front)
    size = ovals[0][1]
    frames = [in_front_of(back, front, 1.0, (right, 0.25), ovals) for right in rights]
    faces = track_faces(frames[0])
    landmarks = []
    for right in rights:
        moved = faces.copy()
        moved[1, :, 0] += (right - rights[0]) * size
        landmarks.append(moved)
    return frames, landmarks
