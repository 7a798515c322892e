"""A still photo as the driver: a `Motion` that eases from a neutral face to the photo's expression (and pose).

The motion is built from a pair of faces, each a (478, 3) image-px landmark set: the neutral reference
(frame 0, the motion's reference frame) and the expression photo (the last frame). Frames in between follow
a smooth ease-in-out weight `w` in [0, 1] (`ease_in_out`): expression offsets and features move linearly in
`w`, head rotation by slerp, translation and scale linearly, so the motion starts and stops at rest.
"""

from __future__ import annotations

import numpy as np

from facereel.face.pose import estimate_pose
from facereel.motion.features import INDEX, expression_features
from facereel.motion.motion import Motion
from facereel.motion.sliders import MOUTH_DROP, jaw_drop_offsets

PHOTO_FPS = 25.0
"""Frame rate of a photo driver's motion (the presets' rate); the output fps rule takes it as the driver's."""


def ease_in_out(count: int) -> np.ndarray:
    """(count,) float64 weights rising from 0 to 1 along half a cosine (zero slope at both ends); count >= 2."""
    if count < 2:
        raise ValueError(f"an easing needs at least 2 frames (got {count})")
    return 0.5 - 0.5 * np.cos(np.pi * np.linspace(0.0, 1.0, count))


def clip_frames(duration: float, fps: float = PHOTO_FPS) -> int:
    """Frames of a clip of `duration` seconds at `fps`, first (neutral) and last (full expression) included."""
    return max(2, int(round(duration * fps)))


JAW_RIGID_SHARE = 0.5
"""How much of a photo pair's jaw (`rigid_jaw`) is one rigid drop as large as its mouth opening; the rest keeps
the pair's own offsets. The rigid drop keeps the lip-to-chin band's height, so the chin drops as far as the
lower lip, about twice the pair's own chin drop (the jaw turns about its hinge): all of it drew a too-long
lower face, none squashes the band. Half: the best head PSNR on the `open` self pair, the chin error on the
open self pairs nearly halved (docs/benchmarks.md "Relative mode's jaw halfway ...")."""


def rigid_jaw(offset: np.ndarray, opening: float) -> np.ndarray:
    """(478, 3) canonical offsets of a photo pair with the vertical motion of the jaw region (the
    `mouth_open` slider's region: lower lip to chin) drawn `JAW_RIGID_SHARE` of the way towards one rigid drop
    of `opening` (the pair's inner-lip gap change, canonical units), that share scaled by the share of a full
    slider opening it is (`opening / MOUTH_DROP`, clipped to 0..1: a smile, which hardly parts the lips,
    keeps its own lip shapes). x and z offsets are kept.

    Why: an opening jaw turns about its hinge, so in a real photo pair the lower lip drops about twice as
    far as the chin (lp_d18's `open` pair: 0.64 vs 0.31) while the chin moves back in depth; a 2-D warp
    given those offsets squashes the lip-to-chin band to half its height (the re-tracked jaw drop was 0.135
    of the pair's 0.293 over 9 portraits), while the full rigid drop (`drop = opening`, the absolute mode's
    rule) drops the chin twice as far as the pair's (docs/benchmarks.md "Relative mode's jaw")."""
    share = JAW_RIGID_SHARE * float(np.clip(opening / MOUTH_DROP, 0.0, 1.0))
    region = share * jaw_drop_offsets(1.0)[:, 1].astype(np.float64)  # (478,) 0..share
    out = np.array(offset, np.float64, copy=True)
    out[:, 1] = (1.0 - region) * out[:, 1] + region * opening
    return out


def pair_motion(reference: np.ndarray, photo: np.ndarray, weights: np.ndarray, fps: float = PHOTO_FPS,
                same_person: bool = True) -> Motion:
    """Motion easing from `reference` to `photo` landmarks ((478, 3) image px each) along `weights` (T,) in [0, 1].

    Frame k holds `weights[k]` of the change from the reference: expression offsets (canonical units) and
    features are interpolated, rotation slerped, translation (inter-ocular distances of the reference) and
    scale interpolated. The reference frame is 0, so `weights[0]` should be 0. The pair's jaw is drawn
    halfway to a rigid drop as large as its mouth opening (`rigid_jaw`). `same_person=False` (a pair of
    different people, whose landmark difference is mostly identity, and whose photos' framing differs) keeps
    translation and scale at rest and replaces the canonical offsets by one jaw drop (`jaw_drop_offsets`: the
    `mouth_open` slider's offsets) as large as the photo's mouth opening minus the reference's; rotation and
    the features (eye and mouth openness, which absolute retargeting applies to the lids and inner lips) move.
    """
    from scipy.spatial.transform import Rotation, Slerp  # here: importing this module loads no SciPy

    w = np.asarray(weights, np.float64)
    pose, canonical, _ = estimate_pose(np.stack([reference, photo]).astype(np.float32))
    features = expression_features(canonical).astype(np.float64)
    offset = (canonical[1] - canonical[0]).astype(np.float64)
    shift = (pose.translation[1] - pose.translation[0]) / pose.scale[0]
    growth = pose.scale[1] / pose.scale[0] - 1.0
    drop = float(features[1, INDEX["mouth_open"]] - features[0, INDEX["mouth_open"]])
    if same_person:
        offset = rigid_jaw(offset, drop)
    else:
        offset, shift, growth = jaw_drop_offsets(drop).astype(np.float64), np.zeros_like(shift), 0.0
    rotation = Slerp([0.0, 1.0], Rotation.from_matrix(pose.rotation.astype(np.float64)))(np.clip(w, 0.0, 1.0))
    return Motion(
        rotation=rotation.as_matrix().astype(np.float32),
        translation=(w[:, None] * shift[None]).astype(np.float32),
        scale=(1.0 + w * growth).astype(np.float32),
        expression=(w[:, None, None] * offset[None]).astype(np.float32),
        features=(features[0][None] + w[:, None] * (features[1] - features[0])[None]).astype(np.float32),
        valid=np.ones(len(w), bool),
        fps=float(fps),
        reference=0,
    )
