"""With `--body` the neck the head layer carries is no hair to carry on below a cut (issue #9; docs/status.md, h35-fresh
(3)): lp_s3 (a half-body painting) at 384 `animate --body` x lp_d12 from frame 140, frames 29-30: the head shaken ~37
px sideways carries its neck; where the moved head's rings end the map cuts that neck, and `carried_ends` drew the cut
on down as hanging hair: a pale block with a straight top and side over the black dress right of the neck. Read by
`figures.skin_on_dress`; `SoftEnds` now leaves the carried neck (`HeadMask.carried_neck`) out of its hair."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from mesh_faces import body_portrait

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.skin_on_dress import skin_on_dress
from facereel.engines.mesh.stream_video import drive_frames, track_driver
from facereel.media.video import open_video

SIZE, FIRST = 384, 140  # lp_d12 from frame 140: the fast shake
FRAMES = (29, 30)  # the head ~37 px right of its place, its neck cut by the rings' edge over the dress
BOX = (175, 125, 235, 175)  # px of lp_s3 at 384: the black dress right of the neck, up to the wall above it
MOST = 0.02  # share of the box's dress drawn pale: the neck's own soft edge, no block


def test_the_neck_cut_is_not_carried_on_over_the_dress(shared_data: Path) -> None:
    """`skin_on_dress` in `BOX` (the share of the dress, as the torso's motion alone moves the photo, drawn pale),
    frames 29 / 30: the source repeated 0 (by its make); before (the neck carried on below the cut as hair; the base
    tree alike) 0.193 / 0.099; now 0.001 / 0.001 (one pixel of the neck's soft edge)."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s3.jpg"), SIZE)
    with open_video(shared_data / "driving" / "lp_d12.mp4") as video:
        fps, frames = video.fps, list(islice(video.frames(fps=video.fps), FIRST, FIRST + max(FRAMES) + 1))
    portrait = body_portrait(source, fps)
    animator = portrait.animator
    shares = []
    for k, step in enumerate(drive_frames(track_driver(iter(frames), None, True), portrait)):
        frame = animator.map_frame(step.target)
        if k in FRAMES:
            moved = animator.body.apply(source.image, step.torso, animator.body.drop(frame.target))
            shares.append(skin_on_dress(animator.draw(frame, step.torso, step.driver), moved, BOX))
    assert max(shares) <= MOST, shares

