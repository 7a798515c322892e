"""The white where the iris was: the eye's plate filled across the iris's hole from the white beside it
(`eye.white_fill`), scored by `figures.iris_trace`."""

from __future__ import annotations

from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np
from mesh_faces import driven_targets, landmarks, set_up_copy

from facereel.animate.inputs import Source
from facereel.engines.mesh.eye.white_fill import fill_white
from facereel.engines.mesh.figures.iris_trace import iris_traces

GLIDE = range(7, 13)
"""The clip's frames (its cut's frame 0 first) on which the gaze moves the image-right iris across its eye."""


def test_the_white_where_the_iris_was_is_white(shared_data: Path) -> None:
    """sr_8 scaled to 400 px high and cut to x 150-550 (the face ~250 px, turned 34 deg) x lp_d11 105-140 (the child
    looking up and aside), frames 7-12: where the gaze moved the image-right iris, a dark arc of the photo's limbus
    stayed in the white: the plate's fill, inpainted from the lids too, darker than the white beside it. `left` (the
    darkest tenth of the uncovered white over the white beside it), median over the frames: before 0.58; the white
    filled from the opening round it alone (a membrane fill, `white_fill`): 1.03. The source repeated uncovers none (NaN)."""
    photo = np.ascontiguousarray(iio.imread(shared_data / "portraits" / "sr_8.png")[..., :3])
    height, width = photo.shape[:2]
    image = np.ascontiguousarray(cv2.resize(photo, (round(width * 400 / height), 400),
                                            interpolation=cv2.INTER_AREA)[:, 150:550])
    lm = landmarks(image)
    assert lm is not None
    targets = driven_targets(Source(image=image, landmarks=lm), shared_data / "driving" / "lp_d11.mp4", 105,
                             max(GLIDE) + 1)
    animator = set_up_copy(image, lm)
    figs = iris_traces(image, lm)
    assert all(np.isnan(fig.left(image, lm)) for fig in figs)
    reads = []
    for k, target in enumerate(targets):
        frame = animator.render(target)
        if k in GLIDE:
            reads.append(figs[1].left(frame, target))
    assert np.nanmedian(reads) > 0.85, reads


def test_the_hole_takes_the_white_not_the_lids() -> None:
    """Made-up eye: dark lids above and below an opening whose white goes from 200 on the left to 170 on the right
    round a dark inpainted hole: the hole becomes the white's smooth blend (between 170 and 200, falling from left to
    right), with nothing of the lids; the hole's pixels outside the opening are left, as is a hole no white reaches."""
    plate = np.full((9, 16, 3), 10, np.uint8)  # the lids
    plate[1:8, :3] = 200
    plate[1:8, 9:12] = 170
    plate[1:8, 3:9] = 30  # the inpainted fill
    plate[1:8, 13:] = 30  # another opening (a corner) wholly in the hole: no white reaches it
    opening = np.zeros((9, 16), bool)
    opening[1:8, :12] = True
    opening[1:8, 13:] = True
    hole = np.zeros((9, 16), bool)
    hole[0:8, 3:9] = True
    hole[1:8, 13:] = True
    out = fill_white(plate, opening, hole).astype(int)[..., 0]
    inner = out[1:8, 3:9]
    assert inner.min() >= 170 and inner.max() <= 200
    assert (np.diff(inner, axis=1) <= 0).all()
    np.testing.assert_array_equal(out[0], plate[0, :, 0])
    np.testing.assert_array_equal(out[1:8, 13:], plate[1:8, 13:, 0])
