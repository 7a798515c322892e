"""Mesh animators for the consecutive frames of one video (video-to-video): each source frame gets its own
`MeshAnimator` (its pixels and landmarks), but while the face stays (nearly) where it stood in a key frame,
the key frame's crop box, head mask and plate fill are reused (`MeshAnimator(..., like=key)`): the head
mask (segmentation + head zone) and the plate's hole filling are most of an animator's setup.

A frame becomes the next key when its stable landmarks (forehead, nose bridge, eye corners, cheekbones:
the rigid head, not the lips or lids the source's own talking moves) have moved more than `REUSE_MOVE`
face sizes from the key's, or `REUSE_FRAMES` frames after the key (so slow drift and lighting changes
are picked up). Rendered frames then differ from a full setup only near the head's outline (a mask up to
`REUSE_MOVE` face sizes off) and inside the plate's hole (the key's fill); pixels far from the face are the
source's, bit for bit, either way (docs/benchmarks.md "Video-to-video setup" has the measured difference).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.face import landmark_ids as ids

REUSE_MOVE = 0.03
"""Largest move of a stable landmark since the key frame, in face sizes (the face outline's extent), for
which the key's setup is reused (6 px for a 200 px face; within the plate's hole margin, `MeshOptions.plate_grow`)."""
REUSE_FRAMES = 12
"""A key frame's setup serves at most this many frames after it."""


class VideoFrameAnimators:
    """`animators(frame, landmarks)` -> the `MeshAnimator` of that frame, made with the latest key frame's
    setup where the face barely moved. Call `lost()` on a frame without the face (the next face starts a
    key; with several faces, also when the set of faces in the frame changes, as their regions do).
    `reuse_move` None: every frame its own full setup (no reuse).

    Attributes:
        keys: how many frames were given a full setup so far; `frames`: how many animators were made.
    """

    def __init__(self, options: MeshOptions | None = None, reuse_move: float | None = REUSE_MOVE,
                 reuse_frames: int = REUSE_FRAMES) -> None:
        self.options = options
        self.reuse_move = reuse_move
        self.reuse_frames = reuse_frames
        self._key: MeshAnimator | None = None
        self._age = 0
        self.keys = 0
        self.frames = 0

    def __call__(self, frame: np.ndarray, landmarks: np.ndarray, region: np.ndarray | None = None,
                 under: np.ndarray | None = None, carried: np.ndarray | None = None) -> MeshAnimator:
        """frame: (H, W, 3) uint8 RGB; landmarks: (478, 3) float32 image px of its face; region, under, carried: as
        for `MeshAnimator` (several faces; a reused setup keeps its key frame's)."""
        self.frames += 1
        if self._reusable(landmarks):
            self._age += 1
            return MeshAnimator(frame, landmarks, self.options, like=self._key)
        self._key = MeshAnimator(frame, landmarks, self.options, region=region, under=under, carried=carried)
        self._age = 0
        self.keys += 1
        return self._key

    def lost(self) -> None:
        """This frame shows no face: the next frame with one is a key frame."""
        self._key = None

    def _reusable(self, landmarks: np.ndarray) -> bool:
        if self._key is None or self.reuse_move is None or self._age + 1 > self.reuse_frames:
            return False
        return barely_moved(landmarks, self._key.source_landmarks, self.reuse_move)


def barely_moved(landmarks: np.ndarray, key: np.ndarray, reuse_move: float = REUSE_MOVE) -> bool:
    """Whether the stable landmarks of a face ((478, 3) image px) moved at most `reuse_move` face sizes from
    where they were in a key frame (`key`, (478, 3))."""
    stable = list(ids.STABLE)
    moved = np.linalg.norm(landmarks[stable, :2] - key[stable, :2], axis=1).max()
    return bool(moved <= reuse_move * face_size(key))
