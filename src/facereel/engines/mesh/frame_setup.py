"""Mesh animators for the consecutive frames of one video (video-to-video): each source frame gets its own
engine (its pixels and landmarks), a key frame's chosen as a still portrait's is (`choose_engine.mesh_animator`: a
small face drawn upscaled, a neck or hair the frame cuts off extended, a rolled face turned upright), but while the face
stays (nearly) where it stood in a key frame, the key's kind, working copy, crop box, head mask and plate fill are
reused (`choose_engine.reused_engine`, `MeshAnimator(..., like=key)`): the head mask (segmentation + head zone) and the
plate's hole filling are most of an animator's setup.

A frame becomes the next key when its stable landmarks (forehead, nose bridge, eye corners, cheekbones:
the rigid head, not the lips or lids the source's own talking moves) have moved more than `REUSE_MOVE`
face sizes from the key's, when its jaw hangs more than `JAW_DROP` below the key's (a mouth opened
wider than the key's), or `REUSE_FRAMES` frames after the key (so slow drift and lighting changes
are picked up). Rendered frames then differ from a full setup only near the head's outline (a mask up to
`REUSE_MOVE` face sizes off) and inside the plate's hole (the key's fill); pixels far from the face are the
source's, bit for bit, either way (docs/benchmarks.md "Video-to-video setup" has the measured difference).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.choose_engine import mesh_animator, reused_engine
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.eye.carried_eyeball import OpenEyes
from facereel.engines.mesh.neck_layer.jaw_line import JAW
from facereel.engines.mesh.working_copy import WorkingCopy
from facereel.face import landmark_ids as ids

REUSE_MOVE = 0.03
"""Largest move of a stable landmark since the key frame, in face sizes (the face outline's extent), for
which the key's setup is reused (6 px for a 200 px face; within the plate's hole margin, `MeshOptions.plate_grow`)."""
JAW_DROP = (0.01, 2.0)
"""(Face sizes, px): the jaw outline may hang below the key frame's by the larger of the two for the key's setup to be
reused: within the head alpha's soft lower edge (0.94 to 0 over ~4 px at sr_1's 240 px face), and past a tracker's
jitter (~1 px; a small face's 0.01 face sizes are less). Below the key's head alpha the frame's own chin lies in the
plate (outside the head layer the plate is the frame's pixels), and the neck laid under a raised jaw carried it up as
a second chin edge: sr_1 as the clip, its jaw 5.5 px below its key's (frames 35-37 of 30-70), a dark line with the
paler neck below it under the moved chin (`figures/chin_rise`)."""
REUSE_FRAMES = 12
"""A key frame's setup serves at most this many frames after it."""
Setup = TypeVar("Setup")


class KeyFrames(Generic[Setup]):
    """The key-frame bookkeeping of a video's per-frame setups (`VideoFrameAnimators`, `group.VideoFaceGroups`):
    a frame reuses the latest key's setup while it is like the key and at most `reuse_frames` frames after it;
    `reuse_move` None: every frame its own full setup. Call `lost()` on a frame without the face, or when the
    set of faces in the frame changes: the next frame is a key.

    Attributes:
        keys: how many frames were given a full setup so far; `frames`: how many setups were made.
    """

    def __init__(self, reuse_move: float | None, reuse_frames: int) -> None:
        self.reuse_move = reuse_move
        self.reuse_frames = reuse_frames
        self._key: Setup | None = None
        self._age = 0
        self.keys = 0
        self.frames = 0

    def _next(self, like_key: Callable[[Setup], bool], reuse: Callable[[Setup], Setup],
              fresh: Callable[[], Setup]) -> Setup:
        """`reuse(key)` where the frame is `like_key(key)` within the reuse limits, else `fresh()` as the new key."""
        self.frames += 1
        key = self._key
        if key is not None and self.reuse_move is not None and self._age + 1 <= self.reuse_frames and like_key(key):
            self._age += 1
            return reuse(key)
        self._key = fresh()
        self._age = 0
        self.keys += 1
        return self._key

    def lost(self) -> None:
        """This frame shows no face, or other faces: the next frame with one is a key frame."""
        self._key = None


class VideoFrameAnimators(KeyFrames[MeshAnimator | WorkingCopy]):
    """`animators(frame, landmarks)` -> the engine of that frame (`choose_engine.mesh_animator`'s on a key frame),
    made with the latest key frame's setup where the face barely moved (`barely_moved`; the key-frame rule:
    `KeyFrames`). Call `lost()` on a frame without the face (the next face starts a key; with several faces, also
    when the set of faces in the frame changes, as their regions do). `reuse_move` None: every frame its own full setup (no reuse).
    """

    def __init__(self, options: MeshOptions | None = None, reuse_move: float | None = REUSE_MOVE,
                 reuse_frames: int = REUSE_FRAMES) -> None:
        super().__init__(reuse_move, reuse_frames)
        self.options = options
        self._open_eyes = OpenEyes()

    def __call__(self, frame: np.ndarray, landmarks: np.ndarray, region: np.ndarray | None = None,
                 under: np.ndarray | None = None, carried: np.ndarray | None = None) -> MeshAnimator | WorkingCopy:
        """frame: (H, W, 3) uint8 RGB; landmarks: (478, 3) float32 image px of its face; region, under, carried: as
        for `MeshAnimator` (several faces; a reused setup keeps its key frame's)."""
        engine = self._next(lambda key: barely_moved(landmarks, key.source_landmarks, self.reuse_move),
                            lambda key: reused_engine(key, frame, landmarks),
                            lambda: mesh_animator(frame, landmarks, self.options, region=region, under=under,
                                                  carried=carried))
        self._open_eyes.carry((engine.inner if isinstance(engine, WorkingCopy) else engine).eyes)
        return engine

    def lost(self) -> None:
        """As `KeyFrames.lost`; the clip's open eyes forgotten too (`carried_eyeball.OpenEyes`)."""
        super().lost()
        self._open_eyes.reset()


def barely_moved(landmarks: np.ndarray, key: np.ndarray, reuse_move: float = REUSE_MOVE) -> bool:
    """Whether the stable landmarks of a face ((478, 3) image px) moved at most `reuse_move` face sizes from
    where they were in a key frame (`key`, (478, 3)) and its jaw outline (`jaw_line.JAW`) hangs at most `JAW_DROP` (the
    larger of its face sizes and px) lower than there."""
    stable, jaw = list(ids.STABLE), list(JAW)
    moved = np.linalg.norm(landmarks[stable, :2] - key[stable, :2], axis=1).max()
    dropped = float((landmarks[jaw, 1] - key[jaw, 1]).max())
    size = face_size(key)
    return bool(moved <= reuse_move * size and dropped <= max(JAW_DROP[0] * size, JAW_DROP[1]))
