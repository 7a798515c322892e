"""A driver's thin slit carried into a photo's taller open mouth without being stretched into stripes
(`figures/slit_stretch.py`, `open_mouth/slit_stretch.py`): lp_d11's frame 124 (../shared/data; skipped when absent) as
a still photo at 320 px, the child's mouth open on her lower teeth, driven by lp_d19 195-230 (a thin grin with
teeth, the first frame the reference as a clip cut there)."""

from __future__ import annotations

import numpy as np
import pytest
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.slit_stretch import column_streaks
from facereel.engines.mesh.figures.teeth_lip_line import teeth_lip_line
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.slit_stretch import (
    _STRETCH,
    opening,
    stretched_share,
)
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image

GRIN = (195, 201, 205, 209, 213)  # lp_d19: the clip's first frame (the reference), then its grin (clip frames 6-18)


@pytest.fixture(scope="module")
def child_grin():
    """(the still at 320 px, its landmarks, lp_d19's `GRIN` frames, their landmarks, the retargeted landmarks)."""
    still = _driver("lp_d11", (124,))[0][0]
    image, lm = _shrunk(still, track_image(still).landmarks[0], 320)
    frames, driver_lm = _driver("lp_d19", GRIN)
    return image, lm, frames, driver_lm, _targets(lm, driver_lm)


@pytest.fixture(scope="module")
def grin_drawn(child_grin) -> tuple[list[np.ndarray], np.ndarray]:
    """(clip frames 6-18 (`GRIN[1:]`) drawn in order by the eyes-off engine, clip frame 14 (`GRIN[3]`) drawn with
    `--mouth synthetic`), (H, W, 3) uint8, read-only: one set-up and render for the file's tests that read them (each
    made its own; frame 14 drawn after 6 and 10 is the same, bit for bit, as drawn first)."""
    image, lm, frames, driver_lm, targets = child_grin
    driven = MeshAnimator(image, lm, MeshOptions(eyes=False))
    outs = [driven.render(targets[k], driver=DriverFrame(frames[k], driver_lm[k])) for k in range(1, len(GRIN))]
    synthetic = MeshAnimator(image, lm, MeshOptions(eyes=False, mouth_interior="synthetic"))
    outs.append(synthetic.render(targets[3], driver=DriverFrame(frames[3], driver_lm[3])))
    for out in outs:
        out.flags.writeable = False
    return outs[:-1], outs[-1]


def test_a_thin_grin_in_the_childs_open_mouth_holds_no_column_stripes(child_grin, grin_drawn):
    """Clip frames 6-18: the opening's steps along its rows over those down its columns (`column_streaks`) under 1
    on every frame: 0.44-0.48 (h36-fresh's find (2), lp_d19's teeth stretched 3.1-3.3 times down their columns:
    1.78-1.90, a khaki-grey block of vertical stripes; the still repeated 0.33, `--mouth synthetic` 0.34, lp_d19's
    own mouth 0.73-0.86)."""
    targets, (drawn, _) = child_grin[-1], grin_drawn
    for k in range(1, len(GRIN)):
        assert column_streaks(drawn[k - 1], targets[k]) < 1.0


def test_a_grin_opened_under_the_ramps_end_is_not_half_stretched(child_grin):
    """The CLI's smoothed render (`facereel animate --size 320`) opens the child's mouth 2.7-2.99 times as tall as the
    grin on clip frames 3-10 (frame 6: 2.70), where the old ramp (`_STRETCH` 2.0 -> 3.0, share 0.7) still blended
    the affine map and carried the coverage out: lp_d19's teeth a grey block down half the opening. Here each
    clip frame's target with its inner lower lip taken up to open 2.7 times as tall as the driver: `column_streaks`
    under 0.5 (the old ramp 0.56-0.57; now 0.42-0.46, the fully kept frames 0.44-0.48, the still repeated 0.33)."""
    image, lm, frames, driver_lm, targets = child_grin
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    lower, upper = list(ids.INNER_LOWER_LIP[1:-1]), list(ids.INNER_UPPER_LIP[1:-1])  # paired as `mouth_gap` pairs
    for k in range(1, len(GRIN)):
        drawn = animator.map_frame(targets[k]).target  # the ratio as the mouth layer reads it (limits taken)
        lowered = targets[k].copy()
        ratio = 2.7 * opening(driver_lm[k]) / opening(drawn)
        lowered[lower, :2] = targets[k][upper, :2] + ratio * (targets[k][lower, :2] - targets[k][upper, :2])
        frame = animator.map_frame(lowered)
        assert opening(frame.target) / opening(driver_lm[k]) == pytest.approx(2.7, abs=0.05)
        out = animator.draw(frame, None, DriverFrame(frames[k], driver_lm[k]))
        assert column_streaks(out, frame.target) < 0.5


def test_the_drivers_teeth_still_show_under_the_upper_lip(child_grin, grin_drawn):
    """Not stretched, the driver's interior is kept, not dropped: the top third of the opening (under the upper
    lip, where the driver's upper teeth hang) differs from the synthetic interior's there by over 10 grey levels on
    the mean (the two painted alike would read the stretch mended by dropping the driver)."""
    targets, (drawn, synthetic) = child_grin[-1], grin_drawn
    k = 3
    a, b = drawn[k - 1].astype(np.float32), synthetic.astype(np.float32)
    top, bottom = int(np.rint(targets[k][13, 1])), int(np.rint(targets[k][14, 1]))
    x = int(np.rint(targets[k][13, 0]))
    rows = slice(top + 1, top + 1 + max(2, (bottom - top) // 3))
    assert np.abs(a[rows, x - 8:x + 9] - b[rows, x - 8:x + 9]).mean() > 10


def test_stretched_share_ramps_over_the_openings_ratio(child_grin):
    """None while the target opens up to `_STRETCH`'s first times as tall for its width as the driver, in full from
    its second; the child's opening over lp_d19's grin (clip frames 6-18) in full."""
    _, _, _, driver_lm, targets = child_grin
    assert all(stretched_share(driver_lm[k], targets[k]) == 1.0 for k in range(1, len(GRIN)))
    driver = driver_lm[3].astype(np.float64)
    taller = driver.copy()
    lower, upper = list(ids.INNER_LOWER_LIP[1:-1]), list(ids.INNER_UPPER_LIP[1:-1])  # paired as `mouth_gap` pairs
    for ratio, share in ((1.0, 0.0), (_STRETCH[0] - 0.01, 0.0), (np.mean(_STRETCH), 0.5), (_STRETCH[1] + 0.01, 1.0)):
        taller[:, :2] = driver[:, :2]
        taller[lower, :2] = driver[lower, :2] + (ratio - 1) * (driver[lower, :2] - driver[upper, :2])
        assert stretched_share(driver, taller) == pytest.approx(share, abs=0.05)


def test_no_pale_lower_lip_line_under_the_kept_teeth(child_grin, grin_drawn):
    """lp_d19's tracked contour holds 1-3 px of its lower lip on its right half; kept short and hung from the
    child's upper lip it ran as a pale pink line under the teeth (`teeth_lip_line` 0.36-0.61 on clip frames 6-18).
    Its lip-coloured pixels along its lower contour are left out as far as the slit is kept short: under 0.3 on
    every frame (now 0.18-0.25: darker pixels of the teeth's lower edge, L* 21-34 against the line's 34-39). The
    figure reads 0 on the still repeated and on the synthetic interior (no driver teeth)."""
    image, lm, _, _, targets = child_grin
    drawn, synthetic = grin_drawn
    assert teeth_lip_line(image, lm) == 0.0
    for k in range(1, len(GRIN)):
        assert teeth_lip_line(drawn[k - 1], targets[k]) < 0.3
    assert teeth_lip_line(synthetic, targets[3]) == 0
