"""The pale wedge in a video-to-video clip's still jaw (issue #12 item 1), read on a clip frame and its output.

lp_d18 as the clip, `-d lp_d12 --regions eyes`: on frames 197-206 a pale grey wedge opened inside the left cheek
by the jaw, the background's fill showing through. A frame reusing a key frame's setup (`frame_setup`) moved the
key's neck from the key's jaw to its own (up to 19 px apart 12 frames on), dragging the plate's neck with a jaw
held still, and its cheek reaching past the key's head alpha was bounded to that alpha's reach over the key's
background fill (`layers.outline_rim`). With `--regions eyes` nothing below the eyes moves, so the output there
should be the clip's own pixels:

- `still_jaw`: the largest departure (grey levels, any channel) of the output from the clip's frame over the
  lower face's box (`lower_face`); the source repeated (the clip itself) reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.face import landmark_ids as ids

GROW = 0.1
"""Face sizes the lower face's box reaches past the face outline (the jaw's margin, the neck's top)."""


def lower_face(landmarks: np.ndarray, shape: tuple[int, ...]) -> tuple[slice, slice]:
    """(rows, columns) of a frame of `shape` ((H, W, ...)): the box of the face outline's points below the nose's tip
    (`PRONASALE`) of (478, 3) px `landmarks`, grown by `GROW` face sizes and kept in the frame."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    low = oval[oval[:, 1] > landmarks[ids.PRONASALE, 1]]
    grow = GROW * face_size(landmarks)
    (x0, y0), (x1, y1) = np.floor(low.min(0) - grow).astype(int), np.ceil(low.max(0) + grow).astype(int)
    return slice(max(int(y0), 0), min(int(y1), shape[0])), slice(max(int(x0), 0), min(int(x1), shape[1]))


def still_jaw(frame: np.ndarray, made: np.ndarray, landmarks: np.ndarray) -> int:
    """Grey levels: the largest departure of `made` from `frame` (each (H, W, 3) uint8 RGB) over the lower face's
    box of `frame`'s (478, 3) px `landmarks` (`lower_face`)."""
    box = lower_face(landmarks, frame.shape)
    return int(np.abs(made[box].astype(np.int16) - frame[box].astype(np.int16)).max())
