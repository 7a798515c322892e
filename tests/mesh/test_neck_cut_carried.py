"""With `--body` the neck the head layer carries is no hair to carry on below a cut (issue #9; docs/status.md, h35-fresh
(3)): lp_s3 (a half-body painting) at 384 `animate --body` x lp_d12 from frame 140, frames 29-30: the head shaken ~37
px sideways carries its neck; where the moved head's rings end the map cuts that neck, and `carried_ends` drew the cut
on down as hanging hair: a pale block with a straight top and side over the black dress right of the neck; x sr_1
from frame 40, frames 13-15, alike over the dress left of the neck. Read by `figures.skin_on_dress`; `SoftEnds` now
leaves the carried neck (`HeadMask.carried_neck`) out of its hair."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest
from mesh_faces import body_portrait

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.skin_on_dress import skin_on_dress
from facereel.engines.mesh.stream_video import drive_frames, track_driver
from facereel.media.video import open_video

SIZE = 384
MOST = 0.05
"""Share of a box's dress drawn pale: the neck going with the head over the dress's edge (0.001-0.03), no block
(0.10-0.32)."""


@pytest.mark.parametrize(("driver", "first", "frames", "box"), [
    ("lp_d12.mp4", 140, (29, 30), (175, 125, 235, 175)),  # the fast shake; the dress right of the neck
    ("sr_1.mp4", 40, (13, 14, 15), (65, 130, 125, 190)),  # the head leant left; the dress left of the neck
])
def test_the_neck_cut_is_not_carried_on_over_the_dress(shared_data: Path, driver: str, first: int,
                                                       frames: tuple[int, ...], box: tuple[int, int, int, int]) -> None:
    """`skin_on_dress` in `box` (px of lp_s3 at 384; the share of the dress, as the torso's motion alone moves the
    photo, drawn pale) on `frames` of `driver` from `first`: the source repeated 0 (by its make); before (the neck
    carried on below the cut as hair; the base tree alike) lp_d12 29 / 30 0.193 / 0.099, sr_1 13 / 14 / 15 0.293 /
    0.318 / 0.272; now 0.001 / 0.001 and 0.022 / 0.030 / 0.030."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s3.jpg"), SIZE)
    with open_video(shared_data / "driving" / driver) as video:
        fps, clip = video.fps, list(islice(video.frames(fps=video.fps), first, first + max(frames) + 1))
    portrait = body_portrait(source, fps)
    animator = portrait.animator
    shares = []
    for k, step in enumerate(drive_frames(track_driver(iter(clip), None, True), portrait)):
        frame = animator.map_frame(step.target)
        if k in frames:
            moved = animator.body.apply(source.image, step.torso, animator.body.drop(frame.target))
            shares.append(skin_on_dress(animator.draw(frame, step.torso, step.driver), moved, box))
    assert max(shares) <= MOST, shares
