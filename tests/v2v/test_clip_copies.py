"""A video source's face takes the working copies a still portrait's face takes (issue #12 parts 1-2): each key frame's
engine is `choose_engine.mesh_animator`'s (`frame_setup.VideoFrameAnimators`), so a small face in a clip is drawn
upscaled (`small_face.UpscaledFace`) and a clip whose frame cuts the neck is drawn extended past the cut
(`cut_neck.Extended`), and the frames reusing a key's setup get the same copy with the key's crop box, head mask and
plate fill (`choose_engine.reused_engine`). Read by `figures.clip_alone` against the same clip animated as large
(`tests/small_clip.py`)."""

from __future__ import annotations

import numpy as np
from small_clip import animated, frames_of, on_large, small_clip

from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.cut_neck import Extended
from facereel.engines.mesh.figures.clip_alone import clip_gaps
from facereel.engines.mesh.figures.group_alone import face_box
from facereel.engines.mesh.frame_setup import VideoFrameAnimators
from facereel.engines.mesh.small_face import UpscaledFace
from facereel.face.tracking import track_frames

FRAMES = 12


def test_a_small_face_in_a_clip_is_drawn_as_large(shared_data):
    """lp_d19 frames 0-11 at 96 px on a 320 x 240 canvas (a 57 px face), lp_d12 `--regions pose`: drawn at its own
    size its mouth and eyes were blurred and its outline stepped, `clip_gaps` (grey levels from the same clip animated
    5x as large, scaled back) up to GAP_MAIN on main (the clip repeated: up to GAP_STILL, the motion's own change);
    now upscaled like the large clip (looked at 4x, clip | main | now | large). Pixels past the face's box stay the
    clip's bit for bit, and the frames after a key reuse its copy and setup."""
    small = small_clip(shared_data, "lp_d19.mp4", 0, FRAMES, 96, 5, (320, 240), (176, 60), "pose")
    setups = VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    frames = animated(small.clip, small.meshes, small.targets, setups)
    large = animated(small.large, on_large(small.meshes, small), on_large(small.targets, small))
    gaps = clip_gaps(frames, large, small.clip, list(small.meshes), 5, small.at)
    assert max(gaps) < 1.5, gaps
    for frame, clip, mesh in zip(frames, small.clip, small.meshes):
        x0, y0, x1, y1 = face_box(mesh, clip.shape)
        far = np.ones(clip.shape[:2], bool)
        far[y0:y1, x0:x1] = False
        assert np.array_equal(frame[far], clip[far])
    assert setups.keys < FRAMES


def test_frames_after_a_key_reuse_its_working_copy(shared_data):
    """Each engine of the small clip is an `UpscaledFace`; one reusing a key's setup has the key's box, scale and head
    mask (the same object: not found again) and the same mouth softness."""
    small = small_clip(shared_data, "lp_d19.mp4", 0, 4, 96, 5, (320, 240), (176, 60), "lips")
    setups = VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    key, *after = (setups(frame, mesh) for frame, mesh in zip(small.clip, small.meshes))
    assert setups.keys == 1 and isinstance(key, UpscaledFace)
    for engine in after:
        assert isinstance(engine, UpscaledFace)
        assert (engine.box, engine.scale, engine.soft) == (key.box, key.scale, key.soft)
        assert engine.mask is key.mask


def test_a_clip_cut_at_the_chin_is_extended(shared_data):
    """sr_1 frames 0-3 cut below the chin (rows 0-299 of 512): the key frame is drawn extended below the frame's bottom
    (`Extended`, as a still portrait cut there), the next frames on the same extended copy with its masks; each frame
    cut back to the clip's rows, what nothing moved the clip's own pixels."""
    clip = [np.ascontiguousarray(frame[:300]) for frame in frames_of(shared_data / "driving" / "sr_1.mp4", 0, 4)]
    meshes = track_frames(clip, 24.0).landmarks
    setups = VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    engines = [setups(frame, mesh) for frame, mesh in zip(clip, meshes)]
    assert setups.keys == 1 and all(isinstance(engine, Extended) for engine in engines)
    assert all(engine.rows == engines[0].rows > 0 and engine.mask is engines[0].mask for engine in engines[1:])
    raised = meshes[3].copy()
    raised[:, 1] -= 4.0
    frame = engines[3].render(raised)
    assert frame.shape == clip[3].shape
    assert np.array_equal(frame[:, :100], clip[3][:, :100])
