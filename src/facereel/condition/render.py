"""Draw landmarks in the SkyReels-A1 style: the condition video the A1 model consumes."""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np

from facereel.condition.a1_style import LINE_THICKNESS, PARTS, SQUARES


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


def condition_frames(landmarks: np.ndarray, size: tuple[int, int],
                     background: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """Yield one A1 condition frame per entry of landmarks (T, 478, 2+) given in frame px.

    size: (width, height). background: optional (height, width, 3) image to draw over (for inspection);
    black otherwise, as the model expects.
    """
    for points in landmarks:
        canvas = np.zeros((size[1], size[0], 3), np.uint8) if background is None else background.copy()
        yield draw_a1(canvas, points)
