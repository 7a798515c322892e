"""The mesh engine's crop box holds the moved head (`crop_box.head_box`): it leaves the head room to move, the
head is not cut off along the box (`artefact_scores.crop_edge_cut`), and what lies outside the box stays the
source, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import PORTRAITS, landmarks, portrait

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.artefact_scores import crop_edge_cut
from facereel.eval.landmarks import inter_ocular
from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import log_scale_limits, retarget
from facereel.motion.retarget_options import SCALE_KNEE, SHIFT_CEILING, SHIFT_KNEE, RetargetOptions


def _room(image: np.ndarray, lm: np.ndarray) -> float:
    """How far the head mask (`MeshAnimator.mask.head`) lies from the nearest of the box's top, left and right
    edges inside the image (inf when all are the image's border), in units of what the head needs: the
    head-shift ceiling plus the rings' fade band."""
    animator = MeshAnimator(image, lm)
    opt = animator.options
    x0, y0, x1, y1 = animator.box
    ys, xs = np.nonzero(animator.mask.head > 0.02)
    gaps = [ys.min()] if y0 > 0 else []
    gaps += [xs.min()] if x0 > 0 else []
    gaps += [x1 - x0 - 1 - xs.max()] if x1 < image.shape[1] else []
    need = (SHIFT_KNEE * SHIFT_CEILING * float(estimate_pose(lm[None])[0].scale[0])
            + (opt.head_margin + opt.head_fade) * face_size(lm) / 2)
    return min(gaps, default=np.inf) / need


def test_the_box_leaves_the_head_room_to_move(astronaut):
    """Beside and above the head mask the box leaves room for the head's shift and the rings' fade (the old
    box, 1.2 face sizes around the face: 0.87 of it on the astronaut)."""
    assert _room(astronaut, landmarks(astronaut)) >= 1


def test_lp_s5_hair_holds_its_round_top():
    """lp_s5 (a half-body painting whose hair reaches far above the face) x lp_d11 and a head grown to the
    scale limit's ceiling: the hair is not cut along the box (before: crop_edge_cut 0.106 on lp_d11's frame
    30, 0.164 at the ceiling), and far from the head the frame is the source."""
    image, lm = portrait("lp_s5")
    assert _room(image, lm) >= 1  # the old box: 0, its hair touched the box
    path = PORTRAITS.parent / "driving" / "lp_d11.mp4"
    if not path.exists():
        pytest.skip(f"{path} not present")
    with open_video(path) as video:
        frames = [f for _, f in zip(range(41), video.frames())]
    targets = retarget(lm, extract_motion(track_frames(iter(frames), 25.0)), RetargetOptions().for_engine("mesh"))
    centre = lm[list(ids.FACE_OVAL)].mean(0)
    grown = centre + np.exp(log_scale_limits(SCALE_KNEE)[1]) * (lm - centre)  # the scale limit's ceiling
    animator = MeshAnimator(image, lm)
    x0, y0, x1, y1 = animator.box
    for target in [*targets[20:41:5], grown]:
        out = animator.render(target)
        assert crop_edge_cut(out, image, animator.box) < 0.01
        outside = np.ones(image.shape[:2], bool)
        outside[y0:y1, x0:x1] = False
        assert np.array_equal(out[outside], image[outside])


@pytest.mark.parametrize("name", ["lp_s0", "lp_s5"])
def test_without_limits_the_head_is_not_cut(name):
    """`--shift-limit 0 --scale-limit 0` (and --body, whose limits are off): the head may go anywhere, so the box
    reaches the image's top and sides. A head moved 4.5 inter-ocular distances left and 1.5 up was cut along the
    default limits' box (crop_edge_cut 0.151 on lp_s0, 0.174 on lp_s5); it is whole now."""
    image, lm = portrait(name)
    limits = RetargetOptions(shift_limit=0.0, scale_limit=0.0).for_engine("mesh")
    animator = MeshAnimator(image, lm, MeshOptions().with_limits(limits))
    assert animator.box[:3] == (0, 0, image.shape[1])
    iod = float(inter_ocular(lm[None])[0])
    moved = lm + np.array([-4.5 * iod, -1.5 * iod, 0], np.float32)
    assert crop_edge_cut(animator.render(moved), image, animator.box) < 0.01
