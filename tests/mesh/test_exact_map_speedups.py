"""The forty-second session's map and retarget speed-ups (issue #9, speed) give what the plain statements they replace
give, on real frames: lp_s1 at 512 x 512 (the bench's portrait: earrings, a turned photo's unfolded band) on
preset:turn (and preset:laugh's expressions for the lips). Each fast path is recorded while the engine maps or the
retargeting runs and checked against its reference statement: the triangles' mean depths for the painter's order
against numpy's mean, the pendants' shown samples by the ring triangles' id range against their gathered flags, the
fade band's seeds read on the head at the seeds alone against the whole grid, the head pose from the template's
stable points made once against `similarity_align`'s statement, and the source's lip weights made once per source
against the per-frame statements."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import set_up_copy, shared_animator

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.geometry.fade_band import FADE_MOST
from facereel.face import pose as pose_module
from facereel.face.pose import (
    canonical_pose,
    canonical_template,
    estimate_pose,
    head_pose,
    similarity_align,
)
from facereel.motion import retarget as retarget_module
from facereel.motion.lip_slide import limit_lip_slide, slide_weights
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (12, 20, 25, 30, 40)  # of a 2 s preset:turn: turning one way, the far side, back


def _targets(lm: np.ndarray, preset: str = "turn") -> np.ndarray:
    """(T, 478, 3) px: lp_s1's landmarks retargeted by a 2 s preset, as tests/mesh/test_exact_speedups.py drives."""
    return retarget(lm, preset_motion(preset, 2.0), RetargetOptions(smoothing=None, translate=True))


def test_mean_depth_equals_numpys_mean(lp_s1_512, monkeypatch):
    """The painter's order's mean depths (`animator._mean_depth`) are `depth[triangles].mean(1)` bit for bit, for the
    rings' and the face's triangles of every frame."""
    compared = []
    mean_depth = animator_module._mean_depth

    def recording(depth, triangles):
        out = mean_depth(depth, triangles)
        expected = depth[triangles].mean(1)
        assert out.dtype == expected.dtype and out.tobytes() == expected.tobytes()
        compared.append(len(triangles))
        return out

    monkeypatch.setattr(animator_module, "_mean_depth", recording)
    animator = set_up_copy(*lp_s1_512)
    targets = _targets(lp_s1_512[1])
    for k in FRAMES:
        animator.map_frame(targets[k])
    assert len(compared) == 2 * len(FRAMES) and min(compared) > 0


def test_pendants_shown_by_id_range_equal_the_gathered_flags(lp_s1_512, monkeypatch):
    """The samples a pendant's hold may change (a ring triangle drawn there) found by the ring triangles' id range
    equal the ring triangles' flags gathered at the samples' ids; some are shown and some are not."""
    animator = set_up_copy(*lp_s1_512)
    hold = animator_module.hold_pendants
    shares = []

    def recording(coarse, shown, centres, pendants, vertices):
        ids = animator.warp.triangle_ids  # (the frame's ids: the rasteriser draws into it)
        gathered = (ids >= 0) & animator.ring_triangles[ids]
        assert shown.dtype == gathered.dtype and np.array_equal(shown, gathered)
        shares.append(float(shown.mean()))
        return hold(coarse, shown, centres, pendants, vertices)

    monkeypatch.setattr(animator_module, "hold_pendants", recording)
    targets = _targets(lp_s1_512[1])
    for k in FRAMES:
        animator.map_frame(targets[k])
    assert len(shares) == len(FRAMES) and 0 < min(shares) and max(shares) < 1


@pytest.mark.slow
def test_fade_band_seeds_read_as_on_the_whole_grid(monkeypatch):
    """The fade band is laid out (`fade_band.spread_fade_band` called) on exactly the frames where a sample of a
    stretched fade triangle reads the head read on the whole grid, as before it was read at those samples alone, on
    sr_8 x preset:turn (4 s, own size: her hood's fade band, tests/mesh/test_fade_band.py); some frames are laid out
    and some not."""
    decisions = []
    spread = animator_module.spread_fade_band
    relax = MeshAnimator._spread_fade_band
    called = []

    def counting(*args):
        called.append(True)
        return spread(*args)

    def recording(self, reads, triangles):
        limit = self.options.max_stretch
        stretched = np.zeros_like(self._fade_tris)
        stretched[self._fade_rows] = self._triangle_health.stretched(self.vertices, limit, FADE_MOST * limit,
                                                                     self._fade_rows)
        seeds = (triangles >= 0) & stretched[np.maximum(triangles, 0)]
        whole = bool(stretched.any() and (seeds & self._on_head(reads[..., 0], reads[..., 1])).any())
        called.clear()
        out = relax(self, reads, triangles)
        decisions.append(whole)
        assert bool(called) == whole
        return out

    monkeypatch.setattr(animator_module, "spread_fade_band", counting)
    monkeypatch.setattr(MeshAnimator, "_spread_fade_band", recording)
    animator = shared_animator("sr_8")
    targets = retarget(animator.source_landmarks, preset_motion("turn", 4.0),
                       RetargetOptions(smoothing=None, translate=True))
    for k in (0, 10, 65, 82):
        animator.map_frame(targets[k])
    assert any(decisions) and not all(decisions)


def test_head_pose_equals_the_template_statement(lp_s1_512):
    """`head_pose` (the template's stable points `_centred` once per frame count) and `canonical_pose` give the pose
    `similarity_align` gives from the template's statement, and `estimate_pose`'s, bit for bit: one frame at a time
    (the map's and the stream's calls) and all frames at once."""
    targets = np.concatenate([_targets(lp_s1_512[1]), lp_s1_512[1][None]]).astype(np.float32)
    stable = pose_module._STABLE
    for frames in [targets[k:k + 1] for k in range(0, len(targets), 7)] + [targets]:
        landmarks = frames.astype(np.float64)
        template = np.broadcast_to(canonical_template().astype(np.float64)[stable], (len(frames), len(stable), 3))
        expected = similarity_align(template, landmarks[:, stable])
        pose = head_pose(frames)
        for got, want in zip((pose.rotation, pose.scale, pose.translation), expected):
            assert got.tobytes() == want.astype(np.float32).tobytes()
        quick, canonical = canonical_pose(frames)
        full, canonical_full, _ = estimate_pose(frames)
        assert canonical.tobytes() == canonical_full.tobytes()
        assert all(getattr(quick, name).tobytes() == getattr(full, name).tobytes()
                   for name in ("rotation", "scale", "translation"))


def test_source_lips_equal_the_per_frame_statements(lp_s1_512):
    """The source's lip weights made once (`retarget._source_lips`) take off the lips' closing (`_close_no_further`)
    and their sideways slide (`limit_lip_slide`) as the per-frame statements did, bit for bit, on preset:laugh's
    expressions carried onto lp_s1; the closing is taken off some frames."""
    lm = lp_s1_512[1]
    c_src = retarget_module._source_face(lm.tobytes(), lm.dtype.str, lm.shape)[0]
    motion = preset_motion("laugh", 2.0)
    pressed = motion.expression.astype(np.float64) * 3.0  # (each way, pressed well past the source's gap)
    c = c_src[None] + np.concatenate([pressed, -pressed])
    fast, plain = c.copy(), c.copy()
    retarget_module._close_no_further(fast, c_src)
    # The per-frame statement (`_towards_mouth` of c_src, `_column_weights` of c_src, each frame).
    up, lo = retarget_module.INNER_PAIRS
    below = c_src[:, 1] > (c_src[13, 1] + c_src[14, 1]) / 2
    below[list(retarget_module.ids.INNER_UPPER_LIP[1:-1] + retarget_module.ids.OUTER_UPPER_LIP[1:-1])] = False
    below[list(retarget_module.ids.INNER_LOWER_LIP[1:-1] + retarget_module.ids.OUTER_LOWER_LIP[1:-1])] = True
    gaps = np.maximum(c_src[lo, 1] - c_src[up, 1], 0.0)
    offsets = plain[:, :, 1] - c_src[None, :, 1]
    towards = np.where(below[None], np.minimum(offsets, 0.0), np.maximum(offsets, 0.0))
    closing = offsets[:, up] - offsets[:, lo]
    soft = retarget_module.LIP_SOFTNESS
    kept = retarget_module.soft_limits(np.maximum(closing, 0.0), np.maximum(gaps - soft, 0.0),
                                       np.maximum(gaps, soft))
    share = np.clip((closing - kept) / np.maximum(towards[:, up] - towards[:, lo], 1e-12), 0.0, 1.0)
    plain[:, :, 1] -= ((share @ retarget_module._column_weights(c_src).T)
                       * retarget_module._region_points()["lips"][None] * towards)
    assert fast.tobytes() == plain.tobytes() and not np.array_equal(fast, c)
    mouth = retarget_module._source_face(lm.tobytes(), lm.dtype.str, lm.shape)[6]
    once, each = fast.copy(), fast.copy()
    limit_lip_slide(once, c_src, mouth, retarget_module._lips_of(c_src)[2])
    limit_lip_slide(each, c_src, mouth)
    assert once.tobytes() == each.tobytes()
    assert retarget_module._lips_of(c_src)[2].tobytes() == slide_weights(c_src).tobytes()

