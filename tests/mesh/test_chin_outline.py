"""The chin's lower outline over the neck (issue #9): lp_s1's chin landmarks lie nearly in a line under
its round chin, and the head mask followed those chords: a dropped jaw carried a straight horizontal cut
over the pearl necklace (lp_s1 x lp_d18). `chin_outline.round_jaw` rounds the jaw line of the mask;
`chin_outline.chin_kinks` reads the corners of the drawn outline under the chin. `chin_outline.fit_chin`
carries the outline to the photo's chin edge below the landmarks (test_chin_edge.py: lp_s0's second chin)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait, scaled_portrait, shared_animator

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh import animator as module
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.geometry import head_proxy
from facereel.engines.mesh.head_mask.chin_outline import chin_kinks, chin_margin, fit_chin, round_jaw
from facereel.face import landmark_ids as ids
from facereel.motion.extract import extract_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LAUGH_FRAMES = (12, 25)  # preset:laugh (2 s), the mouth open


def test_round_jaw_rounds_a_corner_and_keeps_the_jaw_angles():
    jaw = np.array([[0.0, 0.0], [50.0, 100.0], [100.0, 0.0]])  # a V: a chin's corner at (50, 100)
    out = round_jaw(jaw, 200.0)
    assert np.allclose(out[0], jaw[0]) and np.allclose(out[-1], jaw[-1])
    assert len(out) > 100  # resampled about every px
    assert out[:, 1].max() < 95.0  # the corner pulled in towards the inside
    line = round_jaw(np.array([[0.0, 0.0], [50.0, 0.0], [100.0, 0.0]]), 200.0)
    assert np.abs(line[:, 1]).max() < 1e-6  # a straight jaw stays straight


def _kinks(image: np.ndarray, lm: np.ndarray, animator: MeshAnimator | None = None) -> list[float]:
    """The sharpest bend (px) of the chin's outline: at rest, then on preset:laugh's open mouths, by `animator` (a
    fresh one of `image`; None: set up here)."""
    animator = animator if animator is not None else MeshAnimator(image, lm)
    targets = retarget(lm, preset_motion("laugh", 2.0), RetargetOptions().for_engine("mesh"))
    out = [chin_kinks(animator.drawn_alpha(), lm[152, :2] - animator.origin, face_size(lm))]
    for k in LAUGH_FRAMES:
        animator.render(targets[k])
        out.append(chin_kinks(animator.drawn_alpha(), targets[k][152, :2] - animator.origin, face_size(targets[k])))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["lp_s1"])
def test_the_chin_outline_has_no_corners(name, monkeypatch):
    image, lm = portrait(name)
    now = _kinks(image, lm, shared_animator(name))
    with monkeypatch.context() as patch:
        patch.setattr(head_proxy, "round_jaw", lambda jaw, face_px: np.asarray(jaw, np.float32))
        chords = _kinks(image, lm)
    assert now[0] < 0.8 * chords[0], (now, chords)  # at rest: the mask's own outline
    assert np.mean(now[1:]) < 0.9 * np.mean(chords[1:]), (now, chords)  # the open mouths


def test_fit_chin_reaches_the_photos_chin_edge_and_only_there():
    lightness = np.full((200, 200), 80.0, np.float32)
    gy, gx = np.mgrid[0:200, 0:200]
    lightness[np.hypot(gx - 100, gy - 60) < 60] = 180.0  # a lit chin, radius 60, over a shadowed neck
    angle = np.linspace(0.15 * np.pi, 0.85 * np.pi, 200)
    jaw = np.stack([100 + 52 * np.cos(angle), 60 + 52 * np.sin(angle)], 1)  # the landmarks' outline, 8 px inside
    fitted = fit_chin(jaw, lightness, 150.0)
    radius = np.hypot(fitted[:, 0] - 100, fitted[:, 1] - 60)
    assert 58.0 < radius[100] < 63.0  # the chin's middle on the photo's edge
    assert np.allclose(fitted[[0, -1]], jaw[[0, -1]], atol=1e-3)  # the jaw angles stay
    assert radius.min() >= 52.0 - 1e-3  # only outwards
    flat = fit_chin(jaw, np.full((200, 200), 120.0, np.float32), 150.0)
    assert np.allclose(flat, jaw, atol=1e-3)  # no edge: the outline stays



D12_FRAMES = (46, 50, 95)  # lp_d12: the head turned and lowered, the chin moved down over the neck


def test_the_chin_outline_stays_round_when_the_chin_moves_over_the_neck(shared_track, monkeypatch):
    """lp_s3 x lp_d12 at 512 (frames 46, 50, 95): the first ring under the chin, lifted onto the skull shell far
    behind the chin and half-way to the head's rigid motion, lagged the moving chin; the band under it
    collapsed, the mask's round margin with it, and the chin was drawn cut straight along the oval's chords
    with a step at its end (`chin_margin` 0.003-0.006 face sizes against the photo's 0.023). `animator._CHIN_RAYS`:
    the first two rings there are kept from standing above their place under the chin; over 0.8 of the photo's
    margin on each frame (0.87-0.91 when measured; the first ring alone, h19-chin, left 0.39 on frame 46 and 0.79
    on 95: the band between it and the rigid ring sheared, and the stretch limit dragged it back)."""
    image, lm = scaled_portrait("lp_s3", 512 / 729)  # as `animate --size 512` (lp_s3.jpg is 564 x 729)
    targets = retarget(lm, extract_motion(shared_track("lp_d12")), RetargetOptions().for_engine("mesh"))

    def margins() -> list[float]:
        """`chin_margin` at rest (the source repeated), then on `D12_FRAMES`."""
        animator = MeshAnimator(image, lm)
        oval = list(ids.FACE_OVAL)
        out = [chin_margin(animator.drawn_alpha(), lm[oval, :2] - animator.origin, lm[152, :2] - animator.origin,
                           face_size(lm))]
        for k in D12_FRAMES:
            animator.render(targets[k])
            out.append(chin_margin(animator.drawn_alpha(), animator.vertices[oval], animator.vertices[152],
                                   face_size(targets[k])))
        return out

    now = margins()
    with monkeypatch.context() as patch:  # the engine before: no ring kept under the chin
        patch.setattr(module, "_CHIN_RAYS", (2.0, 3.0))
        before = margins()
    assert now[0] == before[0] > 0.01  # at rest the round outline lies below the chords
    assert min(now[1:]) > 0.8 * now[0] and max(before[1:]) < 0.4 * now[0], (now, before)
