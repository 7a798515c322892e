"""A video source's wide-open mouth shut by the target is drawn without a block of lip colour under the lips (issue
#12 part 1, `figures.lip_below`, `geometry.chin_columns`) and without a grey line where the lips meet (issue #9,
`figures.grey_seam`, `open_mouth.shut_lips`): lp_d6's frames 200-239 at 512 px as the clip, lp_d3 from frame 310 (at
the clip's frame rate) as the driver; frames 14 and 35, the clip's lower lip pulled down (its tongue out, 0.43 / 0.46
of its width open), the target's shut (0.03 / 0.15); frames 15 / 17 / 19, the clip open 0.38 / 0.18 / 0.15 (its
teeth showing), the target shut (0.04); frames 34 / 35, the head turned 20 deg from the clip's, the clip open 0.46 /
0.45 (its teeth showing), the target shut (its inner lips had crossed: `steady_source`); frames 36-39, the clip's
lower lip pulled down so far that the tracker put the skin points under it on the lip (`chin_columns.unfold`)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest

from facereel.animate.video_source import driver_frame_index, frames_at
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.grey_seam import grey_seam
from facereel.engines.mesh.figures.lip_below import lip_below
from facereel.engines.mesh.figures.shut_teeth import shut_teeth
from facereel.engines.mesh.geometry.chin_columns import CHAINS, FLOOR_PX, MIDDLE, unfold
from facereel.face import landmark_ids as ids
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget_options import RetargetOptions
from facereel.motion.steady_source import steady_source
from facereel.motion.video_retarget import retarget_video

START, COUNT = 200, 40  # lp_d6's frames as the clip
DRIVER = 310  # lp_d3's first frame as the driver
SHUT = (14, 35)  # the clip's mouth wide open, the target's shut
MET = (15, 17, 19)  # the clip's mouth open, the target's lips meeting
TURNED = (34, 35)  # the clip's mouth open, its teeth showing, the target's shut, its head turned 20 deg
FOLDED = (36, 37, 39)  # the clip's chin columns folded: 18 and 200 up to 21 px above the lip's edge (17)
OWN_SHUT = (24, 25, 26)  # the clip's own mouth shut (0.02-0.06 of its width open)


@pytest.fixture(scope="module")
def shut(shared_data: Path) -> tuple[list[np.ndarray], FaceTrack, np.ndarray]:
    """(the clip's frames, its track, the (COUNT, 478, 3) px targets) of lp_d6 200-239 driven by lp_d3 from 310."""
    driving = shared_data / "driving"
    with open_video(driving / "lp_d6.mp4") as video:
        fps = video.fps
    frames = list(islice(frames_at(driving / "lp_d6.mp4", fps, 512), START, START + COUNT))
    clip = track_frames(frames, fps)
    driver = track_frames(list(islice(frames_at(driving / "lp_d3.mp4", fps, None), DRIVER, DRIVER + COUNT)), fps)
    targets = retarget_video(clip, extract_motion(driver), RetargetOptions(), driver_frame_index(COUNT, COUNT, False))
    return frames, clip, targets


@pytest.mark.slow
def test_the_shut_lips_have_no_lip_block_under_them(shut: tuple[list[np.ndarray], FaceTrack, np.ndarray]) -> None:
    """The tracker put the skin under the clip's pulled-down lower lip on the lip's edge, the target has its fold
    15-19 px under the lip: the warp drew the lip's edge over that band, a flat pink block under the shut lips,
    `lip_below` 0.36 / 0.52 on frames 14 / 35 (the clip's own frames with their landmarks, the source repeated, 0.02 /
    0); now the column under the lip is magnified evenly down to the chin (`geometry.chin_columns`): 0.15 / 0.17."""
    frames, clip, targets = shut
    meshes, targets = steady_source(clip, targets)
    own = [lip_below(frames[i], clip.landmarks[i]) for i in SHUT]
    drawn = [lip_below(MeshAnimator(frames[i], meshes[i], MeshOptions(mouth_interior="synthetic")).render(targets[i]),
                       targets[i]) for i in SHUT]
    assert max(own) < 0.05, np.round(own, 3)
    assert max(drawn) < 0.25, (np.round(drawn, 3), np.round(own, 3))


@pytest.mark.slow
def test_the_shut_lips_meet_at_a_lip_red_crease(shut: tuple[list[np.ndarray], FaceTrack, np.ndarray]) -> None:
    """`ShutLips` darkened the clip's upper lip colour along the line the lips meet on; an open mouth's upper lip band
    holds its teeth's edge and the pale lip over them: a grey line, `grey_seam` 0.78 / 0.57 / 0.69 on frames 15 / 17
    / 19 (the clip's own shut frames 24-26, the source repeated: 0). The crease is now as red as the lower lip
    (CIELAB a*, b*), darkened as before: 0 / 0 / 0.02."""
    frames, clip, targets = shut
    meshes, targets = steady_source(clip, targets)
    own = [grey_seam(frames[i], meshes[i]) for i in OWN_SHUT]
    drawn = [grey_seam(MeshAnimator(frames[i], meshes[i], MeshOptions(mouth_interior="synthetic")).render(targets[i]),
                       targets[i]) for i in MET]
    assert max(own) < 0.05, np.round(own, 3)
    assert max(drawn) < 0.15, (np.round(drawn, 3), np.round(own, 3))


@pytest.mark.slow
def test_the_shut_lips_keep_no_teeth_pieces(shut: tuple[list[np.ndarray], FaceTrack, np.ndarray]) -> None:
    """At a 14-22 deg turn `steady_source` moved the mesh onto a steadier track, the targets alike: the filter's lag
    behind the talking mouth held the mesh's inner lips 4-5 px inside the clip's opening, on its teeth, and crossed
    the shut targets' inner lips by up to 13 px (so they read 0.15-0.18 open and `ShutLips` left them): the clip's
    teeth warped into the lips as white jagged pieces at the line, `shut_teeth` 0.155 / 0.122 on frames 34 / 35 (the
    clip's own shut frames 10 / 24-26, the source repeated: 0). The inner lips now keep the raw track: 0.005 / 0.004,
    the targets' inner lips never cross by 1 px."""
    frames, clip, targets = shut
    meshes, targets = steady_source(clip, targets)
    gaps = targets[:, list(ids.INNER_LOWER_LIP), 1] - targets[:, list(ids.INNER_UPPER_LIP), 1]
    own = [shut_teeth(frames[i], clip.landmarks[i]) for i in (10, *OWN_SHUT)]
    drawn = [shut_teeth(MeshAnimator(frames[i], meshes[i], MeshOptions(mouth_interior="synthetic")).render(targets[i]),
                        targets[i]) for i in TURNED]
    assert gaps.min() > -1.0, np.round(gaps.min(axis=1), 1)
    assert max(own) < 0.01, np.round(own, 3)
    assert max(drawn) < 0.03, (np.round(drawn, 3), np.round(own, 3))


@pytest.mark.slow
def test_a_folded_chin_column_draws_no_second_lower_lip(shut: tuple[list[np.ndarray], FaceTrack, np.ndarray]) -> None:
    """On frames 34-39 mediapipe put the clip's skin points under its pulled-down lower lip (18, 200) up to 21 px above
    the lip's edge (17), on the lip: the mesh's column folded over, and the rows under the target's lower lip read the
    clip's lip again from 18 down; and `steady_source` moved the lip's edge 5-7 px up into the lip with the inner lip
    held: a second lower lip under the shut lips, `lip_below` 0.25 / 0.31 / 0.38 on frames 36 / 37 / 39 (the clip's
    own frames, the source repeated: 0 / 0 / 0.02). `chin_columns.unfold` lays the column out in order (18 and 200
    evenly between 17 and the next point below) and the lower lip's middle keeps the raw track
    (`steady_source.LOWER_MIDDLE`): 0.04 / 0.04 / 0.01, the teeth pieces as low."""
    frames, clip, targets = shut
    meshes, targets = steady_source(clip, targets)
    own = [lip_below(frames[i], clip.landmarks[i]) for i in FOLDED]
    drawn = [MeshAnimator(frames[i], meshes[i], MeshOptions(mouth_interior="synthetic")).render(targets[i])
             for i in FOLDED]
    below = [lip_below(frame, targets[i]) for frame, i in zip(drawn, FOLDED)]
    teeth = [shut_teeth(frame, targets[i]) for frame, i in zip(drawn, FOLDED)]
    assert max(own) < 0.05, np.round(own, 3)
    assert max(below) < 0.1, (np.round(below, 3), np.round(own, 3))
    assert max(teeth) < 0.05, np.round(teeth, 3)


def test_unfold_lays_a_folded_chin_column_out_in_order(shared_data: Path) -> None:
    """lp_d6's frame 239 (the clip's lower lip pulled down, its teeth showing) tracked alone: the skin points of the
    middle columns under the lip lie up to 20 px above its edge; `unfold` puts every one below the point before it (but
    for the tracker's half pixel, `FLOOR_PX`), and moves nothing else."""
    with open_video(shared_data / "driving" / "lp_d6.mp4") as video:
        fps = video.fps
    frame = next(islice(frames_at(shared_data / "driving" / "lp_d6.mp4", fps, 512), START + 39, None))
    points = track_frames([frame], fps).landmarks[0]
    unfolded, folded = unfold(points)
    middle = list(MIDDLE)

    def along(pts: np.ndarray) -> np.ndarray:
        chain = pts[CHAINS[middle], :2]
        down = chain[:, -1] - chain[:, 0]
        return np.sum((chain - chain[:, :1]) * (down / np.linalg.norm(down, axis=1, keepdims=True))[:, None], axis=2)

    assert folded[middle].any() and along(points).min() < -5, np.round(along(points), 1)
    assert np.diff(along(unfolded), axis=1).min() > -FLOOR_PX, np.round(along(unfolded), 1)
    untouched = np.setdiff1d(np.arange(len(points)), CHAINS[middle][:, 1:-1][folded[middle]])
    assert np.array_equal(unfolded[untouched], points[untouched, :2].astype(np.float64))
