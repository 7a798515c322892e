"""The map's jumps anti-aliased (issue #9's hard 1-px edges, `edge_coverage`): on real faces turned, the
outline where the map jumps steps in one pixel about as rarely as the photo's own edges do, only the
pixels near a jump change, and the figure that reads it (`edge_steps`) sees a one-pixel step and not a
ramp; the shadowed neck tone's top is no straight edge along the neck box's top row (lp_s6); a jump along
a seam cell's side is anti-aliased too (lp_s5's laughing cheek over its hair, `drawn_jump_share`)."""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
from mesh_faces import portrait, scaled_portrait, set_up_copy
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.edge_steps import drawn_jump_share, jump_hard_share, own_hard_share
from facereel.engines.mesh.geometry import warp
from facereel.engines.mesh.geometry.edge_coverage import SUBSAMPLES, shared_samples
from facereel.engines.mesh.geometry.warp import Seam
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _one_pair_seam(rows: np.ndarray, cols: np.ndarray) -> Seam:
    """A seam of the pixels (rows, cols) whose jump runs between each pixel and its right neighbour."""
    pairs = np.stack([np.arange(0, len(rows), 2), np.arange(1, len(rows), 2)], 1)
    return Seam(rows, cols, np.zeros((len(rows), 2), np.float32), np.zeros(len(rows), np.int64), pairs,
                pairs.ravel()[:0], np.zeros((0, 2), np.float32), np.zeros((0, 16), np.intp))


def test_the_figure_sees_a_one_pixel_step_and_not_a_ramp():
    """A vertical edge 0 -> 200 grey levels in one pixel reads 1 at its pixel pair; the same edge over a
    3 px ramp reads 0; a photo of the ramp has no hard edge of its own."""
    step = np.zeros((20, 20, 3), np.uint8)
    step[:, 10:] = 200
    ramp = step.copy()
    ramp[:, 9], ramp[:, 10], ramp[:, 11] = 50, 100, 150
    rows = np.repeat(np.arange(5, 15), 2)
    cols = np.tile([9, 10], 10)
    seam = _one_pair_seam(rows, cols)
    assert jump_hard_share(step, seam, (0, 0)) == (1.0, 10)
    assert jump_hard_share(ramp, seam, (0, 0))[0] == 0.0
    assert own_hard_share(step, (0, 0, 20, 20)) == 1.0
    assert own_hard_share(ramp, (0, 0, 20, 20)) == 0.0


def test_shared_samples_are_each_pixels_own_and_fewer():
    """The pixels on both sides of a slanted jump (a band two pixels wide): every pixel's sample s is at its
    centre + SUBSAMPLES[s] exactly, its owner is a pixel that has it, and the distinct points are under half
    of 16 a pixel."""
    rows = np.repeat(np.arange(10, 60), 2)
    cols = (rows * 0.6).astype(int) + np.tile([0, 1], 50)
    x, y, owner, index = shared_samples(rows, cols)
    assert index.shape == (len(rows), len(SUBSAMPLES))
    np.testing.assert_array_equal(x[index], cols[:, None] + SUBSAMPLES[None, :, 0])
    np.testing.assert_array_equal(y[index], rows[:, None] + SUBSAMPLES[None, :, 1])
    has = np.zeros((len(rows), len(x)), bool)
    has[np.arange(len(rows))[:, None], index] = True
    assert has[owner, np.arange(len(x))].all()
    assert len(x) < 8 * len(rows)


def test_turned_faces_step_in_one_pixel_as_rarely_as_the_photo(face):
    """preset:turn frames 12, 25, 40: of the strong edges across the map's jumps, at most 0.12 step in one
    pixel (astronaut measured 0.06-0.07, the photo's own edges 0.11) where the engine before (each pixel
    the one triangle covering its centre) stepped in one pixel on more than 0.25 (0.41-0.47; the astronaut's 0.30
    since the squeezed hair is read pre-filtered, `squeeze_filter`, thirty-sixth session); the frame
    differs from the one drawn without the anti-aliasing only on the pixels near a jump (`Seam.edge`), elsewhere
    by at most one grey level of rounding."""
    image, lm = face
    animator = set_up_copy(image, lm)
    x0, y0, x1, y1 = animator.box
    targets = turn_targets(lm)[0]
    counts = np.zeros((2, 2))
    for k in (12, 25, 40):
        frame = animator.map_frame(targets[k])
        seam = frame.seam
        if seam is None or not len(seam.edge):
            continue
        hard = dataclasses.replace(seam, edge=seam.edge[:0], edge_samples=seam.edge_samples[:0])
        before = animator.draw(dataclasses.replace(frame, seam=hard))
        after = animator.draw(frame)
        for row, drawn in enumerate((before, after)):
            share, strong = jump_hard_share(drawn, seam, (x0, y0))
            counts[row] += (share * strong, strong) if strong else (0, 0)
        changed = np.zeros(image.shape[:2], bool)
        changed[seam.rows[seam.edge] + y0, seam.cols[seam.edge] + x0] = True
        # and their 8 neighbours (the supersampled alpha feeds the head's drawn alpha that the outline's skin and the
        # neck read: after the nineteenth session's merges one pixel of frame 12 beside a jump differs by 2)
        changed = cv2.dilate(changed.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        differs = (before != after).any(-1)
        # Off the jumps at most one grey level of rounding: since h19-statue's plate (`plate.neck_body_side`, the
        # astronaut's plate up to 64 levels off there) 36 px of frame 25 beside the lower cheek differ by 1. Since
        # h20-ghear the raise under the ears (`fringe_unmix.unmix_over_neck`, also on skin darker than the plate)
        # reads the median alpha of the neck box's opaque skin, which the anti-aliased alpha shifts: a few pixels
        # under the ears differ by more (astronaut frame 25: 2 px by 2 levels; grace_hopper frame 40: 1 px by 6).
        # Since h26-pinkbox the neck's head end at rest reads that raised alpha too (`NeckWarp.drawn_end`): astronaut
        # frame 25's 4 px, one column under the ear (x 183, y 140-143 of the image), each by 2 levels.
        stepped = (np.abs(before.astype(np.int16) - after) > 1).any(-1)
        assert differs.any() and (stepped & ~changed).sum() <= 4, (k, (stepped & ~changed).sum())
    assert counts[1, 1] > 100
    share = counts[:, 0] / counts[:, 1]
    assert share[0] > 0.25 and share[1] < 0.12, share


def test_the_shadowed_neck_tone_has_no_straight_top():
    """lp_s6 (a statue, white background) under preset:turn's raised and turned chin (frames 18, 42): where
    the moved head uncovers the plate across the neck box's top row, the frame steps across that row by
    under 10 grey levels on average (measured 5.5 and 5.1; 25 and 56 when the tone filled the box up to its
    top row and the neck moved up to it: a dark patch with a straight top over the white background)."""
    image, lm = portrait("lp_s6")
    animator = MeshAnimator(image, lm)
    x0, y0 = animator.box[:2]
    targets = turn_targets(lm)[0]
    rows, cols = animator.layer.neck.box
    top = rows.start
    for k in (18, 42):
        frame = animator.render(targets[k])
        alpha = animator.drawn_alpha()
        grey = cv2.cvtColor(frame[y0:, x0:], cv2.COLOR_RGB2GRAY).astype(np.float32)
        shown = (alpha[top - 4:top + 4, cols] < 0.05).all(0)
        assert shown.sum() > 20, k
        step = np.abs(grey[top + 2, cols] - grey[top - 3, cols])[shown]
        assert step.mean() < 10, (k, step.mean())


def _drawn_jump_share(animator: MeshAnimator, targets: np.ndarray, frames: tuple[int, ...]) -> float:
    """`drawn_jump_share` of `frames` of `targets` drawn by `animator`, pooled over their strong edges."""
    hard = strong = 0.0
    for k in frames:
        frame = animator.map_frame(targets[k])
        drawn = animator.draw(frame)
        share, count = drawn_jump_share(drawn, animator.warp.full_size(frame.coarse, frame.seam), animator.box[:2])
        hard, strong = hard + (share * count if count else 0.0), strong + count
    assert strong > 150
    return hard / strong


def test_a_laughing_cheek_over_its_hair_steps_softly(monkeypatch):
    """lp_s5 at 512 (as `animate --size 512`), preset:laugh (2 s) frames 20, 25, 30 (the widest mouth): the
    stretch limit folds the cheek's outline band under the cheek, which is drawn over the hair behind it.
    Of the strong edges across the drawn map's jumps under 0.15 step in one pixel (measured 0.08; the photo's head
    crop's own edges 0.006); with only the jump cells in the seam (`warp._with_neighbours` without the cells
    around them: the engine before), the jump along a cell's side was drawn without coverage, a staircase of
    1-px steps: 0.26 (0.166 since h21-oopen scales the laugh's lower-face offsets by lp_s5's narrower mouth, a
    smaller fold: the engine before now reads over twice the engine's 0.056)."""
    image, lm = scaled_portrait("lp_s5", 512 / 720)
    targets = retarget(lm, preset_motion("laugh", 2.0), RetargetOptions().for_engine("mesh"))
    frames = (20, 25, 30)
    after = _drawn_jump_share(MeshAnimator(image, lm), targets, frames)
    monkeypatch.setattr(warp, "_with_neighbours", lambda qy, qx, shape: (qy, qx, np.ones(shape, bool)))
    before = _drawn_jump_share(MeshAnimator(image, lm), targets, frames)
    assert after < 0.15 and before > 2 * after, (after, before)


def test_a_grid_of_every_pixel_anti_aliases_its_jumps(monkeypatch):
    """lp_s0 at 512 (as `animate --size 512`): its face is small enough that the map's coarse grid is the crop's
    own pixels. preset:turn frames 12, 16, 20 (the face's outline over the wall and her hair): of the strong
    edges across the drawn map's jumps under 0.1 step in one pixel (measured 0.064; the photo's head crop's own
    edges 0.046). The engine before gave such a grid no seam at all, so no jump was anti-aliased: 0.31. The
    seam without the pixels none of their candidates covers given their own rasterised triangle
    (`warp._own_triangles`: the rasteriser's outline is conservative) misses pairs along the outline: 0.103,
    more than 1.25x what the seam with them reads."""
    image, lm = scaled_portrait("lp_s0", 512 / 704)
    targets = turn_targets(lm)[0]
    frames = (12, 16, 20)
    animator = MeshAnimator(image, lm)
    assert animator.warp.coarse == animator.warp.size
    after = _drawn_jump_share(animator, targets, frames)
    monkeypatch.setattr(warp, "_own_triangles", lambda rows, cols, best, *_: (rows, cols, best))
    missed = _drawn_jump_share(MeshAnimator(image, lm), targets, frames)
    monkeypatch.setattr(warp.MeshWarp, "_seam", lambda *_: None)
    before = _drawn_jump_share(MeshAnimator(image, lm), targets, frames)
    assert after < 0.1 and after < 0.8 * missed and before > 0.25, (after, missed, before)
