"""Video-to-video's per-frame set-up (issue #12, speed): a video source makes an animator every frame
(`engines.mesh.frame_setup`), so what each set-up makes once is paid every frame. On real frames of lp_d18 (the talking
clip, 224 px) driven by preset:turn's frames, some turned past `rim_shadow.TURN`: the mediapipe hand landmarker is made
once, not per frame (`held_hand._landmarkers`); the shadow weights (`rim_shadow`), the unfolded band's fill sources and
skin edge (`fill_sources`, `SkinEdge`) and the pendants' hold masks are read only on the frames that read them; and the
frames equal, bit for bit, those of animators that make all of them in their set-up (the engine before)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from v2v_clips import decoded

from facereel.engines.mesh import MeshAnimator, held_hand
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.frame_setup import VideoFrameAnimators
from facereel.face.mp_runtime import mediapipe
from facereel.face.tracking import track_frames
from facereel.motion.presets import preset_motion
from facereel.motion.resample import resample
from facereel.motion.retarget import RetargetOptions
from facereel.motion.video_retarget import retarget_video

DRIVEN = (0, 10, 20, 30, 34, 38, 42, 46)
"""preset:turn's frames (30 fps, 2 s) driving the clip's first 8: frontal, then turned past `rim_shadow.TURN` (30-46)."""


@pytest.fixture(scope="module")
def clip(talking_clip: Path) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """(frames, their landmarks (n, 478, 3), their targets (n, 478, 3)): the talking clip's first frames, each on
    its `DRIVEN` frame of preset:turn."""
    frames = decoded(talking_clip)[:len(DRIVEN)]
    track = track_frames(frames, 30.0)
    assert track.valid.all()
    targets = retarget_video(track, resample(preset_motion("turn", 2.0), 30.0), RetargetOptions(), np.array(DRIVEN))
    return frames, track.landmarks, targets


def _rendered(clip: tuple[list[np.ndarray], np.ndarray, np.ndarray]) -> list[np.ndarray]:
    frames, landmarks, targets = clip
    animators = VideoFrameAnimators()
    out = [animators(frame, lm).render(target) for frame, lm, target in zip(frames, landmarks, targets)]
    assert animators.keys < animators.frames  # some frames reuse a key's set-up
    return out


def test_the_hand_landmarker_is_made_once(clip, monkeypatch):
    """One mediapipe hand landmarker for every frame's hand search (the engine before: one per frame, ~45 CPU ms each
    at 384 px, three times its run)."""
    hands = mediapipe().solutions.hands
    made = []

    class Counted(hands.Hands):
        def __init__(self, *args, **kwargs):
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(hands, "Hands", Counted)
    monkeypatch.setattr(held_hand, "_landmarkers", threading.local(), raising=False)  # this test's thread: none yet
    _rendered(clip)
    assert len(made) == 1, len(made)


@pytest.mark.slow
def test_reads_are_made_on_the_frames_that_read_them(clip, monkeypatch):
    """Each read of the photo made on first need is made on fewer frames than animators are made (here: the frames
    turned past `rim_shadow.TURN` read the shadow weights; no frame shows a folded band nor has a pendant), and the
    frames equal those of animators that make every one in their set-up, bit for bit."""
    calls: dict[str, int] = {}

    def counted(name, function):
        def call(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            return function(*args, **kwargs)
        monkeypatch.setattr(animator_module, name, call)

    for name in ("rim_shadow", "fill_sources", "SkinEdge"):
        counted(name, getattr(animator_module, name))
    lazy = _rendered(clip)
    made, names = len(DRIVEN), ("rim_shadow", "fill_sources", "SkinEdge")
    read = {name: calls.get(name, 0) for name in names}
    assert 0 < read["rim_shadow"] < made and read["fill_sources"] < made and read["SkinEdge"] < made, read

    init = MeshAnimator.__init__

    def eager(self, *args, **kwargs):  # every read made in the set-up, as the engine before made them
        init(self, *args, **kwargs)
        made = [getattr(self, name) for name in ("_rim_shadow", "_face_fill", "_skin_edge")]
        if self._pendants is not None:
            made += [self._pendants.off_face, self._pendants.inside]

    with monkeypatch.context() as patch:
        patch.setattr(MeshAnimator, "__init__", eager)
        whole = _rendered(clip)
    assert all(calls[name] - read[name] == made for name in names), calls  # the reference made each every frame
    for i, (a, b) in enumerate(zip(lazy, whole)):
        assert a.tobytes() == b.tobytes(), i
