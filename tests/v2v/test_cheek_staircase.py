"""A video source's cheek drawn over its hair by the driver's turn: lp_d11's frames 0-39 as the clip, lp_d19's 190-230
the driver (the clip's own 512 px, the pose region on, as `facereel animate -s clip -d driver`), read on clip frame 8
by `figures/unseamed_jumps.py` (h38-fresh's find (6), h39-stair: traced; h40-stair: mended by
`map_kernels.uncovered_jumps`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from v2v_clips import decoded, lossless_clip

from facereel.engines.mesh.figures.unseamed_jumps import unseamed_hard_pairs

COUNT = 40  # the clip's frames: its reference (most neutral) frame and so frame 8's target depend on all of them
FPS = 25.0  # lp_d11's
FRAME = 8
CHEEK = (130, 245, 165, 345)  # image px (x0, y0, x1, y1): the image-left cheek's outline over the dark hair


@pytest.fixture(scope="module")
def cheek_frame(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, int]:
    """(clip frame `FRAME`, the unseamed hard pairs in `CHEEK` of its render as a key frame)."""
    from facereel.animate.faces import driver_frame_index
    from facereel.animate.video_source import frames_at
    from facereel.engines.mesh import MeshOptions
    from facereel.engines.mesh.choose_engine import mesh_animator
    from facereel.face.tracking import track_frames
    from facereel.motion.extract import extract_motion
    from facereel.motion.retarget_options import RetargetOptions
    from facereel.motion.steady_source import steady_source
    from facereel.motion.video_retarget import retarget_video

    folder = tmp_path_factory.mktemp("cheek_staircase")
    clip = decoded(lossless_clip(folder / "clip.avi", shared_data / "driving" / "lp_d11.mp4", 0, COUNT))
    # lp_d19 (30 fps) read at the clip's 25 fps, as `animate` reads a driver: 34 frames
    driver = list(frames_at(lossless_clip(folder / "driver.avi", shared_data / "driving" / "lp_d19.mp4", 190, COUNT),
                            FPS, None))
    track, driver_track = track_frames(clip, FPS), track_frames(driver, FPS)
    targets = retarget_video(track, extract_motion(driver_track), RetargetOptions(),
                             driver_frame_index(len(driver), len(driver), False))
    meshes, targets = steady_source(track, targets)
    animator = mesh_animator(clip[FRAME], meshes[FRAME], MeshOptions(mouth_interior="synthetic"))
    inner = animator.inner  # lp_d11's neck is cut by the frame: the engine runs on an extended copy
    frame = animator.map_frame(targets[FRAME])
    drawn = inner.draw(frame)
    x0, y0, x1, y1 = CHEEK
    box = (x0 + animator.left, y0, x1 + animator.left, y1)
    return clip[FRAME], unseamed_hard_pairs(drawn, inner.warp.full_size(frame.coarse, frame.seam), frame.seam,
                                            inner.box[:2], box)


def test_the_cheek_over_the_hair_steps_softly(cheek_frame):
    """The driver's turn folds the cheek's outline band (the stretch limit) and draws the cheek over its hair: a jump
    of the map. Its pairs of pixels off the seam are drawn without coverage: in the cheek's box 10 step hard in one
    pixel (a vertical 1-px cut, x 152, y 335-345, and a notch at x 145, y 283) where the cells past the jump cells
    have four corners the conservative rasteriser gave the front triangle while their pixels lie on the one behind:
    engine before the mend 10, after (those cells found by `map_kernels.uncovered_jumps`) 0; with the seam's sliver
    guard left off (`agreeing_pixels` keeping every pixel) 0, the exact map (`map_cells_per_face` 400) 0, the source
    repeated 0 (no map). On h38-fresh's cut (libx264 crf 12) 5 / 1 / 0."""
    _, hard = cheek_frame
    assert hard <= 1, hard
