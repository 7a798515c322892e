"""Group gap: how far a face of a group photo is drawn from the same face animated alone (issue #12 part 2).

A group photo's faces were drawn by `MeshAnimator`s the group made itself, not by the engine a face alone gets
(`choose_engine.mesh_animator`): a small face (lp_s12 at 0.4 of lp_s1's width beside her, a 57 px face) was not drawn
upscaled (`small_face.UpscaledFace`), so its turn showed the blocky pale bands and the smeared jaw that a small face
drawn at its own size shows, and a face whose hair the frame's side cuts was not extended past the cut
(`cut_neck.Extended`). `alone_gap` is `upscaled_gap` with the face animated alone on the same picture as the yardstick
(at rest it gives the source back bit for bit), read on the face's box only (`face_box`: the other faces' moves
left out): 0 when the group draws the face as it is drawn alone; the source repeated reads the motion's own change.
It reads the neck's rules too: lp_s12 beside lp_s1 x lp_d3 274-303, the group's face took no neck tone over his white
collar and showed the wall's grey under his raised jaw (0.9-1.2 grey levels; alone-like 0.1).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.upscaled_gap import upscaled_gap

MARGIN = 0.2
"""Face sizes the face's box reaches past its landmarks."""


def face_box(landmarks: np.ndarray, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) px: the bounds of (478, 3) px `landmarks` grown by `MARGIN` face sizes, within an image of
    `shape` (H, W, ...)."""
    grow = MARGIN * face_size(landmarks)
    (x0, y0), (x1, y1) = landmarks[:, :2].min(0) - grow, landmarks[:, :2].max(0) + grow
    return max(int(x0), 0), max(int(y0), 0), min(int(np.ceil(x1)), shape[1]), min(int(np.ceil(y1)), shape[0])


def alone_gap(frame: np.ndarray, alone: np.ndarray, source: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Grey levels: the mean |grey(frame) - grey(alone)| over the pixels of `box` (x0, y0, x1, y1) either moved
    (`upscaled_gap`); frame: the group's, alone: the face animated alone, source: the group photo (all (H, W, 3)
    uint8 RGB)."""
    x0, y0, x1, y1 = box
    window = (slice(y0, y1), slice(x0, x1))
    return upscaled_gap(frame[window], source[window], alone[window], source[window])


def alone_gaps(frames: list[np.ndarray], alone: list[np.ndarray], source: np.ndarray, landmarks: np.ndarray
               ) -> list[float]:
    """`alone_gap` of each of `frames` against the same frame of `alone`, on the `face_box` of the face's (478, 3) px
    `landmarks` in `source`."""
    box = face_box(landmarks, source.shape)
    return [alone_gap(frame, reference, source, box) for frame, reference in zip(frames, alone)]
