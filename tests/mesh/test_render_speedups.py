"""The render's shortcuts give the frames the plain computation gives, on real faces (issue #9, speed):
the composite done only on the box the warp moves equals the composite of the whole crop bit for bit,
and the displacement field assembled by per-coefficient gathers equals each pixel's own triangle map."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.warp import triangle_affines
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (12, 25, 40)  # frames of a 2 s preset:turn: turning one way, the far side, back


def turn_targets(lm: np.ndarray) -> np.ndarray:
    return retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))


def test_composite_on_the_moving_box_equals_the_whole_crop(face):
    """Without eyes and mouth (drawn after the composite), the rendered crop equals the head layer laid
    over the plate on the whole crop with the same map; the box is smaller than the crop, so the pixels
    outside it (left as the source) are covered by the check."""
    image, lm = face
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False, mouth=False))
    x0, y0, x1, y1 = animator.box
    gy, gx = np.mgrid[0:y1 - y0, 0:x1 - x0].astype(np.float32)
    targets = turn_targets(lm)
    for k in FRAMES:
        frame = animator.render(targets[k])
        rows, cols = animator.layer.moving_box(animator.warp.moving_box())
        assert (rows.stop - rows.start) * (cols.stop - cols.start) < 0.95 * (y1 - y0) * (x1 - x0)
        disp = cv2.resize(animator.warp.coarse_displacement, animator.warp.size, interpolation=cv2.INTER_LINEAR)
        whole = animator.layer.composite(disp + np.dstack([gx, gy]), (slice(0, y1 - y0), slice(0, x1 - x0)),
                                         animator.neck_target)
        assert np.array_equal(frame[y0:y1, x0:x1], whole), k
        assert np.array_equal(np.delete(frame, np.s_[y0:y1], 0), np.delete(image, np.s_[y0:y1], 0))


def test_displacement_is_each_pixels_triangle_map(face):
    """Every coarse sample a triangle covers (but thin and turned-over ones, which are clamped / filled)
    is that triangle's affine map (target -> source) minus the identity, evaluated at the sample, to 1e-3
    px; samples no triangle covers do not move."""
    image, lm = face
    animator = MeshAnimator(image, lm)
    warp = animator.warp
    drawn = []
    displacement = warp.displacement

    def recording(target, source, order, unseen=None):
        drawn.append((target, source, unseen))
        return displacement(target, source, order, unseen)

    warp.displacement = recording
    sx, sy = warp.spacing
    ids = warp.triangle_ids
    xs, ys = np.meshgrid((np.arange(ids.shape[1]) + 0.5) * sx - 0.5, (np.arange(ids.shape[0]) + 0.5) * sy - 0.5)
    targets = turn_targets(lm)
    for k in FRAMES:
        animator.render(targets[k])
        target, source, unseen = drawn[-1]
        affines = triangle_affines(target[warp.triangles], source[warp.triangles]).astype(np.float64)
        plain = (np.abs(affines[:, :, :2]).max((1, 2)) <= 6.0) & ~unseen
        ids, coarse = warp.triangle_ids, warp.coarse_displacement
        assert not coarse[ids < 0].any()
        check = (ids >= 0) & plain[ids]
        assert check.mean() > 0.3  # the still ring triangles are not drawn (ids -1)
        m = affines[ids[check]]
        x, y = xs[check], ys[check]
        expected = np.stack([m[:, 0, 0] * x + m[:, 0, 1] * y + m[:, 0, 2] - x,
                             m[:, 1, 0] * x + m[:, 1, 1] * y + m[:, 1, 2] - y], 1)
        assert np.abs(coarse[check] - expected).max() < 1e-3, k
