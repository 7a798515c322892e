"""Flat blocks beside a turning face (issue #9): source triangles under a px wide are limited by the width they
open to (`stretch_limit.TINY_WIDTH_PX`), so a turn no longer draws one or two source px over a block of tens
(`figures.flat_blocks`); the tracker's sub-pixel noise still moves nothing."""

from __future__ import annotations

import math

import numpy as np
import pytest
from mesh_faces import landmarks, scaled_portrait

import facereel.engines.mesh.geometry.stretch_limit as stretch_limit
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.flat_blocks import flat_blocks
from facereel.engines.mesh.geometry.stretch_limit import StretchLimit
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def turn_figures(image: np.ndarray, lm: np.ndarray, frames: tuple[int, ...]) -> tuple[float, list[float]]:
    """The figure on the source repeated, then on `frames` of preset:turn (2 s, as `facereel animate`)."""
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(translate=True))
    animator = MeshAnimator(image, lm)
    animator.render(lm)
    still = flat_blocks(animator)
    figures = []
    for k in frames:
        animator.render(targets[k])
        figures.append(flat_blocks(animator))
    return still, figures


def before_after(image: np.ndarray, lm: np.ndarray, frames: tuple[int, ...],
                 monkeypatch: pytest.MonkeyPatch) -> tuple[float, float, float]:
    """(source repeated, mean figure of the engine before: tiny triangles not limited, mean figure now)."""
    still, now = turn_figures(image, lm, frames)
    with monkeypatch.context() as patch:
        patch.setattr(stretch_limit, "TINY_WIDTH_PX", math.inf)
        _, before = turn_figures(image, lm, frames)
    return still, float(np.mean(before)), float(np.mean(now))


def test_a_sliver_opens_no_wider_than_the_limit_and_noise_moves_nothing():
    """A source triangle 0.2 px wide (twice its area 2 px^2, under the old floor) opened to 20 px is brought
    back to about `TINY_WIDTH_PX` across; opened by 0.3 px (tracker noise) it is left alone."""
    source = np.array([[0, 0], [10, 0], [5, 0.2]], np.float64)
    triangles = np.array([[0, 1, 2]])
    limit = StretchLimit(source, triangles, 3.0)
    noisy = source.copy()
    noisy[2, 1] += 0.3
    assert np.array_equal(limit(noisy), noisy.astype(np.float32))
    opened = source.copy()
    opened[2, 1] = 20.0
    width = float(limit(opened)[2, 1] - limit(opened)[0, 1])
    assert width <= 1.5 * stretch_limit.TINY_WIDTH_PX, width


def test_astronaut_turn_draws_fewer_flat_blocks(astronaut, monkeypatch):
    """The astronaut (512 px) turned away, frames 6-12 of preset:turn (the near jaw's hatched strip): the
    figure is 0 on the source repeated and drops to under half the engine's before."""
    lm = landmarks(astronaut)
    still, before, now = before_after(astronaut, lm, (6, 9, 12), monkeypatch)
    assert still == 0.0
    assert before > 0.005 and now < 0.5 * before, (before, now)


def test_small_painted_face_turn_draws_no_block_beside_the_cheek(monkeypatch):
    """lp_s3 at 512 (a 150 px face: a third of its triangles under the old floor), frames 36-42 of preset:turn:
    the pale block beside the near cheek is gone (figure under half the engine's before)."""
    image, lm = scaled_portrait("lp_s3", 512 / 729)
    still, before, now = before_after(image, lm, (36, 39, 42), monkeypatch)
    assert still == 0.0
    assert before > 0.01 and now < 0.5 * before, (before, now)
