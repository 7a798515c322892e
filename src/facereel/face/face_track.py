"""`FaceTrack`: the 478-point landmarks of one face through a video (or one image)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FaceTrack:
    """One face's landmarks in every frame; exactly one entry per input frame.

    Coordinates follow docs/conventions.md: image pixels of the full frame, x right, y down,
    z = mediapipe depth scaled to pixels (x-scale), larger z = farther from the camera.

    Attributes:
        landmarks: (T, 478, 3) float32. Frames where the face was lost are filled (interpolated
            between valid neighbours, held at the ends) and flagged in `valid`.
        valid: (T,) bool, True where the face was actually detected in that frame.
        confidence: (T,) float32 in [0, 1]: how well the frame's landmarks fit a rigid head
            (1 = perfect fit); 0 where the face was lost.
        fps: frames per second of the source video (0.0 for a single image).
        frame_size: (width, height) of the frames in pixels.
        turn: the cv2 turn the frames were given before tracking (a video on its side,
            `turned_video.upright_frames`): landmarks and frame_size are the turned frames'; None: as decoded.
    """

    landmarks: np.ndarray
    valid: np.ndarray
    confidence: np.ndarray
    fps: float
    frame_size: tuple[int, int]
    turn: int | None = None

    def __len__(self) -> int:
        return int(self.landmarks.shape[0])
