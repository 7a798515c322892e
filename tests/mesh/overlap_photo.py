"""One person partly in front of another, made from two real portraits (no such group photo ships in an
installed package): for the overlapping-faces tests (tests/mesh/test_face_group.py) and `bench/faces.py
--overlap`. Module-named so both can import it."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.every_face import track_faces


def in_front_of(back: np.ndarray, front: np.ndarray, scale: float, offset: tuple[float, float]) -> np.ndarray:
    """`front` pasted over `back` (both (H, W, 3) uint8 RGB portraits): its head (an ellipse round its face,
    feathered) scaled so its face is `scale` times the back face's size, its face centre placed `offset`
    back-face sizes right and down of the back face's centre: one person partly in front of the other."""
    def oval(image: np.ndarray) -> tuple[np.ndarray, float]:
        points = track_faces(image)[0][list(ids.FACE_OVAL), :2]
        return (points.min(0) + points.max(0)) / 2, float((points.max(0) - points.min(0)).max())

    (back_centre, back_size), (front_centre, front_size) = oval(back), oval(front)
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


def one_in_front(back: np.ndarray, front: np.ndarray, height: int = 400) -> np.ndarray:
    """(height, W, 3) uint8 RGB: `back` scaled to `height` px with `front`'s head pasted partly in front of
    it, 1.3 times the back face's size, lower and to its right: the front hair covers the back face's right
    cheek (lp_s1 in front of lp_s5: both faces found, the back one counted first)."""
    k = height / back.shape[0]
    return in_front_of(cv2.resize(back, None, fx=k, fy=k, interpolation=cv2.INTER_AREA), front, 1.3, (0.95, 0.35))
