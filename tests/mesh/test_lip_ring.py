"""No fold between the lips and the skin round them on a wide-open mouth (`lip_ring.py`): the driver's outer
lip moving past the portrait's skin points tore a pale flap over lp_s1's upper lip and stair-stepped its lower
lip (lp_d18 frames 92-154); a ring that stopped at its reach folded the skin under the lower lip into a
pale line across the chin (frames 123-140)."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.under_lip import UnderLip
from facereel.engines.mesh.geometry.lip_ring import LipRing, lip_folds
from facereel.engines.mesh.geometry.mesh_topology import face_triangles
from facereel.face import landmark_ids as ids


def test_source_repeated_has_no_fold_and_the_ring_keeps_it(face):
    _, lm = face
    tris = face_triangles()
    assert lip_folds(lm[:, :2], lm[:, :2], tris) == 0.0
    assert np.array_equal(LipRing(lm[:, :2])(lm[:, :2]), lm[:, :2].astype(np.float32))


def test_an_outer_lip_raised_past_the_skin_is_unfolded(face):
    _, lm = face
    tris = face_triangles()
    src = lm[:, :2].astype(np.float32)
    target = src.copy()
    width = np.linalg.norm(src[61] - src[291])
    target[list(ids.OUTER_UPPER_LIP[1:-1]), 1] -= 0.18 * width  # the upper lip up past the skin above it
    folded = lip_folds(src, target, tris)
    assert folded > 0.1
    assert lip_folds(src, LipRing(src)(target), tris) < 0.25 * folded  # what is left: by the sharp corners


@pytest.mark.slow
def test_wide_open_real_driver_keeps_lips_unfolded(lp_s1_laughing):
    image, lm, targets = lp_s1_laughing
    animator = MeshAnimator(image, lm, MeshOptions())
    tris = face_triangles()
    asked, drawn = [], []
    for k in range(92, 155, 6):
        frame = animator.map_frame(targets[k])
        asked.append(lip_folds(lm[:, :2], targets[k][:, :2], tris))
        drawn.append(lip_folds(lm[:, :2], frame.target[:, :2], tris))
    assert np.mean(asked) > 0.05  # the driver does fold the portrait's lips
    assert np.mean(drawn) < 0.25 * np.mean(asked) and max(drawn) < 0.03


@pytest.mark.slow
def test_no_light_line_under_the_wide_open_lower_lip(lp_s1_laughing):
    """The driver squeezes lp_s1's skin from the lower lip to the chin to about half its height: the rows of
    skin points down the chin share that squeeze (none squeezed below a quarter of its source height, none
    folded over the next) and no light line shows across the chin."""
    image, lm, targets = lp_s1_laughing
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    figure = UnderLip(animator)
    animator.map_frame(lm)
    assert figure.light_line(image) == 0.0  # the source repeated
    column = [17, 18, 200, 199, 175, 152]  # the lower lip's middle down to the chin
    source_gaps = np.diff(lm[column, 1])
    for k in (130, 140):
        asked = np.diff(targets[k][column, 1]) / source_gaps
        assert asked.min() < 0  # the driver folds the rows under the lip
        frame = animator.render(targets[k])
        drawn = np.diff(frame_rows := animator.vertices[column, 1]) / source_gaps
        assert drawn.min() > 0.25, frame_rows
        assert figure.light_line(frame) < 0.1


def test_a_lower_lip_drawn_up_pushes_nothing_under_it(shared_data):
    """A lower lip drawn up, its corners still (a lip pressed up in talking), moves away from the skin under it:
    nothing there is pushed. lp_d19's frame 60 (`--regions lips`'s clip in docs/status.md's fresh sweep find (10)):
    skin point 395, below-beside the mouth's corner, lies nearest the corner itself, where the upper lip's segment
    normal read it inside the lips (36 px) and pushed it up over the cheek: 30 px here at 0.06 mouth widths drawn up
    (57 px in the clip's frame 40, the jaw's outline pulled up after it into a pale stepped patch on the chin)."""
    from itertools import islice

    from facereel.face.tracking import track_image
    from facereel.media.video import open_video

    with open_video(shared_data / "driving" / "lp_d19.mp4") as video:
        frame = next(islice(video.frames(), 60, None))
    src = track_image(frame).landmarks[0][:, :2].astype(np.float32)
    ring = LipRing(src)
    target = src.copy()
    lower = [i for i in ids.OUTER_LOWER_LIP if i not in ids.MOUTH_CORNERS]
    target[lower, 1] -= 0.06 * np.linalg.norm(src[61] - src[291])
    pushed = np.linalg.norm(ring(target) - target, axis=1)[ring.points[ring._under]]
    assert pushed.max() < 1.0, pushed.round(1)
