"""Piecewise-affine backward warp of a triangle mesh, rasterised at low resolution.

For every target triangle the affine map target -> source is exact, so the backward map only needs the
triangle id at each pixel. Ids are rasterised on a coarse grid (painter's algorithm, far triangles first,
so folded/back-facing triangles of a turned head end up hidden) and the resulting *displacement* field is
upsampled bilinearly: displacement rather than absolute coordinates, so areas that do not move get an
exactly zero displacement and stay bit-identical after `cv2.remap`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from facereel.engines.mesh.draw_kernels import set_pixels
from facereel.engines.mesh.geometry.edge_coverage import jump_pairs, neighbour_triangles, shared_samples
from facereel.engines.mesh.geometry.map_kernels import (affine_field, affine_maps, affine_points, agreeing_pixels,
                                                         clamped_moves, edge_inverses, fill_triangles, jump_cells,
                                                         laid_back, moving_extent, neighbour_cells, sample_triangles,
                                                         seam_pixels, triangle_bounds, uncovered_jumps,
                                                         uncovered_pixels, unheld_pixels)
from facereel.engines.mesh.geometry.map_kernels import surface_distortion as map_surface_distortion
from facereel.engines.mesh.geometry.photo_cover import PhotoCover
from facereel.engines.mesh.geometry.stretch_limit import singular_values
from facereel.engines.mesh.layers import fill_hole

_SHIFT = 4  # fractional bits of the rasterised vertices (`fill_triangles`): 1/16 px on the coarse grid


_MAX_GAIN = 6.0  # a target triangle whose map magnifies offsets more than this is "thin"
_FILL_PAD = 16  # coarse samples of context around a hole at the least (`_fill_around`)
_STILL = 1e-3  # px: a displacement below this is nothing (cv2.remap places samples on a 1/32 px lattice)
_FLAT_DET = 1e-3  # px^2: a triangle's doubled area below which `_bounds` does not bound it
_LEAST_DET = 1e-6  # px^2: `_edge_inverse` clamps a triangle's doubled area no nearer zero than this
_BOX_MARGIN = 1.0  # px: a triangle covers (within `_COVER_SLACK`) no pixel this far off its box
_BOX_PAD = 3  # coarse samples: no triangle drawn by `_rasterise` reaches 1 sample past its vertices' box
_SEAM_JUMP = 1.0  # px: a coarse cell whose corners' maps disagree by more is redrawn per crop pixel (`_seam`)
_COVER_SLACK = 1e-6  # barycentric: a point this far outside a triangle still counts as covered
# (`map_kernels._covers`)
_SURFACE_REACH = 2  # samples: `surface_gradients` reads this many either side of a sample along each axis


def _with_neighbours(qy: np.ndarray, qx: np.ndarray, shape: tuple[int, int]
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows and columns (Q',) int64 of the coarse cells (qy, qx (Q,) int, of a grid of `shape` (rows, columns)
    cells) and of the 8 cells around each, each once, row by row, and (rows, columns) bool: the cells (qy,
    qx). A jump that runs along a kept cell's side has its pixels on the far side in the next cell, whose
    corners may all lie on one side of it: without that cell, the pair of pixels across the jump is not in
    the seam and is drawn hard, without coverage (`edge_coverage`): lp_s5's laughing cheek over its hair, a
    staircase of 1-px steps."""
    return neighbour_cells(np.asarray(qy, np.int64), np.asarray(qx, np.int64), *shape)


_IDENTITY = np.array([[1, 0, 0], [0, 1, 0]], dtype=np.float32)


@dataclass(frozen=True)
class Seam:
    """Crop pixels where a displacement jumps (a fold, an occlusion) and their exact values: rows, cols (N,)
    int crop px, values (N, 2) float32 backward displacement, crop px (`MeshWarp.full_size` sets them),
    triangles (N,) int64 the triangle whose map each is drawn with.
    The jump itself (`edge_coverage.jump_pairs`): pairs (K, 2) int indices into rows and cols of the
    neighbouring pixels it runs between; edge (M,) int, the pixels of the pairs; edge_points (P, 2) float32
    crop px, the source positions (backward maps) of their `edge_coverage.SUBSAMPLES`, each distinct sample
    once (neighbouring pixels share half of theirs, `edge_coverage.shared_samples`); edge_samples (M, S) int,
    each edge pixel's samples' indices into edge_points (`edge_coverage.cover_jumps` draws them). upsampled:
    (H, W, 2) float32, the coarse field it was found on upsampled bilinearly (`MeshWarp._seam` needs it; kept
    so that `MeshWarp.full_size` does not upsample that field again), or None."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    triangles: np.ndarray
    pairs: np.ndarray
    edge: np.ndarray
    edge_points: np.ndarray
    edge_samples: np.ndarray
    upsampled: np.ndarray | None = None


def _edge_inverse(target: np.ndarray) -> np.ndarray:
    """(F, 2, 2) float64 inverse of each triangle's edge matrix [v1 - v0, v2 - v0] (target (F, 3, 2)):
    it turns an offset from v0 into barycentric coordinates (b1, b2). Degenerate triangles (closed lids,
    a shut mouth strip) get their determinant clamped away from zero (`_LEAST_DET`)."""
    return edge_inverses(np.ascontiguousarray(target), _LEAST_DET)


def _bounds(target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(F, 2) float64 lowest and highest x, y of each triangle of target (F, 3, 2), crop px; a (near)
    degenerate triangle (`_FLAT_DET`), whose clamped barycentric test may pass points far off it, gets -inf
    and +inf."""
    return triangle_bounds(np.ascontiguousarray(target), _FLAT_DET)


def triangle_affines(target: np.ndarray, source: np.ndarray, inverse: np.ndarray | None = None) -> np.ndarray:
    """(F, 2, 3) float32 affine maps sending each target triangle onto its source triangle.

    target, source: (F, 3, 2) vertex positions in px; inverse: `_edge_inverse(target)` if the caller has it.
    """
    return affine_maps(np.ascontiguousarray(target), np.ascontiguousarray(source),
                       _edge_inverse(target) if inverse is None else inverse)


def local_distortion(coarse: np.ndarray, spacing: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """How a backward displacement field (h, w, 2) sampled every `spacing` (x, y) px bends the image, per
    inner sample (h-2, w-2): whether the forward map (source -> target) folds (its Jacobian's determinant
    is negative), and its largest stretch (1 = none), from central differences over two samples. Across an
    occlusion (the map jumping from one surface to another) this measures the jump (`surface_distortion`
    does not)."""
    sx, sy = spacing
    ddx = (coarse[1:-1, 2:] - coarse[1:-1, :-2]) / (2 * sx)  # d(displacement)/dx, (h-2, w-2, 2)
    ddy = (coarse[2:, 1:-1] - coarse[:-2, 1:-1]) / (2 * sy)
    return _distortion(ddx, ddy)


def surface_distortion(coarse: np.ndarray, spacing: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """`local_distortion` of the surface a sample lies on: per inner sample (h-2, w-2), whether the forward
    map folds and its largest stretch, from `surface_gradients`.
    coarse: (h, w, 2) float32 backward displacement, px, sampled every `spacing` (x, y) px. Compiled
    (`map_kernels.surface_distortion`): `_distortion` of `surface_gradients` in float32, bit for bit (that numpy
    statement is tests/mesh/test_health_speed.py's reference)."""
    return map_surface_distortion(coarse, np.float32(2 * spacing[0]), np.float32(2 * spacing[1]))


def surface_gradients(coarse: np.ndarray, spacing: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """(ddx, ddy), each (h-2, w-2, 2): the backward displacement's derivatives along x and y (px per px) on
    the surface each inner sample lies on, from one-sided differences over two samples, per axis the side
    whose displacement changes least. Where the map jumps (an occlusion: the outline of the face over the hair
    or the background, the nose over the far cheek; the warp redraws those pixels from each side's own
    map), a central difference measures the jump, not a stretch of any drawn pixel; the side that stays on
    the sample's own surface does not. A fold or stretch wider than one sample still reads on both sides.
    coarse: (h, w, 2) backward displacement, px, sampled every `spacing` (x, y) px."""
    padded = np.pad(coarse, ((2, 2), (2, 2), (0, 0)), mode="edge")
    centre = padded[3:-3, 3:-3]

    def smoother(before: np.ndarray, after: np.ndarray) -> np.ndarray:
        back, ahead = centre - before, after - centre
        keep = (back * back).sum(-1) <= (ahead * ahead).sum(-1)
        return np.where(keep[..., None], back, ahead)

    sx, sy = spacing
    ddx = smoother(padded[3:-3, 1:-5], padded[3:-3, 5:-1]) / (2 * sx)  # d(displacement)/dx, (h-2, w-2, 2)
    ddy = smoother(padded[1:-5, 3:-3], padded[5:-1, 3:-3]) / (2 * sy)
    return ddx, ddy


def distortion_window(changed: np.ndarray) -> tuple[tuple[slice, slice], tuple[slice, slice]] | None:
    """(window, inner) for a grid whose `changed` samples ((h, w) bool) were changed: window, the (rows, columns) of
    the grid whose own `surface_distortion` gives the whole grid's values exactly at every sample a changed one reaches
    (`_SURFACE_REACH` along each axis; the window reaches as far again beyond them, or the grid's edge); inner, those
    samples' (rows, columns) in that (h-2, w-2) output. None where none changed."""
    if not changed.any():
        return None
    window, inner = [], []
    for axis, n in enumerate(changed.shape):
        at = np.flatnonzero(changed.any(1 - axis))
        first, last = max(1, int(at[0]) - _SURFACE_REACH), min(n - 2, int(at[-1]) + _SURFACE_REACH)
        start, stop = max(0, first - _SURFACE_REACH), min(n, last + _SURFACE_REACH + 1)
        window.append(slice(start, stop))
        inner.append(slice(first - start - 1, max(first - start - 1, last - start)))
    return (window[0], window[1]), (inner[0], inner[1])


def _distortion(ddx: np.ndarray, ddy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(folded, largest stretch) of the forward map whose backward map's derivatives of the displacement
    along x and y are ddx, ddy (..., 2): its Jacobian's determinant is negative; 1 / the backward Jacobian's
    smallest singular value."""
    a, b = 1 + ddx[..., 0], ddy[..., 0]  # backward Jacobian [[a, b], [c, d]]
    c, d = ddx[..., 1], 1 + ddy[..., 1]
    det, smallest, _ = singular_values(a, b, c, d)
    return det < 0, 1.0 / np.maximum(smallest, 1e-9)


class MeshWarp:
    """Backward maps for a fixed mesh topology inside a fixed crop.

    Args:
        triangles: (F, 3) int vertex indices.
        size: crop (width, height) in px; all coordinates given to this class are crop px.
        grid_step: coarse-grid spacing in crop px (>= 1); 1 rasterises at full resolution.
    """

    def __init__(self, triangles: np.ndarray, size: tuple[int, int], grid_step: float) -> None:
        self.triangles = np.asarray(triangles, dtype=np.int32)
        self.size = size
        w, h = size
        self.coarse = (max(2, round(w / grid_step)), max(2, round(h / grid_step)))
        cw, ch = self.coarse
        self._to_coarse = np.array([cw / w, ch / h], dtype=np.float32)
        # Crop-px position of each coarse pixel centre (cv2.resize's half-pixel convention).
        xs = (np.arange(cw, dtype=np.float32) + 0.5) / self._to_coarse[0] - 0.5
        ys = (np.arange(ch, dtype=np.float32) + 0.5) / self._to_coarse[1] - 0.5
        self._cx, self._cy = np.meshgrid(xs, ys)
        self.positions = np.stack([self._cx, self._cy], -1)  # (ch, cw, 2) float32: the coarse samples' crop px
        self.triangle_ids = np.full((ch, cw), -1, dtype=np.int32)  # the last map's triangle per coarse pixel
        self.spacing = (w / cw, h / ch)  # crop px between coarse samples (x, y)
        self.coarse_displacement = np.zeros((ch, cw, 2), dtype=np.float32)  # the last `displacement`'s
        self.seam: Seam | None = None  # the last `displacement`'s crop pixels redrawn exactly (`_seam`)
        self.unfolded: np.ndarray | None = None  # (ch, cw) bool: the last map's samples filled as `unfolded`, or None
        self.spread: np.ndarray | None = None  # (F,) bool: the last map's triangles `spread` or `relax` laid out again
        self.laid: np.ndarray | None = None  # (ch, cw) bool: the last map's samples `spread` moved, or None
        self.covered: np.ndarray | None = None  # (ch, cw) bool: the last map's samples `cover` filled, or None

    @property
    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """The coarse samples' crop-px x and y, each (ch, cw) float32."""
        return self._cx, self._cy

    def displacement(self, target: np.ndarray, source: np.ndarray, draw_order: np.ndarray,
                     unseen: np.ndarray | None = None, unfolded: np.ndarray | None = None,
                     fill_from: Callable[[], np.ndarray] | None = None,
                     pull: Callable[[np.ndarray], np.ndarray] | None = None,
                     hold: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
                     holds: np.ndarray | None = None,
                     spread: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None,
                     relax: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
                     cover: PhotoCover | None = None) -> np.ndarray:
        """(h, w, 2) float32 backward displacement on the coarse grid (`coarse`; `full_size` gives it per crop
        pixel): source position minus target position, crop px. Also kept as `coarse_displacement`.

        target, source: (V, 2) vertex positions in crop px. draw_order: triangle indices, farthest first;
        triangles left out are not drawn. Pixels no triangle covers get zero displacement. unseen: (F,) bool,
        triangles the source shows from behind (turned over in the photo, hidden by what is in front): they
        occlude like the others, but where they show, the displacement continues smoothly from the pixels
        around them instead of their own folded map (which would smear the occluder, e.g. the nose's side).
        unfolded: (F,) bool, the unseen triangles that face the camera in this frame (the band a turned photo
        folds under its far silhouette, turned back into view): where they show, the source positions are
        filled from the pixels of the triangles `fill_from()` gives ((F,) bool, asked only where such a sample shows;
        None: every seen one), so they read the
        photo's last pixels inside the silhouette stretched, not what lies beyond it; pull: then moves those
        filled source positions ((N, 2) crop px -> (N, 2)), e.g. back onto the photo's skin (`unfolded_fill.SkinEdge`);
        spread: then lays out the source positions of the grid again ((h, w, 2) crop px, the band (h, w) bool and
        the triangle ids (h, w) int -> (h, w, 2) crop px; `unfolded_fill.spread_band`).
        relax: then lays out the source positions of the grid again on every frame ((h, w, 2) crop px and the triangle
        ids (h, w) int -> (h, w, 2) crop px; `fade_band.spread_fade_band`); the triangles either moved are `spread`.
        hold: then changes the field in place, given it and its triangle ids (h, w) (-1: none), and gives the share
        it changed per sample ((h, w) float32; e.g. `pendants.hold_pendants`: an earring moved as one piece), on
        samples of the triangles `holds` ((F,) bool) only: the seam's exact maps of those triangles are not drawn
        where that is not 0 (they would draw the map the hold changed; the others', a face's edge over them, are).
        cover: the photo's `photo_cover.PhotoCover`: a ring's sample whose read a face triangle the frame shows reads
        too (a turned photo's far cheek over the first ring, turned back: its rim drawn twice) is filled from the
        ring's other samples (kept as `covered`), and no such read is drawn exactly on the seam.
        """
        tri_t = np.take(target, self.triangles, axis=0)  # (F, 3, 2)
        tri_s = np.take(source, self.triangles, axis=0)
        inverse = _edge_inverse(tri_t)  # shared by the affine maps and the seam's coverage test
        affines = triangle_affines(tri_t, tri_s, inverse)
        ids, box = self._rasterise(tri_t, draw_order)
        # Per triangle, its map minus the identity (the displacement's affine map), with a zero row last
        # that id -1 (no triangle) picks. Worked out on the box the triangles were drawn in only: outside it no
        # triangle covers a sample (zero).
        moves = np.zeros((6, len(affines) + 1), dtype=np.float32)
        moves[:, :-1] = (affines - _IDENTITY).reshape(-1, 6).T
        x, y, drawn = self._cx[box], self._cy[box], ids[box]
        coarse = np.zeros(ids.shape + (2,), dtype=np.float32)
        self.unfolded = self.spread = self.laid = self.covered = None
        field = coarse[box]
        # Rasterisation is conservative: a pixel centre may lie just outside its triangle. Extrapolating
        # the triangle's map there is right for ordinary triangles (and keeps an unmoved area exact), but
        # a thin triangle's map extrapolates wildly: there, clamp to the triangle.
        gain = np.abs(affines[:, :, :2])  # max over the 4 linear coefficients, elementwise (as .max((1, 2)))
        gain = np.maximum(np.maximum(gain[:, 0, 0], gain[:, 0, 1]), np.maximum(gain[:, 1, 0], gain[:, 1, 1]))
        thin_tris = gain > _MAX_GAIN
        hidden = np.zeros(len(affines), bool) if unseen is None else unseen
        thin, hole = affine_field(field, drawn, moves, x, y, thin_tris, hidden)
        if len(thin):
            at = np.divmod(thin, drawn.shape[1])
            field[at] = clamped_moves(x[at], y[at], drawn[at], tri_t, inverse, tri_s)
        twice = None
        if cover is not None and cover.under_face.any():  # the ring's reads a face triangle the frame shows reads
            # again (`photo_cover`)
            on_grid = np.zeros(len(affines), bool)  # the triangles the frame shows (but thin ones, clamped)
            on_grid[drawn[drawn >= 0]] = True
            on_grid &= ~thin_tris

            def twice(reads: np.ndarray, tri: np.ndarray) -> np.ndarray:
                return cover.read_twice(reads, tri, on_grid)

            fy, fx = np.nonzero(cover.under_face[np.maximum(drawn, 0)] & (drawn >= 0))  # (the only ones checked)
            read = twice(np.stack([x[fy, fx], y[fy, fx]], 1) + field[fy, fx], drawn[fy, fx])
            if read.any():  # filled from the ring's other samples: the ring beyond the rim moves as the ring around it
                covered = self.covered = np.zeros(ids.shape, bool)
                covered[fy[read] + box[0].start, fx[read] + box[1].start] = True
                rings = (ids >= 0) & cover.rings[np.maximum(ids, 0)]
                _fill_around(coarse, covered, lambda window: rings[window] & ~covered[window])
        if len(hole):
            hy, hx = np.divmod(hole, drawn.shape[1])
            hy, hx = hy + box[0].start, hx + box[1].start  # the hole's samples on the whole grid
            whole = np.zeros(ids.shape, bool)
            whole[hy, hx] = True
            _fill_around(coarse, whole, lambda window: ~whole[window])
            facing = unfolded[ids[hy, hx]] if unfolded is not None else None  # a hole's samples lie on triangles
            if facing is not None and facing.any():
                shown = np.zeros(ids.shape, bool)
                shown[hy[facing], hx[facing]] = True
                self.unfolded = shown
                sources = fill_from() if fill_from is not None else None

                def known(window: tuple[slice, slice]) -> np.ndarray:
                    if sources is None:
                        return ~whole[window]
                    return ~whole[window] & (ids[window] >= 0) & sources[np.maximum(ids[window], 0)]

                _fill_around(coarse, shown, known, (self._cx, self._cy))
                if pull is not None:
                    at = np.stack([self._cx[shown], self._cy[shown]], 1)
                    points = at + coarse[shown]
                    pulled = pull(points)
                    coarse[shown] = np.where(pulled == points, coarse[shown], pulled - at)
                if spread is not None:
                    self.laid, self.spread = self._lay_out(coarse, ids, lambda reads: spread(reads, shown, ids),
                                                           len(affines))
        if relax is not None:
            relaxed = self._lay_out(coarse, ids, lambda reads: relax(reads, ids), len(affines))[1]
            if relaxed.any():
                self.spread = relaxed if self.spread is None else self.spread | relaxed
        held = (hold(coarse, ids), holds) if hold is not None and holds is not None else None
        self.coarse_displacement = coarse
        if self.spread is not None:  # drawn from the spread positions, not their own maps
            unseen = self.spread | (False if unseen is None else unseen)
        self.seam = self._seam(coarse, ids, moves, tri_t, tri_s, inverse, thin_tris, unseen, draw_order, box, held,
                               twice)
        return coarse

    def _lay_out(self, coarse: np.ndarray, ids: np.ndarray, lay: Callable[[np.ndarray], np.ndarray],
                 count: int) -> tuple[np.ndarray, np.ndarray]:
        """(h, w) bool, the samples it moved, and (count,) bool, their triangles: lays the source positions of
        `coarse` ((h, w, 2) displacement; in place) out again by `lay` ((h, w, 2) crop px -> (h, w, 2); as
        `displacement`'s `spread` or `relax`; its input array itself where it lays out nothing); ids: (h, w) int the
        samples' triangles (of `count`). On the whole grid: a window round the band cut the seen cheek it reaches
        (lp_s12 x preset:turn 89: a free edge there, the reads 16 px apart across it)."""
        reads = coarse + self.positions
        laid = lay(reads)
        out = np.zeros(count, bool)
        moved = np.zeros(coarse.shape[:2], bool)
        if laid is reads:  # nothing laid out: the field read back, moved by less than its rounding (~1e-4 px)
            np.subtract(reads, self.positions, out=coarse)
            return moved, out
        laid_back(coarse, laid, self.positions, ids, np.float32(_STILL), moved, out)
        return moved, out

    def full_size(self, coarse: np.ndarray, seam: Seam | None = None) -> np.ndarray:
        """(H, W, 2) float32: a coarse displacement (h, w, 2) upsampled bilinearly to every crop pixel, the
        pixels of `seam` (`displacement`'s for this field, kept as `seam`) set to their exact values. With a seam
        that kept its field upsampled, that array is set and returned (each call with that seam: the same one)."""
        if seam is None and self.coarse == self.size:
            return coarse
        if seam is not None and seam.upsampled is not None:
            full = seam.upsampled
        else:
            full = cv2.resize(coarse, self.size, interpolation=cv2.INTER_LINEAR)
        if seam is not None:
            set_pixels(full, seam.rows, seam.cols, seam.values)
        return full

    def _seam(self, coarse: np.ndarray, ids: np.ndarray, moves: np.ndarray, tri_t: np.ndarray,
              tri_s: np.ndarray, inverse: np.ndarray, thin_tris: np.ndarray, unseen: np.ndarray | None,
              draw_order: np.ndarray, box: tuple[slice, slice],
              held: tuple[np.ndarray, np.ndarray] | None = None,
              twice: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
              ) -> Seam | None:
        """The crop pixels of coarse cells a fold or an occlusion crosses (the map jumps: a cell's corners
        lie on triangles whose maps disagree there by more than `_SEAM_JUMP` px) and of the cells around them
        (`_with_neighbours`), each given the map of the
        last drawn of the triangles of the 4 x 4 samples around its cell that covers it (painter's algorithm
        at crop resolution; in a jump cell, where none of those does, of all the triangles:
        `map_kernels.uncovered_pixels`), or None. Upsampled bilinearly, such a jump follows the coarse grid's
        staircase: the outline of a face drawn over the background behind it would show teeth one coarse
        cell wide.

        coarse (h, w, 2), ids (h, w): the coarse field and its triangle ids; moves (6, F + 1): each
        triangle's map minus the identity (last: none); tri_t, tri_s (F, 3, 2): target and source
        triangles, crop px; inverse (F, 2, 2): `_edge_inverse(tri_t)`; thin_tris (F,) bool: maps clamped to
        their triangle; unseen, draw_order: as given to `displacement`; box: (rows, columns) of coarse
        samples outside which none is drawn (`_rasterise`); held: (h, w) where not 0 the field was changed, and the
        (F,) bool triangles it was changed on (`displacement`'s `hold`, `holds`): no pixel of such a cell whose exact
        map is such a triangle's is on the seam; twice: reads (N, 2) crop px of triangles (N,) -> (N,) bool, those
        `displacement`'s `cover` filled (a ring's read the face reads too): not drawn exactly."""
        ch, cw = ids.shape
        if min(ch, cw) < 2:
            return None
        rows, cols = box
        rank = np.full(len(moves[0]), -1, dtype=np.int64)
        rank[draw_order] = np.arange(len(draw_order))
        # Per triangle, what the cover test needs (`map_kernels._covers`), gathered in one: (F, 6) float64.
        coefficients = np.concatenate([tri_t[:, 0].astype(np.float64), inverse.reshape(-1, 4)], 1)
        hidden = np.zeros(len(tri_t), bool) if unseen is None else unseen
        xs, ys = self._cx[0, cols], self._cy[rows, 0]
        qy, qx = jump_cells(coarse[box], ids[box], moves, xs, ys, _SEAM_JUMP)
        # and the cells around a corner its conservative triangle does not cover, over a jump
        uy, ux = uncovered_jumps(coarse[box], ids[box], moves, xs, ys, rank, coefficients, hidden, _SEAM_JUMP,
                                 -_COVER_SLACK, 1 + _COVER_SLACK)
        if not len(qy) and not len(uy):
            return None
        qy, qx, jump = _with_neighbours(np.concatenate([qy, uy]) + rows.start, np.concatenate([qx, ux]) + cols.start,
                                        (ch - 1, cw - 1))
        # Each crop pixel between a kept cell's corner sample centres takes the last drawn of the triangles of
        # the 4 x 4 samples around the cell (a small triangle may cover part of a cell without covering any
        # of its corners) that covers it (a jump cell's pixel none of them covers: the last drawn of all that does);
        # pixels none covers, or covered by an unseen (filled) one, keep the bilinear value.
        lo, hi = _bounds(tri_t)
        w, h = self.size
        rows, cols, best, cell = seam_pixels(qy, qx, ids, rank, lo, hi, coefficients, self._cx[0], self._cy[:, 0], w, h,
                                             hidden, _BOX_MARGIN, -_COVER_SLACK, 1 + _COVER_SLACK)
        every_pixel = self.coarse == self.size
        if every_pixel:
            rows, cols, best = _own_triangles(rows, cols, best, qy, qx, ids, hidden)
        else:
            # A jump cell's pixels none of its candidates covers lie on a triangle no sample near the cell lies on
            # (a thin wedge behind the front's outline): drawn by it, as the exact map draws them (left bilinear,
            # lp_s1 x preset:turn 39-44's far cheek over its hair was a hard 1-px staircase read between its sides).
            more = uncovered_pixels(qy, qx, jump, rows, cols, self._cx[0], self._cy[:, 0], w, h,
                                    np.asarray(draw_order, np.int64), lo, hi, coefficients, hidden, _BOX_MARGIN,
                                    -_COVER_SLACK, 1 + _COVER_SLACK)
            rows, cols, best, cell = (np.concatenate(pair) for pair in zip((rows, cols, best, cell), more))
        if not len(rows):
            return None
        # A thin triangle's map is clamped to it (as on the coarse grid).
        px, py = cols.astype(np.float64), rows.astype(np.float64)
        out = _map_at(px, py, best, moves, thin_tris, tri_t, tri_s, inverse)
        if twice is not None:  # nor a ring's read the face reads too: bilinear, from the filled field
            free = ~twice(np.stack([px, py], 1) + out, best)
            rows, cols, best, out = rows[free], cols[free], best[free], out[free]
            cell = cell if every_pixel else cell[free]  # (`_own_triangles` left the cells behind: not read)
            if not len(rows):
                return None
        bilinear = None
        if not every_pixel:
            # A pixel of a cell around the jump's keeps its exact map only where the bilinear one agrees; where
            # it does not, a sliver the coarse grid passed over (lp_s1 x lp_d12's cheek: specks of wall) is left
            # so. (On a grid of every pixel no sliver lies between samples.)
            bilinear = cv2.resize(coarse, self.size, interpolation=cv2.INTER_LINEAR)
            kept = agreeing_pixels(cell, jump, qy, qx, rows, cols, best, out, bilinear, _SEAM_JUMP)
            rows, cols, best, out = rows[:kept], cols[:kept], best[:kept], out[:kept]
            if not len(rows):
                return None
        if held is not None:
            share, holds = held
            kept = unheld_pixels(rows, cols, best, out, share, holds, *self.size)
            rows, cols, best, out = rows[:kept], cols[:kept], best[:kept], out[:kept]
            if not len(rows):
                return None
        # The pixels at the jump, sampled at `SUBSAMPLES` each: every sample mapped by the last drawn of the
        # triangles of the 3 x 3 pixels around it that covers it (none, or an unseen one: the pixel's own).
        pairs, edge, index = jump_pairs(rows, cols, best, moves)
        # (Neighbouring pixels share half their samples: each distinct sample is worked out once, with the
        # candidates of the first pixel it belongs to.)
        near = neighbour_triangles(index, best, edge, rank)  # (9, M) draw ranks
        sx, sy, sample_pixel, of = shared_samples(rows[edge], cols[edge])
        # (Tested in float32: the samples' coordinates, the coefficients and the slack's bounds.)
        tri = sample_triangles(near, sample_pixel, sx, sy, np.asarray(draw_order, np.int64),
                               coefficients.astype(np.float32), np.float32(-_COVER_SLACK), np.float32(1 + _COVER_SLACK))
        if unseen is not None:
            tri[unseen[np.maximum(tri, 0)]] = -1
        # A sample none covers takes the map of its own pixel's triangle (the pixels sharing it may differ):
        # a point of its own for each such pixel's sample (the shared one left unused, mapped by triangle 0).
        pixel, sample = np.nonzero(tri[of] < 0)
        shared = of[pixel, sample]
        of[pixel, sample] = len(sx) + np.arange(len(pixel))
        sx, sy = np.concatenate([sx, sx[shared]]), np.concatenate([sy, sy[shared]])
        tri = np.concatenate([np.maximum(tri, 0), best[edge[pixel]]])
        points = np.stack([sx, sy], 1) + _map_at(sx, sy, tri, moves, thin_tris, tri_t, tri_s, inverse)
        if twice is not None:  # a sample's ring read the face reads too: its own pixel's map instead
            under = np.flatnonzero(twice(points, tri))
            if len(under):
                pixel, sample = np.nonzero(np.isin(of, under))
                extra = len(sx) + np.arange(len(pixel))
                sx, sy = np.concatenate([sx, sx[of[pixel, sample]]]), np.concatenate([sy, sy[of[pixel, sample]]])
                of[pixel, sample] = extra
                tri = np.concatenate([tri, best[edge[pixel]]])
                points = np.stack([sx, sy], 1) + _map_at(sx, sy, tri, moves, thin_tris, tri_t, tri_s, inverse)
        return Seam(rows, cols, out.astype(np.float32), best, pairs, edge, points.astype(np.float32), of, bilinear)

    def moving_box(self) -> tuple[slice, slice] | None:
        """(rows, columns) of crop px outside which the last `displacement` is below `_STILL` px (a backward
        map there samples each pixel at its own position: the warp leaves it as it is); None when nothing
        moves. From the coarse field: a crop pixel interpolates the two coarse samples on either side."""
        top, bottom, left, right = moving_extent(self.coarse_displacement, np.float32(_STILL))
        if top < 0:
            return None
        return tuple(slice(max(0, int(np.floor((lo - 0.5) / scale - 0.5))),
                           min(size, int(np.ceil((hi + 1.5) / scale - 0.5)) + 1))
                     for lo, hi, scale, size in ((np.int64(top), np.int64(bottom), self._to_coarse[1], self.size[1]),
                                                 (np.int64(left), np.int64(right), self._to_coarse[0], self.size[0])))

    def _rasterise(self, tri_t: np.ndarray, draw_order: np.ndarray) -> tuple[np.ndarray, tuple[slice, slice]]:
        """(h, w) int32 `triangle_ids` of target triangles tri_t (F, 3, 2) crop px drawn in `draw_order`
        (painter's algorithm: the last drawn wins; -1 where none), and the (rows, columns) of coarse samples
        outside which none is drawn, with a margin of 2 samples of -1 where the grid goes on (a coarse cell
        with a corner outside it lies on no triangle)."""
        fixed = np.round(((tri_t + 0.5) * self._to_coarse - 0.5) * (1 << _SHIFT)).astype(np.int32)
        ids = self.triangle_ids
        ids.fill(-1)
        # `cv2.fillConvexPoly(ids, fixed[f], f, cv2.LINE_8, _SHIFT)` for each f in draw_order, in one compiled loop
        box = fill_triangles(ids, fixed, np.asarray(draw_order, np.int64), _SHIFT)
        if not len(draw_order):
            return ids, (slice(0, 0), slice(0, 0))
        lo, hi = box[:2] >> _SHIFT, box[2:] >> _SHIFT  # x, y coarse px
        ch, cw = ids.shape
        return ids, (slice(max(0, lo[1] - _BOX_PAD), min(ch, hi[1] + 1 + _BOX_PAD)),
                     slice(max(0, lo[0] - _BOX_PAD), min(cw, hi[0] + 1 + _BOX_PAD)))


def _own_triangles(rows: np.ndarray, cols: np.ndarray, best: np.ndarray, qy: np.ndarray, qx: np.ndarray,
                   ids: np.ndarray, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The seam's pixels (rows, cols (N,) int64 crop px, each redrawn with triangle `best` (N,)) on a coarse grid
    of every crop pixel (`ids` (H, W) int32, each pixel's rasterised triangle, -1: none), with the pixels of the
    cells (qy, qx (Q,) int64: one pixel each, their top-left corner) that none of their candidates covers
    added after them, each with its own rasterised triangle (the map it is drawn with) unless that is none or
    `hidden` (F,) bool: the rasteriser's outline is conservative, so the pixels just outside a front
    triangle's edge often lie on a back triangle no sample around them was given; left out, the pair of
    pixels across the jump there was never anti-aliased (lp_s0 at 512: 0.32 of its jumps' strong edges step
    in one pixel). Returns rows, cols, best (N',) int64."""
    left = np.zeros(ids.shape, bool)
    left[qy, qx] = True
    left[rows, cols] = False
    ly, lx = np.nonzero(left)
    own = ids[ly, lx].astype(np.int64)
    keep = own >= 0
    keep[keep] = ~hidden[own[keep]]
    return (np.concatenate([rows, ly[keep]]), np.concatenate([cols, lx[keep]]),
            np.concatenate([best, own[keep]]))


def _map_at(x: np.ndarray, y: np.ndarray, tri: np.ndarray, moves: np.ndarray, thin_tris: np.ndarray,
            tri_t: np.ndarray, tri_s: np.ndarray, inverse: np.ndarray) -> np.ndarray:
    """(N, 2) backward displacement at points x, y (N,) crop px (float64, or float32: in their dtype), each
    by its triangle `tri` (N,): its map (a column of `moves`, `MeshWarp._seam`), clamped to the triangle
    where it is thin (`thin_tris` (F,) bool; tri_t, tri_s (F, 3, 2) target and source triangles; inverse
    (F, 2, 2) `_edge_inverse(tri_t)`; `map_kernels.clamped_moves`)."""
    out = affine_points(x, y, tri, moves)
    thin = thin_tris[tri]
    if thin.any():
        out[thin] = clamped_moves(x[thin], y[thin], tri[thin], tri_t, inverse, tri_s)
    return out


def _fill_around(coarse: np.ndarray, hole: np.ndarray, known: Callable[[tuple[slice, slice]], np.ndarray],
                 grid: tuple[np.ndarray, np.ndarray] | None = None) -> None:
    """Fill `coarse` (h, w, 2) in place where `hole` (h, w) bool is set, smoothly from the pixels known there
    (`layers.fill_hole`), working on the hole's bounding box padded by its own size (at least `_FILL_PAD` samples)
    rather than the whole grid: the same fill near the hole at a fraction of the cost. known: the (n, m) bool known
    samples of a window (rows, columns) of the grid, worked out on that window only. grid: the samples' own
    positions (x, y), (h, w) px each: then the source positions the displacement reads are filled (a hole beside the
    face's outline reads the photo's last pixels there stretched, not what lies beyond them), else the
    displacement."""
    rows, cols = np.flatnonzero(hole.any(1)), np.flatnonzero(hole.any(0))
    pad_y = max(_FILL_PAD, rows[-1] - rows[0] + 1)
    pad_x = max(_FILL_PAD, cols[-1] - cols[0] + 1)
    y0, y1 = max(0, rows[0] - pad_y), min(hole.shape[0], rows[-1] + 1 + pad_y)
    x0, x1 = max(0, cols[0] - pad_x), min(hole.shape[1], cols[-1] + 1 + pad_x)
    box, inside = coarse[y0:y1, x0:x1], hole[y0:y1, x0:x1]
    at = 0.0 if grid is None else np.stack([grid[0][y0:y1, x0:x1], grid[1][y0:y1, x0:x1]], -1).astype(np.float32)
    box[inside] = (fill_hole(box + at, known((slice(y0, y1), slice(x0, x1))).astype(np.float32)) - at)[inside]


def fit_similarity(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """(2, 3) least-squares similarity (rotation, uniform scale, translation) mapping src (N, 2) to dst."""
    mu_s, mu_d = src.mean(0), dst.mean(0)
    a = (src - mu_s) @ np.array([1, 1j])
    b = (dst - mu_d) @ np.array([1, 1j])
    denom = float(np.vdot(a, a).real)
    z = np.vdot(a, b) / denom if denom > 1e-12 else 1.0  # complex scale-rotation minimising |z a - b|
    lin = np.array([[z.real, -z.imag], [z.imag, z.real]])
    return np.concatenate([lin, (mu_d - lin @ mu_s)[:, None]], 1)


def fit_linear(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """(2, 2) linear part of the least-squares affine map src (N, 2) -> dst (N, 2)."""
    sol, *_ = np.linalg.lstsq(src - src.mean(0), dst - dst.mean(0), rcond=None)
    return sol.T
