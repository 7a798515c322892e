"""The wall beside a clip's neck stays the wall in the plate (issue #12 item 1): lp_d19 as the clip, `--regions pose`,
read by `figures/body_on_wall.py` on the plates of two of its frames (lp_d19 44 and 52, the clip's 24 and 32 of the
h28-fresh sweep's frames 20-60), each its own full setup as a key frame's is."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.body_on_wall import body_on_wall
from facereel.engines.mesh.layers import plate_hole
from facereel.face.tracking import track_image
from facereel.media.video import open_video

FRAMES = (44, 52)


@pytest.fixture(scope="module")
def frames(shared_data: Path) -> list[np.ndarray]:
    """lp_d19's frames 44 and 52 (480 px, as decoded)."""
    with open_video(shared_data / "driving" / "lp_d19.mp4") as video:
        decoded = list(islice(video.frames(), max(FRAMES) + 1))
    return [decoded[i] for i in FRAMES]


def _reads(frame: np.ndarray) -> tuple[int, int]:
    """`body_on_wall` of the source repeated (the crop as its own plate) and of the plate, with the CLI's options."""
    lm = track_image(frame).landmarks[0]
    animator = MeshAnimator(frame, lm, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = animator.box
    crop, mask = frame[y0:y1, x0:x1], animator.mask
    hole = plate_hole(mask, max(1, round(animator.options.plate_grow * face_size(lm))))
    return (body_on_wall(crop, crop, mask.person, mask.neck, hole),
            body_on_wall(animator.layer.plate, crop, mask.person, mask.neck, hole))


def test_the_collar_is_not_carried_onto_the_wall_under_the_ears(frames):
    """Off the person in the neck band's rows the plate is the wall carried in: the collar's knit and the neck's edge
    raised there over the whole row (`plate.neck_body_side`) stood as pale flecks and torn pieces beside the turned head
    (h28-fresh (7)). Pixels more than 8 grey levels off the wall: the source repeated 0, before 129-174 (the clip's
    frames 20-35), now 0."""
    reads = [_reads(frame) for frame in frames]
    for source, plate in reads:
        assert plate <= source + 10, reads
