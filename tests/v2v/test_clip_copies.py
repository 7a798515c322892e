"""A video source's face takes the working copies a still portrait's face takes (issue #12 parts 1-2): each key frame's
engine is `choose_engine.mesh_animator`'s (`frame_setup.VideoFrameAnimators`), so a small face in a clip is drawn
upscaled (`small_face.UpscaledFace`), a clip whose frame cuts the neck is drawn extended past the cut
(`cut_neck.Extended`) and a rolled one upright (`rolled_face.Upright`), and the frames reusing a key's setup get the same copy with the key's crop box, head mask and
plate fill (`choose_engine.reused_engine`). Read by `figures.clip_alone` against the same clip animated as large
(`tests/small_clip.py`)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from small_clip import animated, frames_of, on_large, small_clip

from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.cut_neck import Extended
from facereel.engines.mesh.figures.clip_alone import clip_gaps
from facereel.engines.mesh.figures.rolled_neck import turned
from facereel.engines.mesh.frame_setup import VideoFrameAnimators
from facereel.engines.mesh.rolled_face import Upright
from facereel.engines.mesh.small_face import UpscaledFace
from facereel.face.tracking import track_frames

FRAMES = 12


@pytest.mark.slow
def test_a_small_face_in_a_clip_is_drawn_as_large(shared_data):
    """lp_d19 frames 0-11 at 96 px on a 320 x 240 canvas (a 57 px face), lp_d12 `--regions lips`: drawn at its own
    size its mouth was a blocky stepped cavity, `clip_gaps` (grey levels from the same clip animated 5x as large,
    scaled back) up to 2.8 on main (frames 6-10: 2.2-2.8; over 36 frames the clip repeated reads 2.0-8.5, the motion's
    own change); now upscaled as the large clip, up to 1.6 (looked at 4x and 8x, clip | main | now | large). Pixels
    past the engine's box stay the clip's bit for bit."""
    small = small_clip(shared_data, "lp_d19.mp4", 0, FRAMES, 96, 5, (320, 240), (176, 60), "lips")
    setups = VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    engines = [setups(frame, mesh) for frame, mesh in zip(small.clip, small.meshes)]
    frames = [engine.render(target) for engine, target in zip(engines, small.targets)]
    large = animated(small.large, on_large(small.meshes, small), on_large(small.targets, small))
    gaps = clip_gaps(frames, large, small.clip, list(small.meshes), 5, small.at)
    assert max(gaps) < 2.0, gaps
    for engine, frame, clip in zip(engines, frames, small.clip):
        assert np.array_equal(far(frame, engine.box), far(clip, engine.box))


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
    """sr_1 frames 0-3 cut below the chin (rows 0-299 of 512): each key frame is drawn extended below the frame's
    bottom (`Extended`, as a still portrait cut there), the frames reusing it on the same extended copy with its head
    mask (one mask a key); each frame cut back to the clip's rows, past the engine's box the clip's own pixels."""
    clip = [np.ascontiguousarray(frame[:300]) for frame in frames_of(shared_data / "driving" / "sr_1.mp4", 0, 4)]
    meshes = track_frames(clip, 24.0).landmarks
    setups = VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    engines = [setups(frame, mesh) for frame, mesh in zip(clip, meshes)]
    assert all(isinstance(engine, Extended) and engine.rows > 0 for engine in engines)
    assert len({id(engine.mask) for engine in engines}) == setups.keys < len(engines)
    raised = meshes[3].copy()
    raised[:, 1] -= 4.0
    frame = engines[3].render(raised)
    assert frame.shape == clip[3].shape
    assert np.array_equal(far(frame, engines[3].box), far(clip[3], engines[3].box))


def test_a_rolled_clip_is_drawn_upright(shared_data):
    """sr_1 frames 0-3 at 320 px rolled 30 deg (its corners grey), each shown twice (its jaw moves past `JAW_DROP`
    from one frame to the next): each key frame is drawn on the frame turned upright (`Upright`, as a rolled still
    portrait), the frames reusing it turned by the key's turn with its head mask."""
    clip = [turned(frame, 30.0, (118, 118, 118)) for frame in small_frames(shared_data, 320) for _ in range(2)]
    meshes = track_frames(clip, 24.0).landmarks
    setups = VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    engines = [setups(frame, mesh) for frame, mesh in zip(clip, meshes)]
    assert all(isinstance(engine, Upright) for engine in engines)
    assert len({id(engine.mask) for engine in engines}) == setups.keys < len(engines)
    frame = engines[-1].render(meshes[-1] + np.float32([3.0, -2.0, 0.0]))
    assert np.array_equal(far(frame, engines[-1].box), far(clip[-1], engines[-1].box))


def small_frames(data, size: int) -> list[np.ndarray]:
    """sr_1's frames 0-3 scaled to `size` px (an area mean)."""
    return [cv2.resize(frame, (size, size), interpolation=cv2.INTER_AREA)
            for frame in frames_of(data / "driving" / "sr_1.mp4", 0, 4)]


def far(image: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """(n, 3) uint8: the pixels of the (H, W, 3) `image` outside `box` (x0, y0, x1, y1) px."""
    outside = np.ones(image.shape[:2], bool)
    outside[box[1]:box[3], box[0]:box[2]] = False
    return image[outside]
