"""Warp health on the hard presets (issue #9): the per-triangle stretch limit keeps the face's silhouette
band and the skin by the mouth corners from smearing, on real frontal and turned faces; the per-frame
figures reach the Python API and the `animate` summary line."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import fill_unfolded_as_unseen, portrait, set_up_copy, shared_animator

from stretch_reference import forward_linear, largest_stretch

from facereel.animate import PortraitAnimator
from facereel.cli.animate import health_summary
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.animator import _HEALTH_STRIDE
from facereel.engines.mesh.figures.health_causes import CAUSES, health_causes
from facereel.engines.mesh.geometry import pose_limit
from facereel.engines.mesh.geometry.stretch_limit import MIN_TWICE_AREA, StretchLimit, signed_areas
from facereel.engines.mesh.geometry.warp import triangle_affines
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LAUGH_WIDE = (40, 44, 48)  # frames of preset:laugh (4 s) with the mouth at its widest
TURN_FAR = (20, 83)  # frames of preset:turn (4 s) near its yaw/pitch diagonals
SLIVERS = 89  # lp_s1's preset:turn (4 s) frame of its largest warp health on main: thin folded first-band slivers
TEMPLE_FOLD = (16, 17)  # lp_s3's preset:turn (4 s) frames of its largest warp health: the far temple's hair band folded


def preset_targets(lm: np.ndarray, name: str) -> np.ndarray:
    """A 4 s preset retargeted onto `lm` as `facereel animate` does (no smoothing: extremes reached)."""
    return retarget(lm, preset_motion(name, 4.0), RetargetOptions(smoothing=None, translate=True))


def over_stretched(target: np.ndarray, source: np.ndarray, triangles: np.ndarray, limit: float) -> int:
    """How many triangles not turned over stretch more than `limit` (largest singular value)."""
    linear = forward_linear(target[triangles].astype(np.float64), source[triangles].astype(np.float64))
    return int(((largest_stretch(linear) > limit) & (np.linalg.det(linear) > 0)).sum())


def test_stretch_limit_compresses_over_stretched_face_triangles(face):
    """The limit is approached iteratively (shared vertices): it at least halves the number of face
    triangles (larger than the tracker's noise) stretched beyond 4x at the widest laugh and the far turn, and leaves a still face alone."""
    image, lm = face
    skin = set_up_copy(image, lm)._skin_tris
    src = lm[:, :2]
    skin = skin[np.abs(signed_areas(src, skin)) > MIN_TWICE_AREA]  # the triangles the limit covers
    limit = StretchLimit(src, skin, 3.0)
    assert np.array_equal(limit(src), src)  # nothing moves: nothing changes
    laugh, turn = preset_targets(lm, "laugh"), preset_targets(lm, "turn")
    for target in (laugh[44], turn[20], turn[83]):
        before = over_stretched(target[:, :2], src, skin, 4.0)
        after = over_stretched(limit(target[:, :2]), src, skin, 4.0)
        assert before > 0 and after <= 0.55 * before, (before, after)


def _health(animator: MeshAnimator, targets: np.ndarray, frames: tuple[int, ...]) -> np.ndarray:
    out = []
    for k in frames:
        animator.render(targets[k])
        out.append(animator.warp_health)
    return np.array(out)


def check_health_falls(image: np.ndarray, lm: np.ndarray, presets: tuple[str, ...],
                       limited: MeshAnimator | None = None) -> None:
    """The stretch limit lowers the warp health by > 10% at the widest laugh and/or the far turn (not to
    zero yet: docs/mesh-engine.md). The unlimited engine reuses the limited one's setup of the photo (`like=`:
    crop box, head mask, plate; the warp health reads the map and the mask: bit-identical to a fresh setup's on
    these faces, ~2 CPU s less on sr_8). `limited`: a fresh default one of `image` (None: set up here)."""
    limited = limited if limited is not None else MeshAnimator(image, lm)
    unlimited = MeshAnimator(image, lm, MeshOptions(stretch_limit=1e9), like=limited)
    for name in presets:
        frames = {"laugh": LAUGH_WIDE, "turn": TURN_FAR}[name]
        targets = preset_targets(lm, name)
        with_limit, without = _health(limited, targets, frames), _health(unlimited, targets, frames)
        assert with_limit.sum() < 0.9 * without.sum(), (name, with_limit, without)


def test_stretch_limit_lowers_warp_health(face):
    check_health_falls(*face, ("laugh", "turn"))


@pytest.mark.slow
def test_stretch_limit_lowers_warp_health_on_a_turned_face():
    """sr_8 (turned ~34 deg): the laugh. Its turn is dominated by the hair on the skull shell, which this
    limit does not touch (0.288 -> 0.277 summed over the two frames)."""
    check_health_falls(*portrait("sr_8"), ("laugh",), shared_animator("sr_8"))


@pytest.mark.slow
def test_api_and_cli_report_warp_health(astronaut, astronaut_video, tmp_path):
    """Per frame, from the two-pass path (a preset) and the streamed one (a driving video)."""
    video = PortraitAnimator("mesh", size=256)(astronaut, "preset:laugh")
    assert len(video.warp_health) == len(video.frames) == len(preset_motion("laugh"))
    assert all(0.0 <= v <= 1.0 for v in video.warp_health) and max(video.warp_health) > 0
    streamed: list[float] = []
    n = PortraitAnimator("mesh", size=256).to_file(astronaut, astronaut_video, tmp_path / "a.mp4",
                                                   warp_health=streamed)
    assert len(streamed) == n == 12 and all(0.0 <= v <= 1.0 for v in streamed)
    assert health_summary([0.0, 0.0213, 0.004]) == ", warp health max 0.021 (2 frames > 0)"


def test_the_summary_max_agrees_with_its_count() -> None:
    """A max above 0 that rounds to 0.000 reads "< 0.001" beside its count of frames over 0 (h36-fresh: lp_s5
    `--body` said "max 0.000 (3 frames > 0)"); a max of 0 stays 0.000 beside 0 frames."""
    assert health_summary([0.0, 0.0004, 0.0001, 0.0002]) == ", warp health max < 0.001 (3 frames > 0)"
    assert health_summary([0.0, 0.0005]) == ", warp health max 0.001 (1 frames > 0)"
    assert health_summary([0.0, 0.0]) == ", warp health max 0.000 (0 frames > 0)"


def test_the_painted_mouth_opening_is_not_the_warps(face):
    """The strip filling the opened mouth stretches from the closed source lips; the mouth renderer paints
    over it, so it counts only when the mouth is not painted."""
    image, lm = face
    target = preset_targets(lm, "laugh")[44]
    painted, plain = set_up_copy(image, lm), set_up_copy(image, lm, MeshOptions(mouth=False))
    painted.render(target)
    plain.render(target)
    assert plain.warp_health > painted.warp_health + 0.002, (plain.warp_health, painted.warp_health)


@pytest.mark.slow
def test_triangles_the_photo_shows_from_behind_do_not_fold(monkeypatch):
    """sr_8 is turned ~34 deg: the photo shows the far side of its nose and cheek from behind. Turned back
    towards the camera, their own (folded) maps are replaced by the map around them: the health falls.
    (The hidden side's pose limit, which keeps sr_8 from turning back this far, is lifted here.) Read with the
    unfolded far band filled as the other unseen triangles (`mesh_faces.fill_unfolded_as_unseen`): its source
    positions filled from the face read the photo's last skin stretched over the band on purpose (h16-sr18tear),
    a stretch the health counts."""
    monkeypatch.setattr(pose_limit, "HIDDEN_GAIN", 0.0)
    fill_unfolded_as_unseen(monkeypatch)
    image, lm = portrait("sr_8")
    fixed = MeshAnimator(image, lm)
    folding = MeshAnimator(image, lm, like=fixed)  # its setup reused: health bit-identical to a fresh one's
    folding._unseen = np.zeros_like(fixed._unseen)  # every triangle with its own map, as before
    targets = preset_targets(lm, "turn")
    frames = (62, 64, 66)  # turned back ~35 deg, raised
    with_fix, without = _health(fixed, targets, frames), _health(folding, targets, frames)
    assert with_fix.sum() < 0.97 * without.sum(), (with_fix, without)


def _temple_fold() -> tuple[MeshAnimator, float, list[float]]:
    """lp_s3 mapped (`map_frame`) with its own landmarks as the target (the source repeated), then at `TEMPLE_FOLD`
    of preset:turn (4 s): the animator as the last frame left it, the source repeated's warp health and the frames'."""
    animator = shared_animator("lp_s3")
    lm = animator.source_landmarks
    animator.map_frame(lm)
    still, health = animator.warp_health, []
    for k in TEMPLE_FOLD:
        animator.map_frame(preset_targets(lm, "turn")[k])
        health.append(animator.warp_health)
    return animator, still, health


def test_the_folded_hair_band_the_health_counts_is_drawn_folded():
    """lp_s3 x preset:turn frame 17, its health's max (h46-health): every flagged sample lies on a first-band hair
    triangle turned over (the far temple's outline moved out past the first ring), and the map draws each from that
    triangle's own, mirrored, affine map (within 0.5 px, at its nearest crop pixel: the seam's exact map where it
    redraws it; h46-health2: 22 samples read by the rasteriser's triangles, 10 by those drawn), not from a fill, a
    cover or a fold redrawn: the figure counts pixels the frame draws folded (the crease through the hair at the
    temple), so the route is the placement, not the count. The source repeated reads 0."""
    animator, still, health = _temple_fold()
    assert still == 0.0 < health[-1]
    counts = health_causes(animator)
    assert counts[CAUSES.index("hair rings turned over")] == counts.sum() >= 8, dict(zip(CAUSES, counts))
    _, counted, differences, own, tri = animator.health_samples()
    rows, cols = np.nonzero((differences | own) & counted)
    triangles = animator.warp.triangles[tri[rows, cols]]
    affine = triangle_affines(animator.vertices[triangles], animator._src_vertices[triangles])  # target -> source
    # at each sample's nearest crop pixel (the one whose drawing the health reads it by, `drawn_triangles`), the map
    # the frame draws there (the seam's exact one where it redraws the pixel)
    x = np.rint(animator._coarse_x[0, cols]).astype(np.intp)
    y = np.rint(animator._coarse_y[rows, 0]).astype(np.intp)
    own_read = np.einsum("nij,nj->ni", affine, np.stack([x, y, np.ones(len(rows))], 1).astype(np.float32))
    full = animator.warp.full_size(animator.warp.coarse_displacement, animator.warp.seam)
    drawn = np.stack([x, y], 1) + full[y, x]
    assert np.abs(drawn - own_read).max() < 0.5, np.abs(drawn - own_read).max(1)


@pytest.mark.xfail(strict=True, reason="measured (h46-health, 2026-12-07): lp_s3 x preset:turn frames 16 / 17 warp "
                   "health 0.0063 / 0.0063, all of it the far temple's first hair band turned over where the "
                   "outline moves out past the first ring (drawn folded); five placements tried and dropped "
                   "(docs/status.md, h26-, h27-, h29-ringfold)")
def test_the_turn_keeps_the_far_temple_healthy():
    """The issue's bar on the portrait whose max is the hair band's fold alone: no flagged sample at `TEMPLE_FOLD`."""
    assert max(_temple_fold()[2]) == 0.0



@pytest.mark.slow  # lp_s1's set-up
def test_a_sample_is_read_by_the_triangle_it_is_drawn_with():
    """The health reads each sample by the triangle its pixel is drawn with (`drawn_triangle.drawn_triangles`): lp_s1's
    frame 89 under 0.0025 (the source repeated reads 0). Read by the conservative rasteriser's triangle it was 0.0049
    (h46-health): 17 of its 19 flagged samples lay 0.2-2.1 px outside the thin folded first-band slivers they were
    given, drawn by the seam from the unfolded ring triangles covering them; 0.0005 since h46-health2."""
    animator = shared_animator("lp_s1")
    lm = animator.source_landmarks
    animator.map_frame(lm)
    assert animator.warp_health == 0.0
    animator.map_frame(preset_targets(lm, "turn")[SLIVERS])
    assert animator.warp_health < 0.0025, animator.warp_health



def _covers(animator: MeshAnimator, tri: np.ndarray, points: np.ndarray) -> np.ndarray:
    """(N,) bool: whether target triangle tri (N,) int of the last map (-1: none) covers points (N, 2) crop px
    (barycentric, within 1e-4)."""
    t = animator.vertices[animator.warp.triangles[np.maximum(tri, 0)]].astype(np.float64)  # (N, 3, 2)
    edges = np.stack([t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]], 2)  # (N, 2, 2): columns the two edges
    b = np.linalg.solve(edges, (points - t[:, 0])[..., None])[..., 0]
    return (tri >= 0) & (b.min(1) >= -1e-4) & (b.sum(1) <= 1 + 1e-4)


def test_a_sample_off_its_rasterised_triangle_is_read_by_the_one_covering_its_pixel(face):
    """At preset:turn's far diagonals (`TURN_FAR`) the health reads a sample by another triangle than the
    conservative rasteriser's only where the seam redraws the sample's nearest pixel, by a triangle covering that
    pixel (`MeshWarp._seam`'s rule); on most of them the rasterised triangle, beside it, does not cover it."""
    image, lm = face
    animator = set_up_copy(image, lm)
    changed, off = 0, 0
    for k in TURN_FAR:
        animator.map_frame(preset_targets(lm, "turn")[k])
        drawn = animator.health_samples()[4]
        raster = animator.head_samples(_HEALTH_STRIDE, animator._coarse_x, animator._coarse_y)[3]
        rows, cols = np.nonzero(drawn != raster)
        pixel = np.stack([np.rint(animator._coarse_x[0, cols]), np.rint(animator._coarse_y[rows, 0])], 1)
        assert _covers(animator, drawn[rows, cols], pixel).all()
        changed += len(rows)
        off += int((~_covers(animator, raster[rows, cols], pixel)).sum())
    assert changed > 0 and off > 0.5 * changed, (changed, off)
