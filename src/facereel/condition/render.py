"""Draw landmarks in the SkyReels-A1 style: the condition video the A1 model consumes."""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np

from facereel.condition.a1_style import LINE_THICKNESS, PARTS, REFERENCE_PARTS, REFERENCE_POINTS, SQUARES
from facereel.face.crop import release_face_box


def draw_a1(canvas: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Draw one face's landmarks on `canvas` (H, W, 3) uint8 RGB, in place; returns it.

    points: (478, 2+) in canvas px. Segments and squares outside the canvas are clipped.
    """
    h, w = canvas.shape[:2]
    p = np.floor(points[:, :2]).astype(np.int64)
    for colour, edges in PARTS:
        for a, b in edges:
            cv2.line(canvas, (int(p[a, 0]), int(p[a, 1])), (int(p[b, 0]), int(p[b, 1])), colour, LINE_THICKNESS)
    for index, colour, side in SQUARES:
        x0, y0 = p[index, 0] - side // 2, p[index, 1] - side // 2
        x1, y1 = min(x0 + side, w), min(y0 + side, h)
        x0, y0 = max(x0, 0), max(y0, 0)
        if x0 < x1 and y0 < y1:
            canvas[y0:y1, x0:x1] = colour
    return canvas


def draw_a1_reference(size: tuple[int, int], box: tuple[int, int, int, int], points: np.ndarray) -> np.ndarray:
    """Frame 0 of the condition video (the reference's own landmarks) as the release draws it.

    size: (width, height) of the frame. box: (x, y, width, height) px face box inside it (see
    `face.crop.release_face_box`). points: (478, 2+) frame px. Returns (height, width, 3) uint8 RGB: black,
    the drawing inside the box (a1_style.py says how it differs from the driving frames).
    """
    x, y, w, h = box
    canvas = np.zeros((h, w, 3), np.uint8)
    # mediapipe-normalised coordinates (float32, as its landmark protos hold them) relative to the box
    unit = ((points[:, :2] - (x, y)) / (w, h)).astype(np.float32).astype(np.float64)
    inside = np.all((unit >= 0) & (unit <= 1), axis=1)
    p = np.minimum(np.floor(unit * (w, h)), (w - 1, h - 1)).astype(np.int64)
    for colour, edges in REFERENCE_PARTS:
        for a, b in edges:
            if inside[a] and inside[b]:
                cv2.line(canvas, (int(p[a, 0]), int(p[a, 1])), (int(p[b, 0]), int(p[b, 1])), colour, LINE_THICKNESS)
    for index, colour, half in REFERENCE_POINTS:
        u, v = unit[index]
        if 0 <= u < 1 and 0 <= v < 1:
            px, py = int(w * u), int(h * v)
            canvas[py - half:py + half, px - half:px + half] = colour
    frame = np.zeros((size[1], size[0], 3), np.uint8)
    frame[y:y + h, x:x + w] = canvas
    return frame


def condition_frames(landmarks: np.ndarray, size: tuple[int, int],
                     background: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """Yield one A1 condition frame per entry of landmarks (T, 478, 2+) given in frame px.

    size: (width, height). background: optional (height, width, 3) image to draw over (for inspection);
    black otherwise, as the model expects.
    """
    for points in landmarks:
        canvas = np.zeros((size[1], size[0], 3), np.uint8) if background is None else background.copy()
        yield draw_a1(canvas, points)


def a1_condition_frames(points: np.ndarray, size: tuple[int, int],
                        background: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """The A1 condition video from (T+1, 478, 2+) frame-px landmarks: frame 0 (the reference's own) drawn as
    the release draws it in its face box (`draw_a1_reference`), then `condition_frames` for the rest.

    size: (width, height). background: optional (height, width, 3) image to draw over (for inspection).
    """
    first = draw_a1_reference(size, release_face_box(size, points[0]), points[0])
    if background is not None:
        first = np.where(first.any(axis=-1, keepdims=True), first, background)
    yield first
    yield from condition_frames(points[1:], size, background)
