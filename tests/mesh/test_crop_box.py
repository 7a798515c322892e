"""The mesh engine's crop box holds the moved head (`crop_box.head_box`): the head is never cut off along the
box (`artefact_scores.crop_edge_cut`), and what lies outside the box stays the source, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import PORTRAITS, landmarks, portrait

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.artefact_scores import crop_edge_cut
from facereel.engines.mesh.crop_box import head_box
from facereel.engines.mesh.head_proxy import head_mask
from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import SCALE_CEILING, SCALE_KNEE, RetargetOptions, retarget


def _edge_mask(image: np.ndarray, lm: np.ndarray) -> np.ndarray:
    """The head mask an animator computes in its box, along the box's top, left and right edges (those
    inside the image)."""
    x0, y0, x1, y1 = head_box(image, lm, MeshOptions())
    pose = estimate_pose(lm[None])[0]
    head = head_mask(image[y0:y1, x0:x1], lm, np.array([x0, y0], np.float32), pose).head
    edges = [head[0]] if y0 > 0 else []
    edges += [head[:, 0]] if x0 > 0 else []
    edges += [head[:, -1]] if x1 < image.shape[1] else []
    return np.concatenate(edges) if edges else np.zeros(0)


def test_the_box_holds_the_head_mask(astronaut):
    """The head mask reaches none of the box's inner edges (a mask cut by the box is a head cut flat)."""
    lm = landmarks(astronaut)
    assert _edge_mask(astronaut, lm).max(initial=0.0) < 0.02


def test_lp_s5_hair_holds_its_round_top():
    """lp_s5 (a half-body painting whose hair reaches far above the face) x lp_d11 and a head grown to the
    scale limit's ceiling: the hair is not cut along the box (before: crop_edge_cut 0.106 on lp_d11's frame
    30, 0.164 at the ceiling), and far from the head the frame is the source."""
    image, lm = portrait("lp_s5")
    assert _edge_mask(image, lm).max(initial=0.0) < 0.02
    path = PORTRAITS.parent / "driving" / "lp_d11.mp4"
    if not path.exists():
        pytest.skip(f"{path} not present")
    with open_video(path) as video:
        frames = [f for _, f in zip(range(41), video.frames())]
    targets = retarget(lm, extract_motion(track_frames(iter(frames), 25.0)), RetargetOptions().for_engine("mesh"))
    centre = lm[list(ids.FACE_OVAL)].mean(0)
    grown = centre + np.exp(SCALE_CEILING * np.log1p(SCALE_KNEE)) * (lm - centre)  # the scale limit's ceiling
    animator = MeshAnimator(image, lm)
    x0, y0, x1, y1 = animator.box
    for target in [*targets[20:41:5], grown]:
        out = animator.render(target)
        assert crop_edge_cut(out, image, animator.box) < 0.01
        outside = np.ones(image.shape[:2], bool)
        outside[y0:y1, x0:x1] = False
        assert np.array_equal(out[outside], image[outside])
