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
    carried across the hole row by row from the white beside it: 1.02. The source repeated uncovers none (NaN)."""
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


def test_a_row_takes_the_white_beside_it() -> None:
    """Made-up eye: a white that darkens from left to right round a dark fill; each row of the hole becomes the blend
    of the pale white beside it, a lid line's dark pixel beside the hole is not taken, a row with no white is left."""
    plate = np.zeros((5, 12, 3), np.uint8)
    plate[:, :3] = 200
    plate[:, 9:] = 170
    plate[:, 3:9] = 30  # the inpainted fill
    plate[1, 2] = 20  # a lid's line beside the hole
    plate[4] = 10  # a row of lid line
    opening = np.ones((5, 12), bool)
    hole = np.zeros((5, 12), bool)
    hole[:, 3:9] = True
    out = fill_white(plate, opening, hole)
    np.testing.assert_array_equal(out[0, 3:9, 0], np.round(200 + (np.arange(3, 9) - 1.5) / 8.0 * -30))
    assert out[1, 3, 0] > 150  # from the pale px beyond the line's
    np.testing.assert_array_equal(out[4], plate[4])
    np.testing.assert_array_equal(out[:, :3], plate[:, :3])
