"""A driver's upper teeth under a flatter target opening's upper lip (`figures/hung_teeth.py`,
`mouth_driver.hang_share`): sr_4 (../shared/data; skipped when absent) at 256 px driven by lp_d12 cut at frames
140-170 (its first frame, the reference, has the mouth open), frames 24-30 of the clip, where the driver laughs
with its upper teeth and the target opens 0.45-0.7 as flat as it."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import PORTRAITS, portrait
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.hung_teeth import upper_teeth
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_driver import _HANG, _UPPER, hang_share, unsqueezed_map
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

CUT = (140, 171)  # lp_d12's frames cut into the clip
LAUGH = range(24, 31)  # the clip's frames where the driver laughs with its upper teeth


@pytest.fixture(scope="module")
def sr_4_laugh():
    """`laugh_frames` (made once for this file)."""
    return laugh_frames()


def laugh_frames() -> tuple[list, list, list, list]:
    """(the rendered frames, their retargeted landmarks, lp_d12's frames, their landmarks) over `LAUGH`; skips
    where lp_d12 is absent."""
    path = PORTRAITS.parent / "driving" / "lp_d12.mp4"
    if not path.exists():
        pytest.skip(f"{path} not present")
    with open_video(path) as video:
        clip = [f for _, f in zip(range(CUT[1]), video.frames())][CUT[0]:]
    track = track_frames(iter(clip), 25.0)
    image, lm = _shrunk(*portrait("sr_4"), 256)
    targets = retarget(lm, extract_motion(track), RetargetOptions().for_engine("mesh"))
    animator = mesh_animator(image, lm, MeshOptions(eyes=False))
    frames = [animator.render(targets[k], driver=DriverFrame(clip[k], track.landmarks[k])) for k in LAUGH]
    return frames, [targets[k] for k in LAUGH], [clip[k] for k in LAUGH], [track.landmarks[k] for k in LAUGH]


def test_sr_4s_opening_shows_the_drivers_upper_teeth(sr_4_laugh):
    """The opening's upper band's teeth over lp_d12's own shrunk to that mouth (`upper_teeth`) over 0.4: now 0.48
    (hung half-way, h35-fresh's find (7), a purple lip blob without teeth: 0.27; the source repeated, its closed
    mouth, 0)."""
    assert upper_teeth(*sr_4_laugh) > 0.4


def test_the_unsqueezed_interior_hangs_from_the_upper_lip_as_far_as_it_is_unsqueezed():
    """`hang_share`: half-way (`_HANG`) where the contours' affine map alone is drawn, the upper lip where the
    interior is unsqueezed in full; `unsqueezed_map` at 1 takes the driver's upper lip's mean onto the target's."""
    assert hang_share(0.0) == _HANG and hang_share(1.0) == 1.0 and _HANG < hang_share(0.5) < 1.0
    t = np.linspace(0, np.pi, _UPPER)
    lips = [np.stack([np.cos(t), s * np.sin(t)], 1) for s in (0.4, -0.4)]
    driver = np.vstack([lips[0][::-1] * 40 + 100, (lips[1] * 40 + 100)[1:-1][::-1]]).astype(np.float32)
    target = driver * 0.5 + np.array([3.0, 5.0], np.float32)
    target[_UPPER:, 1] -= 0.3 * (target[_UPPER:, 1] - target[:_UPPER, 1].mean())  # flatter: the lower lip raised
    assert len(driver) == len(INNER_LIP_CONTOUR)
    hung = unsqueezed_map(driver, target, 1.0)
    moved = driver[:_UPPER].mean(0) @ hung[:, :2].T + hung[:, 2]
    assert np.allclose(moved, target[:_UPPER].mean(0), atol=1e-3)
