"""The thirty-fifth and thirty-sixth sessions' render speed-ups (issue #9, speed): work skipped where its result is
known, on real frames of lp_s1 at 512 x 512 (the bench's portrait: earrings, a turned photo's unfolded band) on
preset:turn. Each skipped step is recorded while the engine renders and checked against its plain statement, bit for
bit: the unfolded band laid out again (`spread_band`) on its window, with the seen face found there alone, against
the whole grid's, and that window found once a band; a pendant's fade before the face's triangles
(`pendants._away_from`) eased on its box against the whole grid; a coarse grid with no sample set (most frames'
`laid`) not upsampled, its pixels the upsampled zeros; the fade band's triangles' stretch read on them alone
(`TriangleHealth.stretched` of `rows`) against every triangle's, cut to them."""

from __future__ import annotations

import cv2
import numpy as np
from mesh_faces import set_up_copy

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.geometry.triangle_health import TriangleHealth
from facereel.engines.mesh.head_edge import pendants, unfolded_fill
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (12, 20, 25, 30, 34, 40)  # of a 2 s preset:turn: turning one way, the far side (its band laid out), back


def _render(image: np.ndarray, lm: np.ndarray) -> None:
    animator = set_up_copy(image, lm)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    for k in FRAMES:
        animator.render(targets[k])


def _spread_on_whole_grid(reads, band, seen, cheek, reach):
    """`spread_band` as it was before its window: the seen face's reads of the cheek checked on every sample."""
    outer = unfolded_fill._outer(band, seen)
    h, w = cheek.shape
    at = np.rint(reads).astype(np.intp)
    movable = seen & cheek[np.clip(at[..., 1], 0, h - 1), np.clip(at[..., 0], 0, w - 1)]
    solve = unfolded_fill.laid_out(band, seen, reach, movable) & ~outer
    return unfolded_fill.harmonic(reads, solve, (seen | band) & ~solve)


def test_spread_band_on_its_window_equals_the_whole_grids(lp_s1_512, monkeypatch):
    """The band laid out on `spread_window` (the band's rows, its columns widened by the reach, one sample more all
    round), given the seen face there alone, equals the band laid out on the whole grid with the whole seen face; the
    window is smaller than the grid and some band is laid out."""
    spread, seen_face, compared, seen_faces = unfolded_fill.spread_band, MeshAnimator.seen_face, [], []

    def whole_seen_face(self, triangles):  # the seen face on the whole grid, for the reference
        seen_faces.append(seen_face(self, self.warp.triangle_ids))
        return seen_face(self, triangles)

    def recording(reads, band, seen, cheek, reach, window):
        laid = spread(reads, band, seen, cheek, reach, window)
        whole = _spread_on_whole_grid(reads, band, seen_faces[-1], cheek, reach)
        assert laid.tobytes() == whole.tobytes() and (laid is reads) == (whole is reads)
        assert window == unfolded_fill.spread_window(band, reach)
        compared.append(((window[0].stop - window[0].start) * (window[1].stop - window[1].start) < band.size,
                         laid is not reads))
        return laid

    monkeypatch.setattr(animator_module, "spread_band", recording)
    monkeypatch.setattr(MeshAnimator, "seen_face", whole_seen_face)
    _render(*lp_s1_512)
    assert compared and all(smaller for smaller, _ in compared) and any(moved for _, moved in compared)


def test_the_spread_window_is_found_once_a_band(lp_s1_512, monkeypatch):
    """`spread_window` is worked out once for each band `MeshAnimator._spread_band` lays out (it hands it to
    `spread_band`), not again inside it; some frames have a band to lay out."""
    window, band_calls, window_calls = unfolded_fill.spread_window, [], []
    own = MeshAnimator._spread_band

    def counted_window(band, reach):
        window_calls.append(band.any())
        return window(band, reach)

    def counted_band(self, reads, band, triangles):
        band_calls.append(None)
        return own(self, reads, band, triangles)

    monkeypatch.setattr(unfolded_fill, "spread_window", counted_window)
    monkeypatch.setattr(animator_module, "spread_window", counted_window)
    monkeypatch.setattr(MeshAnimator, "_spread_band", counted_band)
    _render(*lp_s1_512)
    assert any(window_calls) and len(window_calls) == len(band_calls)


def test_a_pendants_fade_on_its_box_equals_the_whole_grids(lp_s1_512, monkeypatch):
    """lp_s1's earrings' fade before the face's triangles eased on the box the pendant reaches equals the whole grid's
    fade cut to that box, on the grids and boxes the frames give it."""
    away, compared = pendants._away_from, []

    def recording(shown, band, box):
        eased = away(shown, band, box)
        t = np.clip(cv2.distanceTransform(shown.astype(np.uint8), cv2.DIST_L2, 3) / max(band, 1.0), 0.0, 1.0)
        whole = (t * t * (3 - 2 * t))[box]
        assert eased.dtype == whole.dtype and eased.tobytes() == whole.tobytes()
        compared.append(eased.size < shown.size)
        return eased

    monkeypatch.setattr(pendants, "_away_from", recording)
    _render(*lp_s1_512)
    assert compared and all(compared)


def test_an_empty_grid_is_not_upsampled(lp_s1_512, monkeypatch):
    """`MeshAnimator._on_box` gives a coarse grid with no sample set (the laid-out band on frames laying out none) as
    the upsampled zeros without upsampling it, and any other grid as upsampled; both kinds are drawn."""
    on_box, resize, grids, upsampled = MeshAnimator._on_box, cv2.resize, [], []

    def counted_resize(image, size, *args, **kwargs):
        if grids and grids[-1] is None:  # within `_on_box`
            upsampled.append(bool(image.any()))
        return resize(image, size, *args, **kwargs)

    def recording(self, coarse, box):
        grids.append(None)
        out = on_box(self, coarse, box)
        grids[-1] = coarse
        if coarse is not None:
            whole = resize(coarse.astype(np.float32), self.warp.size, interpolation=cv2.INTER_LINEAR)[box]
            assert out.dtype == whole.dtype and out.tobytes() == whole.tobytes()
        return out

    monkeypatch.setattr(MeshAnimator, "_on_box", recording)
    monkeypatch.setattr(animator_module.cv2, "resize", counted_resize)
    _render(*lp_s1_512)
    empty = [not grid.any() for grid in grids if grid is not None]
    assert any(empty) and not all(empty)
    assert upsampled and all(upsampled)  # no grid of zeros upsampled


def test_the_fade_bands_stretch_read_on_its_triangles_equals_every_triangles(lp_s1_512, monkeypatch):
    """The fade band's triangles' stretch (`TriangleHealth.stretched` of their `rows`), as each frame reads it for
    `MeshAnimator._spread_fade_band`, equals the stretch of every triangle cut to those rows; they are a tenth of the
    triangles and some of them are stretched."""
    stretched, compared = TriangleHealth.stretched, []

    def recording(self, target, limit, most=np.inf, rows=slice(None)):
        out = stretched(self, target, limit, most, rows)
        assert np.array_equal(out, stretched(self, target, limit, most)[rows])
        compared.append((len(out) < len(self.triangles) / 5, int(out.sum())))
        return out

    monkeypatch.setattr(TriangleHealth, "stretched", recording)
    _render(*lp_s1_512)
    assert compared and all(fewer for fewer, _ in compared) and any(count for _, count in compared)
