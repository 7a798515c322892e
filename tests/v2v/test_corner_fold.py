"""A dubbed smile draws no hard fold at the clip's mouth corners (issue #12 part 1 / #9, `figures.corner_edge`):
lp_d3's frames 100-129 as the clip (a soft crease at its corners), lp_d19's frames 20-49 as the driver (a smile),
`--regions lips`; frames 24 / 26, where the driven corners passed the skin beside them (the clip's mouth shut)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np

from facereel.animate.video_source import driver_frame_index, frames_at
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.corner_edge import corner_edge
from facereel.face.tracking import track_frames
from facereel.motion.extract import extract_motion
from facereel.motion.retarget_options import RetargetOptions
from facereel.motion.steady_source import steady_source
from facereel.motion.video_retarget import retarget_video

FPS = 30.0  # lp_d3's frame rate; lp_d19 is read at it
START, COUNT = 100, 30  # the clip: lp_d3's frames 100-129
DRIVER = 20  # lp_d19's frames 20-49
FOLDED = ((24, 61), (24, 291), (26, 61), (26, 291))  # (frame, corner): its lip-to-skin triangles turned over


def test_the_corners_soft_crease_is_not_folded_into_a_hard_line(shared_data: Path) -> None:
    """The smile moved the lip corners past the skin beside them: the triangles between turned over and the clip's
    corner crease was drawn as a hard dark diagonal at the image-left corner, a pale torn fleck at the image-right one:
    `corner_edge` 14.97 / 20.48 / 14.51 / 19.99 on (24, 61) / (24, 291) / (26, 61) / (26, 291) (the clip's frames with
    their own landmarks: 12.51 / 14.00 / 12.59 / 14.18); the corners' own move now taken back where it folds them
    (`geometry.lip_fold`; (26, 291) turned over by only 0.08, mended since the clip's mouth is shut): 11.51 / 10.94 /
    12.17 / 13.04."""
    driving = shared_data / "driving"
    frames = list(islice(frames_at(driving / "lp_d3.mp4", FPS, None), START, START + COUNT))
    clip = track_frames(frames, FPS)
    driver = track_frames(list(islice(frames_at(driving / "lp_d19.mp4", FPS, None), DRIVER, DRIVER + COUNT)), FPS)
    targets = retarget_video(clip, extract_motion(driver), RetargetOptions(regions=frozenset({"lips"})),
                             driver_frame_index(COUNT, len(driver.landmarks), False))
    meshes, targets = steady_source(clip, targets)
    rendered = {i: MeshAnimator(frames[i], meshes[i], MeshOptions(mouth_interior="synthetic")).render(targets[i])
                for i in {i for i, _ in FOLDED}}
    edges = np.array([corner_edge(rendered[i], targets[i], (c,)) for i, c in FOLDED])
    own = np.array([corner_edge(frames[i], clip.landmarks[i], (c,)) for i, c in FOLDED])
    assert (edges < 1.05 * own).all(), (np.round(edges, 2), np.round(own, 2))
