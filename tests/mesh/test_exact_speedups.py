"""The thirty-third and thirty-fourth sessions' render speed-ups (issue #9, speed) give what the plain statements
they replace give, on real frames: lp_s1 at 512 x 512 (the bench's portrait: earrings, a turned photo's unfolded band, a neck cut) on
preset:turn (preset:laugh for the lip edge). Each fast path is recorded while the engine renders and checked against
its reference statement: the laid-out band's bad samples counted on a window against the whole grid, the fold holes'
fold read at the candidate pixels against the whole map's, a pendant held on its box against the whole grid, lengths
against np.linalg.norm, the lip edge's column medians against np.nanmedian; the thirty-fourth session's kernels
(`draw_kernels`): the fold on the neck cut counted in one pass against the fold, then its reads; the outline's rim
bounded and the neck's plate untoned in one pass each against their numpy statements; the laid-out band's field set
back (`map_kernels.laid_back`) against `MeshWarp._lay_out`'s numpy ending; the fortieth session's seam pairs' pixels
(`edge_coverage.jump_pairs`, marked) against np.unique, the moved edge's colour below 0 taken towards 0 in one pass
(`draw_kernels.below_zero_taken`) against `unmix.laid_below_zero`'s numpy statement, and the pixels left as drawn
read on the eyes' boxes only (`sharp_eyes.left_as_drawn`) against the whole box; the forty-first session's read of the
plate under the moved neck in one pass (`draw_kernels.neck_read`) against its `cv2.remap` and slip share
statement."""

from __future__ import annotations

import cv2
import numpy as np
from mesh_faces import set_up_copy

from facereel.engines.mesh import MeshAnimator, animator, draw_kernels, layers
from facereel.engines.mesh.eye import sharp_eyes
from facereel.engines.mesh.geometry import lengths as lengths_module
from facereel.engines.mesh.geometry import map_kernels, warp
from facereel.engines.mesh.geometry.warp import surface_distortion
from facereel.engines.mesh.head_edge import fold_holes, pendants, unmix
from facereel.engines.mesh.open_mouth import lip_edge
from facereel.engines.mesh.plate_fill.chin_strip import slip_unit
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (12, 20, 25, 30, 40)  # of a 2 s preset:turn: turning one way, the far side, back


def _render(image: np.ndarray, lm: np.ndarray, preset: str = "turn") -> MeshAnimator:
    animator = set_up_copy(image, lm)
    targets = retarget(lm, preset_motion(preset, 2.0), RetargetOptions(smoothing=None, translate=True))
    for k in FRAMES:
        animator.render(targets[k])
    return animator


def _bad_on_whole_grid(animator: MeshAnimator, reads: np.ndarray, on_head: bool) -> int:
    """The count `MeshAnimator._bad_samples` gave before the window: every sample of the grid."""
    folded, stretch = surface_distortion(reads - animator.warp.positions, animator.warp.spacing)
    bad = folded | (stretch > animator.options.max_stretch)
    if on_head:
        bad &= animator._on_head(reads[1:-1, 1:-1, 0], reads[1:-1, 1:-1, 1])
    return int(bad.sum())


def test_laid_band_kept_as_by_the_whole_grid(lp_s1_512, monkeypatch):
    """Every laid-out band (`spread_band`, `spread_fade_band`) is kept or dropped as counting the bad samples of the
    whole grid keeps or drops it; some of them are laid out and kept, some compared."""
    calls = []
    fewer_bad = MeshAnimator._fewer_bad

    def recording(self, laid, reads, on_head=False):
        kept = fewer_bad(self, laid, reads, on_head)
        calls.append((kept, _bad_on_whole_grid(self, laid, on_head) < _bad_on_whole_grid(self, reads, on_head)))
        return kept

    monkeypatch.setattr(MeshAnimator, "_fewer_bad", recording)
    _render(*lp_s1_512)
    assert len(calls) >= 3 and any(kept for kept, _ in calls)
    assert [kept for kept, _ in calls] == [whole for _, whole in calls]


def test_the_fold_equals_np_gradients(lp_s1_512, monkeypatch):
    """`fold_holes.folded` (unhalved differences) on the real remapped head boxes equals the fold read with
    np.gradient's Jacobian (<= 0), and some of those pixels fold."""
    maps_seen = []
    fill = fold_holes.FoldHoles.fill

    def recording(self, head, maps):
        maps_seen.append(maps.copy())
        return fill(self, head, maps)

    monkeypatch.setattr(fold_holes.FoldHoles, "fill", recording)
    _render(*lp_s1_512)
    assert maps_seen
    folds = 0
    for maps in maps_seen:
        (xx, xy), (yx, yy) = (np.gradient(maps[..., i], axis=(1, 0)) for i in range(2))
        whole = xx * yy - xy * yx <= 0
        assert np.array_equal(fold_holes.folded(maps), whole)
        folds += int(whole.sum())
    assert folds > 0



def test_folds_on_cut_equal_the_fold_read_at_the_cut(lp_s1_512, monkeypatch):
    """`draw_kernels.folds_on_cut` (the thirty-fourth session's one pass) on the real remapped head boxes sets the
    pixels and gives the count that `folded` then `FoldHoles.reads_cut` at its pixels give, and some of them fold
    onto the cut."""
    seen = []
    fill = fold_holes.FoldHoles.fill

    def recording(self, head, maps):
        seen.append((self, maps.copy()))
        return fill(self, head, maps)

    monkeypatch.setattr(fold_holes.FoldHoles, "fill", recording)
    _render(*lp_s1_512)
    assert seen
    on_cut = 0
    for holes, maps in seen:
        rows, cols = np.nonzero(fold_holes.folded(maps))
        hit = holes.reads_cut(maps[rows, cols])
        whole = np.zeros(maps.shape[:2], bool)
        whole[rows[hit], cols[hit]] = True
        along = np.empty(maps.shape[:2], bool)
        assert draw_kernels.folds_on_cut(maps, holes.cut, along) == int(whole.sum())
        assert np.array_equal(along, whole)
        on_cut += int(whole.sum())
    assert on_cut > 0


def _outline_rim_statement(head: np.ndarray, shown: np.ndarray, at: tuple[int, int], moved: np.ndarray) -> None:
    """`layers.outline_rim` as numpy wrote it before `draw_kernels.bound_rim`: gathered, bounded, scattered back."""
    part = head[at[0]:at[0] + shown.shape[0], at[1]:at[1] + shown.shape[1]]
    rim = part[shown]
    share = np.clip(moved[shown] / layers.RIM_MOVE, 0, 1)[:, None]
    rim[:, :3] += share * (np.clip(rim[:, :3], 0, 255 * rim[:, 3:]) - rim[:, :3])
    part[shown] = rim


def test_bound_rim_equals_the_gathered_statement(lp_s1_512, monkeypatch):
    """`layers.outline_rim` (`draw_kernels.bound_rim`) on the real remapped head boxes and moved necks gives the
    numpy statement's head layer byte for byte (the zeros' signs too), and bounds some rim colours."""
    bounded = []
    outline_rim = layers.outline_rim

    def recording(head, shown, at, moved):
        before, kernel = head.copy(), head.copy()
        _outline_rim_statement(expected := head.copy(), shown, at, moved)
        draw_kernels.bound_rim(kernel[at[0]:at[0] + shown.shape[0], at[1]:at[1] + shown.shape[1]], shown, moved,
                               np.float32(layers.RIM_MOVE))
        outline_rim(head, shown, at, moved)
        assert head.tobytes() == expected.tobytes() == kernel.tobytes()
        bounded.append(int((head != before).sum()))

    monkeypatch.setattr(layers, "outline_rim", recording)
    _render(*lp_s1_512)
    assert len(bounded) == len(FRAMES) and sum(bounded) > 0


def test_untone_equals_the_plate_statement(lp_s1_512, monkeypatch):
    """`HeadLayer._untoned` (`draw_kernels.untone`) on the real moved neck plates gives what its numpy statement gave,
    byte for byte, and moves some plate pixels back towards the photo's plate."""
    changed = []
    untoned = layers.HeadLayer._untoned

    def recording(self, plate, box, at, motion):
        (ny, nx), (n, m) = self._neck_box, plate.shape[:2]
        y0, x0 = box[0].start + at[0], box[1].start + at[1]
        edge = self._fill_only[y0 - ny.start:y0 - ny.start + n, x0 - nx.start:x0 - nx.start + m]
        expected = plate.copy()
        if edge.any():
            still = edge * (1 - np.clip(motion / layers.RIM_MOVE, 0, 1))
            expected += still[..., None] * (self.plate[y0:y0 + n, x0:x0 + m] - expected)
        before, kernel = plate.copy(), plate.copy()
        draw_kernels.untone(kernel, edge, motion, self.plate[y0:y0 + n, x0:x0 + m], np.float32(layers.RIM_MOVE))
        untoned(self, plate, box, at, motion)
        assert plate.tobytes() == expected.tobytes() == kernel.tobytes()
        changed.append(int((plate != before).sum()))

    monkeypatch.setattr(layers.HeadLayer, "_untoned", recording)
    _render(*lp_s1_512)
    assert len(changed) == len(FRAMES) and sum(changed) > 0


def test_laid_back_equals_the_lay_outs_statement(lp_s1_512, monkeypatch):
    """`map_kernels.laid_back` (`MeshWarp._lay_out`'s ending) on the bands the frames lay out gives the field, the
    moved samples and their triangles that its numpy statement gave, and moves some samples."""
    calls = []

    def recording(coarse, laid, positions, ids, still, moved, spread):
        expected = laid - positions
        step = np.abs(expected - coarse)
        far = np.maximum(step[..., 0], step[..., 1]) > warp._STILL
        triangles = np.zeros_like(spread)
        triangles[ids[far & (ids >= 0)]] = True
        map_kernels.laid_back(coarse, laid, positions, ids, still, moved, spread)
        assert coarse.tobytes() == expected.tobytes()
        assert np.array_equal(moved, far) and np.array_equal(spread, triangles)
        calls.append(int(far.sum()))

    monkeypatch.setattr(warp, "laid_back", recording)
    _render(*lp_s1_512)
    assert calls and sum(calls) > 0


def test_jump_pairs_pixels_equal_np_unique(lp_s1_512, monkeypatch):
    """`edge_coverage.jump_pairs`' pixels of the pairs (marked, fortieth session) are `np.unique` of the pairs, values
    and dtype, on the seams the frames find; some pairs are found."""
    found = []
    pairs_of = warp.jump_pairs

    def recording(rows, cols, tri, moves):
        pairs, edge, index = pairs_of(rows, cols, tri, moves)
        unique = np.unique(pairs)
        assert edge.dtype == unique.dtype and np.array_equal(edge, unique)
        found.append(len(pairs))
        return pairs, edge, index

    monkeypatch.setattr(warp, "jump_pairs", recording)
    _render(*lp_s1_512)
    assert found and sum(found) > 0

def _held_on_whole_grid(coarse, shown, centres, held_pendants, vertices):
    """`pendants.hold_pendants` as it was before its box: every pendant's weight worked out on the whole grid."""
    x, y = centres
    spacing = float(x[0, 1] - x[0, 0])
    held = np.zeros(coarse.shape[:2], np.float32)
    for pendant in held_pendants.items:
        moved = pendants._motion(pendant, vertices)
        weight = pendants.bilinear(pendant.weight, x - moved[0], y - moved[1]) * shown
        weight *= pendants.bilinear(held_pendants.inside, x + coarse[..., 0], y + coarse[..., 1])
        fade = np.nonzero((weight > 0) & (weight < 1))
        if len(fade[0]):
            weight[fade] = pendants._free_share(coarse[fade], -moved, x[fade], y[fade], weight[fade], pendant,
                                                held_pendants.off_face)
        band = max(pendants.EDGE * pendant.width / spacing, 1.0)  # `_away_from` on the whole grid
        t = np.clip(cv2.distanceTransform(shown.astype(np.uint8), cv2.DIST_L2, 3) / band, 0.0, 1.0)
        weight *= t * t * (3 - 2 * t)
        coarse += weight[..., None] * (-moved - coarse)
        held = np.maximum(held, weight)
    return held


def test_pendant_held_on_its_box_equals_the_whole_grid(lp_s1_512, monkeypatch):
    """lp_s1's earrings held on the box their moved weight reaches give the field and the held share of the whole
    grid's statements, bit for bit, on frames where they are held."""
    compared = []
    hold = pendants.hold_pendants

    def recording(coarse, shown, centres, held_pendants, vertices):
        before = coarse.copy()
        held = hold(coarse, shown, centres, held_pendants, vertices)
        whole = _held_on_whole_grid(before, shown, centres, held_pendants, vertices)
        compared.append(bool(held.any()))
        assert np.array_equal(held, whole) and np.array_equal(coarse, before)
        return held

    monkeypatch.setattr("facereel.engines.mesh.animator.hold_pendants", recording)
    _render(*lp_s1_512)
    assert len(compared) == len(FRAMES) and any(compared)


def test_lengths_and_column_medians_equal_numpys(lp_s1_512, monkeypatch):
    """`lengths` equals np.linalg.norm over the last axis and `lip_edge.column_medians` np.nanmedian down the
    columns, bit for bit, on the fields and lip boxes the frames of preset:laugh give them."""
    fields, columns = [], []
    length, medians = lengths_module.lengths, lip_edge.column_medians

    def record_length(vectors):
        fields.append(vectors.copy())
        return length(vectors)

    def record_medians(values):
        columns.append(values.copy())
        return medians(values)

    monkeypatch.setattr("facereel.engines.mesh.layers.lengths", record_length)
    monkeypatch.setattr(lip_edge, "column_medians", record_medians)
    _render(*lp_s1_512, "laugh")  # (the lip edge is lifted with the mouth open)
    assert fields and columns
    for vectors in fields:
        assert np.array_equal(length(vectors), np.linalg.norm(vectors, axis=-1))
    for values in columns:
        assert np.array_equal(medians(values), np.nanmedian(values, 0))


def _laid_below_zero_statement(head: np.ndarray, maps: np.ndarray, against: np.ndarray, plate: np.ndarray,
                               neck: np.ndarray, neck_row: int, neck_col: int) -> None:
    """`unmix.laid_below_zero` as numpy and `cv2.remap` stated it before the fortieth session's kernel: the pixels
    found by a mask of the whole box, the plate unmixed against read at their map positions, then per pixel."""
    rows, cols = np.nonzero((head[..., :3] < 0).any(2) & (head[..., 3] > 0))
    if not len(rows):
        return
    count, row = len(rows), 1024  # `cv2.remap` takes under 32767 rows
    reads = np.zeros((-(-count // row) * row, 2), np.float32)
    reads[:count] = maps[rows, cols]
    unmixed_over = cv2.remap(against, reads.reshape(-1, row, 2), None, cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_REPLICATE).reshape(-1, 3)[:count]
    laid = plate[rows, cols]
    inside = ((rows >= neck_row) & (rows < neck_row + neck.shape[0])
              & (cols >= neck_col) & (cols < neck_col + neck.shape[1]))
    laid[inside] = neck[rows[inside] - neck_row, cols[inside] - neck_col]
    colour = head[rows, cols, :3]
    behind = (1 - head[rows, cols, 3])[:, None]
    own = colour + behind * unmixed_over
    darker = behind * (unmixed_over - laid)
    reach = np.maximum(unmix.SHARE_TAKEN * own, unmix.LEAST_TAKEN)
    departs = np.clip(darker / reach, 0.0, 1.0).max(1, keepdims=True)
    head[rows, cols, :3] = np.where(colour < 0, colour * (1 - departs), colour)


def test_below_zero_taken_equals_the_gathered_statement(lp_s1_512, monkeypatch):
    """`layers.laid_below_zero` (`draw_kernels.below_zero_taken`) on the real moved head boxes, over the plate and
    the moved neck, gives the numpy statement's head layer byte for byte (the zeros' signs too), and takes some
    colours below 0 towards 0."""
    taken = []
    laid_below_zero = layers.laid_below_zero

    def recording(head, maps, against, plate, neck, neck_row, neck_col):
        before = head.copy()
        _laid_below_zero_statement(expected := head.copy(), maps, against, plate, neck, neck_row, neck_col)
        laid_below_zero(head, maps, against, plate, neck, neck_row, neck_col)
        assert head.tobytes() == expected.tobytes()
        taken.append(int((head != before).sum()))

    monkeypatch.setattr(layers, "laid_below_zero", recording)
    _render(*lp_s1_512)
    assert len(taken) == len(FRAMES) and sum(taken) > 0, taken


def _left_on_whole_box(seam, box, shape, *drawn) -> np.ndarray:
    """`sharp_eyes.left_as_drawn` as it was before the fortieth session: every pixel of the box, (b, a) bool."""
    left = np.zeros(shape, bool)
    if seam is not None and len(seam.rows):
        rows, cols = seam.rows - (box[0].start or 0), seam.cols - (box[1].start or 0)
        inside = (rows >= 0) & (rows < shape[0]) & (cols >= 0) & (cols < shape[1])
        left[rows[inside], cols[inside]] = True
    for mask in drawn:
        if mask is not None:
            left |= mask > 0
    return left


def test_left_as_drawn_on_the_eyes_equals_the_whole_box(lp_s1_512, monkeypatch):
    """`sharp_eyes.left_as_drawn`, read on the window of the eyes' boxes, gives `restore_detail` on each eye box the
    pixels the whole box's masks give (None only where they hold none there), and some boxes hold some."""
    held = []
    left_as_drawn = sharp_eyes.left_as_drawn

    def recording(seam, box, shape, boxes, *drawn):
        left = left_as_drawn(seam, box, shape, boxes, *drawn)
        whole = _left_on_whole_box(seam, box, shape, *drawn)
        r0, c0 = box[0].start or 0, box[1].start or 0
        for x0, y0, x1, y1, _ in boxes:
            on_box = whole[y0 - r0:y1 - r0, x0 - c0:x1 - c0]
            read = np.zeros_like(on_box) if left is None else left[y0 - r0:y1 - r0, x0 - c0:x1 - c0]
            assert np.array_equal(read, on_box)
            held.append(int(on_box.sum()))
        return left

    monkeypatch.setattr(animator, "left_as_drawn", recording)
    _render(*lp_s1_512)
    assert len(held) >= len(FRAMES) and sum(held) > 0, held


def _neck_read_statement(plate, grid, disp, maps, step, step_x, step_y, face_px
                         ) -> tuple[np.ndarray, np.ndarray | None]:
    """`HeadLayer._move_neck`'s read of the plate under the moved neck as it was before the forty-first session: the
    plate (n, m, 3) and, with a chin strip's step, how far its lines are out (n, m, 1); None without one."""
    reads = grid + disp
    out = cv2.remap(plate, reads, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if step.shape[0] == 0:
        return out, None
    # how far the head's map and the read lie apart, in `chin_strip.SLIP` face sizes, clipped to [0, 1]
    slip = np.clip(lengths_module.lengths(maps - reads) / slip_unit(face_px), 0, 1)[..., None].astype(np.float32)
    out += slip * cv2.remap(step, reads - np.float32([step_x, step_y]), None, cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT)
    return out, slip


def test_neck_read_equals_the_remap_statement(lp_s1_512, monkeypatch):
    """`draw_kernels.neck_read` on the real moved necks gives the plate and the chin strip's slip its numpy and
    `cv2.remap` statement gives, byte for byte, as drawn and with the neck's reads pushed 0.3-60 px off (past the
    plate's and the step's sides: OpenCV's replicated and constant borders); the strip is on and some of it out."""
    animator = set_up_copy(*lp_s1_512)
    face_px = animator.layer._chin_step[2]
    slipped = []
    neck_read = draw_kernels.neck_read

    def recording(plate, patch, row, col, grid, disp, maps, step, empty, step_x, step_y, unit, weights, out, slip):
        assert patch is None  # lp_s1's far jaw lays no patch (tests/mesh/test_health_speed.py has sr_18's)
        neck_read(plate, patch, row, col, grid, disp, maps, step, empty, step_x, step_y, unit, weights, out, slip)
        for push in (0.0, 0.3, -7.55, 60.0, -60.0):
            pushed = disp + np.float32([push, -0.5 * push])
            expected, expected_slip = _neck_read_statement(plate, grid, pushed, maps, step, step_x, step_y, face_px)
            got, got_slip = np.empty_like(out), np.empty_like(slip)
            neck_read(plate, patch, row, col, grid, pushed, maps, step, empty, step_x, step_y, unit, weights, got,
                      got_slip)
            assert got.tobytes() == expected.tobytes() and got_slip.tobytes() == expected_slip.tobytes()
            if push == 0.0:
                assert out.tobytes() == got.tobytes() and slip.tobytes() == got_slip.tobytes()
        slipped.append(int((slip > 0).sum()))

    monkeypatch.setattr(layers, "neck_read", recording)
    targets = retarget(lp_s1_512[1], preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    for k in FRAMES:
        animator.render(targets[k])
    assert len(slipped) == len(FRAMES) and sum(slipped) > 0, slipped
