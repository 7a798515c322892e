"""One dark line under a lowered lid, not two (issue #12 item 1, `figures/doubled_lid.py`): lp_d19 frames 20-60 as the
clip, sr_1 frames 30-70 the driver, `--regions eyes`."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.video_source import driver_frame_index, frames_at
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.eye.eyes import EyeRenderer
from facereel.engines.mesh.figures.doubled_lid import doubled_lid
from facereel.face.tracking import track_frames
from facereel.motion.extract import extract_motion
from facereel.motion.retarget_options import RetargetOptions
from facereel.motion.steady_source import steady_source
from facereel.motion.video_retarget import retarget_video

COUNT, FRAME = 40, 17  # the clip's frames 5-20 lower the image-left eye; main's line is darkest on frame 17


def test_a_lowered_lid_casts_no_second_black_line(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The image-left eye on frame 17: the edge shadow under the carried lashes darkened the eyeball towards black, a
    second hard line (pixels more than 25 levels darker than the lid drawn alone: 27 on main, 0-27 over frames 5-20;
    the source repeated draws no lowered lid, none); towards the clip's own lash colour it is a soft shade under the
    one dark edge: 3 (0-6 over frames 5-20)."""
    clip = list(islice(frames_at(shared_data / "driving" / "lp_d19.mp4", 30.0, None), 20, 20 + COUNT))
    driver = list(islice(frames_at(shared_data / "driving" / "sr_1.mp4", 30.0, None), 30, 30 + COUNT))
    track = track_frames(clip, 30.0)
    targets = retarget_video(track, extract_motion(track_frames(driver, 30.0)),
                             RetargetOptions(regions=frozenset({"eyes"})), driver_frame_index(COUNT, COUNT, False))
    meshes, targets = steady_source(track, targets)
    animator = MeshAnimator(clip[FRAME], meshes[FRAME], mesh_options(AnimateOptions()))
    drawn = animator.render(targets[FRAME])
    for stage in ("_edge_shadow", "_lash_line"):
        monkeypatch.setattr(EyeRenderer, stage, lambda *args: None)
    alone = animator.render(targets[FRAME])
    assert doubled_lid(drawn, alone) < 12, doubled_lid(drawn, alone)
