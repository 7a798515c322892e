"""Video-to-video: a chin drawn up on a frame that reuses a key frame's setup leaves no edge of the clip's own chin
under it. sr_1's frames 64 (the key) and 66, the clip's frames 34 and 36 in docs/status.md's fresh sweep (h28-fresh2)
find (4) (`animate -s sr_1 30-70 -d lp_d19 20-32 --loop-driver`), read by `figures/chin_rise.py`."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest
from v2v_clips import raised_jaw

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.chin_rise import chin_rise
from facereel.face import landmark_ids as ids

KEY, FRAME = 64, 69  # sr_1's: the frame's jaw hangs ~6 px below the key's, its stable points within REUSE_MOVE


@pytest.fixture(scope="module")
def reused(shared_data: Path):
    """(sr_1's frame `FRAME`'s (478, 3) px landmarks, its `MeshAnimator` made after the key `KEY`'s by
    `VideoFrameAnimators`)."""
    from facereel.engines.mesh.frame_setup import VideoFrameAnimators
    from facereel.face.tracking import track_image
    from facereel.media.video import open_video

    with open_video(shared_data / "driving" / "sr_1.mp4") as video:
        key, *_, frame = islice(video.frames(), KEY, FRAME + 1)
    animators = VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    animators(key, track_image(key).landmarks[0].astype(np.float32))
    landmarks = track_image(frame).landmarks[0].astype(np.float32)
    return landmarks, animators(frame, landmarks)


@pytest.mark.parametrize("raise_px", [0.0, 16.0])
def test_a_raised_chin_leaves_no_edge_of_the_clips_chin_under_it(reused, raise_px):
    """With the jaw drawn up 16 px (as on the loop case's frame 36: the clip's open mouth closed to its reference's),
    the neck under the chin falls away from it as the clip's own does: no grey level rises going down under the drawn
    chin (`chin_rise`; 0 px raised, the source repeated: 2 before, 0 now). The frame reused key 64's setup, whose head
    alpha ended ~6 px above this frame's chin: the frame's chin below it lay in the plate and the neck laid under the
    raised jaw carried it up, a pale second chin with a dark edge under the moved one (before: 20 grey levels at
    16 px; now 3). Now a jaw hanging more than `JAW_DROP` below the key's starts a key."""
    landmarks, animator = reused
    target = raised_jaw(landmarks, raise_px)
    made = animator.render(target)
    (x0, y0), (h, w) = animator.origin.astype(int), animator.drawn_alpha().shape
    rise = chin_rise(made[y0:y0 + h, x0:x0 + w], animator.drawn_alpha(), target[ids.CHIN, :2] - animator.origin,
                     face_size(landmarks))
    assert rise < 10, rise
