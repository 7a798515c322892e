"""The render's shortcuts give the frames the plain computation gives, on real faces (issue #9, speed):
the composite done only on the box the warp moves equals the composite of the whole crop bit for bit,
the displacement field assembled by per-coefficient gathers equals each pixel's own triangle map, the
stretch limit's compiled rounds over the triangles that can still be over the limit equal numpy rounds over all of them,
and warp health measured when read (not every frame) equals warp health measured every frame."""

from __future__ import annotations

import cv2
import numpy as np
from mesh_faces import set_up_copy
from stretch_reference import largest_stretch

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.geometry.stretch_limit import OVER_MARGIN, StretchLimit
from facereel.engines.mesh.geometry.warp import triangle_affines
from facereel.engines.mesh.head_edge.carried_ends import carry
from facereel.engines.mesh.head_edge.unfolded_fill import smooth_rows
from facereel.engines.mesh.head_edge.unmix import laid_below_zero
from facereel.engines.mesh.layers import outline_rim, rim_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (12, 25, 40)  # frames of a 2 s preset:turn: turning one way, the far side, back


def turn_targets(lm: np.ndarray) -> np.ndarray:
    return retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))


def test_composite_on_the_moving_box_equals_the_whole_crop(face):
    """Without eyes, sharp eyes and mouth (drawn after the composite), the rendered crop equals the head layer laid
    over the plate on the whole crop with the same map; the box is smaller than the crop, so the pixels
    outside it (left as the source) are covered by the check."""
    image, lm = face
    animator = set_up_copy(image, lm, MeshOptions(eyes=False, mouth=False, sharp_eyes=False))
    x0, y0, x1, y1 = animator.box
    gy, gx = np.mgrid[0:y1 - y0, 0:x1 - x0].astype(np.float32)
    targets = turn_targets(lm)
    for k in FRAMES:
        frame = animator.render(targets[k])
        rows, cols = animator.layer.moving_box(animator.warp.moving_box())
        assert (rows.stop - rows.start) * (cols.stop - cols.start) < 0.95 * (y1 - y0) * (x1 - x0)
        disp = animator.warp.full_size(animator.warp.coarse_displacement, animator.warp.seam)
        whole = animator.layer.composite(disp + np.dstack([gx, gy]), (slice(0, y1 - y0), slice(0, x1 - x0)),
                                         animator.neck_target, animator.warp.seam)
        if animator.warp.unfolded is not None:  # the unfolded band blurred down its columns as drawn (h23-s12streaks)
            band = cv2.resize(animator.warp.unfolded.astype(np.float32), animator.warp.size,
                              interpolation=cv2.INTER_LINEAR)
            if animator.warp.laid is not None:  # but where laid out again (h29-farshear)
                band *= cv2.resize(animator.warp.laid.astype(np.float32), animator.warp.size,
                                   interpolation=cv2.INTER_LINEAR) == 0
            smooth_rows(whole, band, animator._chin_face)
        assert np.array_equal(frame[y0:y1, x0:x1], whole), k
        assert np.array_equal(np.delete(frame, np.s_[y0:y1], 0), np.delete(image, np.s_[y0:y1], 0))


def test_displacement_is_each_pixels_triangle_map(face):
    """Every coarse sample a triangle covers (but thin and turned-over ones, which are clamped / filled, and those
    laid out again with the unfolded band, `MeshWarp.spread`, and the ring's reads the face reads too, filled,
    `MeshWarp.covered`) is that triangle's affine map (target -> source) minus the identity, evaluated at
    the sample, to 1e-3 px; samples no triangle covers do not move."""
    image, lm = face
    animator = set_up_copy(image, lm)
    warp = animator.warp
    drawn = []
    displacement = warp.displacement

    def recording(target, source, order, unseen=None, *filled):
        drawn.append((target, source, unseen))
        return displacement(target, source, order, unseen, *filled)

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
        if warp.spread is not None:
            plain &= ~warp.spread
        ids, coarse = warp.triangle_ids, warp.coarse_displacement
        assert not coarse[ids < 0].any()
        check = (ids >= 0) & plain[ids]
        if warp.covered is not None:  # the ring's reads the face reads too, filled (`photo_cover`)
            check &= ~warp.covered
        assert check.mean() > 0.3  # the still ring triangles are not drawn (ids -1)
        m = affines[ids[check]]
        x, y = xs[check], ys[check]
        expected = np.stack([m[:, 0, 0] * x + m[:, 0, 1] * y + m[:, 0, 2] - x,
                             m[:, 1, 0] * x + m[:, 1, 1] * y + m[:, 1, 2] - y], 1)
        assert np.abs(coarse[check] - expected).max() < 1e-3, k


def _plain_stretch_limit(limit, target: np.ndarray, frame_limit: np.ndarray | None = None) -> np.ndarray:
    """`StretchLimit.__call__` (the compiled `map_kernels.stretch_limit`) done plainly in numpy: every round over
    all its triangles, LAPACK's SVD (per-corner limits: a corner proposes only when its triangle is stretched
    beyond that corner's own limit, with the `OVER_MARGIN`; `frame_limit`: the frame's own, as passed)."""
    out = np.asarray(target, np.float64).copy()
    tris = limit.triangles
    corner_limits = limit.limit if frame_limit is None else np.maximum(frame_limit, limit._floor)
    for _ in range(limit.rounds):
        tri = out[tris]
        linear = np.stack([tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]], 2) @ limit._inverse
        stretch = largest_stretch(linear)
        over = np.flatnonzero((np.linalg.det(linear) > 0) & (stretch > corner_limits.min(1) * (1 + OVER_MARGIN)))
        if not len(over):
            break
        limits = corner_limits[over]
        u, sigma, vt = np.linalg.svd(linear[over])
        capped = u[:, None] @ (np.minimum(sigma[:, None], limits[..., None])[..., None] * vt[:, None])
        proposal = tri[over].mean(1, keepdims=True) + np.einsum("kcij,kcj->kci", capped, limit._src_centred[over])
        where = tris[over].reshape(-1)
        weight = (stretch[over, None] > limits * (1 + OVER_MARGIN)).reshape(-1).astype(np.float64)
        count = np.bincount(where, weight, minlength=len(out))
        for axis in (0, 1):
            total = np.bincount(where, weight * proposal[..., axis].reshape(-1), minlength=len(out))
            out[count > 0, axis] = total[count > 0] / count[count > 0]
    return out.astype(np.float32)


def test_stretch_limit_equals_rounds_over_every_triangle(face):
    """On a turn (the far side's silhouette band is over the limit), the limited vertices equal the plain
    computation's, with the frame's limits (`rim_shadow.eased_limits`) as with the source's; and the limit did
    move vertices, so the comparison is not between two no-ops."""
    image, lm = face
    animator = set_up_copy(image, lm)
    inputs = []
    limit = animator._stretch_limit

    class Recording:
        """The animator's stretch limit, its inputs kept."""
        limit, triangles = animator._stretch_limit.limit, animator._stretch_limit.triangles

        def __call__(self, vertices, frame_limit=None):
            inputs.append((vertices, frame_limit))
            return limit(vertices, frame_limit)

    animator._stretch_limit = Recording()
    targets = turn_targets(lm)
    for k in FRAMES:
        animator.render(targets[k])
    moved = 0.0
    for vertices, frame_limit in inputs:
        for frame in (None, frame_limit):
            fast, plain = limit(vertices, frame), _plain_stretch_limit(limit, vertices, frame)
            assert np.array_equal(fast, plain)
            moved = max(moved, float(np.abs(fast - vertices).max()))
    assert moved > 1.0, moved


def test_warp_health_read_late_equals_read_every_frame(face):
    """Figures measured on the first read after a frame (and not when nobody reads them) equal those read
    after every frame, also after frames whose figures were never read; they are not zero on a turn."""
    image, lm = face
    every, sometimes = set_up_copy(image, lm), set_up_copy(image, lm)
    assert (every.warp_health, every.face_holes, every.unseen_share) == (0.0, 0.0, 0.0)  # before any frame
    targets = turn_targets(lm)
    read = []
    for k in range(10, 30, 2):
        every.render(targets[k])
        sometimes.render(targets[k])
        figures = (every.warp_health, every.face_holes, every.unseen_share)
        if k % 6 == 0:
            assert (sometimes.warp_health, sometimes.face_holes, sometimes.unseen_share) == figures, k
        read.append(figures)
    assert max(f[0] for f in read) > 0


def test_composite_is_the_float_composite_rounded(face):
    """The composite's uint8 box (one pass: `draw_kernels.over_plate`) is the head layer's warped colour plus
    the plate behind it (OpenCV's float32 1 - alpha times the plate, its neck moved), summed in float32 and
    rounded to nearest (ties to even), negatives to 0, above 255 to 255, on a turn whose box mixes head (its solid
    inside read bicubic, `sharp_inside`; read pre-filtered where the map squeezes it, `squeeze_filter`), plate
    and the moved neck (the warped layer's cut hair ends carried on and faded as the composite does,
    `carried_ends`, on here, and `soft_ends`; its colour bounded to [0, 255 alpha] where the moved neck shows,
    `layers.outline_rim`; its soft edge's colour below 0 taken towards the photo's own where the plate laid under
    it departs from the one it was unmixed against, `unmix.laid_below_zero`), then the photo kept beside the head
    laid over (`kept_photo`; where the moved neck shows it, `moved_steps`)."""
    image, lm = face
    animator = set_up_copy(image, lm, MeshOptions(eyes=False, mouth=False, carried_ends=True))
    layer = animator.layer
    target = turn_targets(lm)[FRAMES[0]]
    frame = animator.map_frame(target)
    disp = animator.warp.full_size(frame.coarse, frame.seam)
    maps = disp[frame.box] + layer.grid[frame.box]
    moved = []
    move_neck = layer._move_neck

    def recording(*args):
        moved.append(move_neck(*args))
        return moved[-1]

    layer._move_neck = recording
    try:
        out = layer.composite(maps, frame.box, frame.neck)
    finally:
        del layer._move_neck
    head = cv2.remap(layer._head, maps, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if layer.sharp_inside is not None:  # the solid inside read bicubic (`sharp_inside`)
        layer.sharp_inside.apply(head, maps)
    layer._squeeze.apply(head, maps)  # read pre-filtered where the map squeezes the photo (`squeeze_filter`)
    carry(layer.ends, head, maps, layer.ends.cuts(head[..., 3], maps, layer.alpha), layer._head)  # and the fade
    if layer.fold_holes is not None:  # the holes a folded map reads along the neck cut, filled (`fold_holes`)
        layer.fold_holes.fill(head, maps)
    alpha = np.ascontiguousarray(head[..., 3])
    behind = (1 - alpha[..., None]) * layer.plate[frame.box]  # the box's plate behind the head
    neck, row, col = moved[0]  # its part the moved neck covers
    # the head's colour there bounded to its alpha's reach, as far as the head or the neck moved
    outline_rim(head, layer.neck_field[1], (row, col), rim_motion(maps, layer.grid[frame.box], layer.neck_field[0],
                                                                  (row, col)))
    # its colour below 0 on the soft edge taken towards the photo's as far as the plate departs (`laid_below_zero`)
    laid_below_zero(head, maps, layer._against, layer.plate[frame.box], neck, row, col)
    rows, cols = slice(row, row + neck.shape[0]), slice(col, col + neck.shape[1])
    behind[rows, cols] = (1 - alpha[rows, cols, None]) * neck
    total = head[..., :3] + behind
    expected = np.clip(np.rint(total), 0, 255).astype(np.uint8)
    if layer.kept is not None:  # the photo kept beside the head laid over where the head moved off (`kept_photo`),
        layer.kept.lay(expected, alpha, frame.box, None, (layer.neck_field[0], row, col))  # where the neck moved it
    assert 0 < (layer.warped_alpha > 0.5).mean() < 1
    assert np.array_equal(out, expected)


def test_stretch_limit_at_and_past_an_even_stretch():
    """A 200 px grid mesh scaled alike in all directions: at the limit (the closed-form
    largest stretch off by ~1e-8 there) nothing moves; at twice the limit every triangle is capped, the
    compiled rounds equal the numpy ones and the mesh shrinks towards the limit's size (12 rounds of averaged
proposals: 6x -> ~5x), never below it."""
    ys, xs = np.mgrid[0:200:20, 0:200:20]
    source = np.stack([xs.ravel(), ys.ravel()], 1).astype(np.float64)
    cells = np.arange(90).reshape(9, 10)[:, :9].ravel()
    triangles = np.concatenate([np.stack([cells, cells + 10, cells + 1], 1),
                                np.stack([cells + 1, cells + 10, cells + 11], 1)]).astype(np.int32)
    limit = StretchLimit(source, triangles, 3.0)
    centre = source.mean(0)
    at = (centre + 3.0 * (source - centre)).astype(np.float32)
    assert np.array_equal(limit(at), at)
    past = (centre + 6.0 * (source - centre)).astype(np.float32)
    fast = limit(past)
    assert np.array_equal(fast, _plain_stretch_limit(limit, past))
    span = np.ptp(fast, 0) / np.ptp(source, 0)
    assert np.all((span >= 3.0) & (span < 5.5)), span
