"""A small face's shadowed neck tone (h23-smallface): lp_s1 pasted ~70 px wide into a 1280x720 frame, turned
(preset:turn 14-20, 40-44), laid a coarse speckled brown patch under the chin: the tone's grain (`neck._grain`) was
matched to a sample (the thin strip inside the jaw line) whose pixel-scale detail was the jaw's edge. The sample now
keeps off its edge by the high-pass's blur; `figures.tone_speckle.speckle` reads the tone's pixel-scale grain."""

from __future__ import annotations

import cv2
import numpy as np
from mesh_faces import landmarks, portrait
from test_layered import turn_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.tone_speckle import speckle
from facereel.engines.mesh.neck_layer.neck import _grain


def test_speckle_reads_grain_on_flat_pixels_only():
    """Noise of 4 grey levels reads over 1, a smooth ramp 0; a step edge in the region is not read as grain."""
    rng = np.random.default_rng(1)
    flat = np.full((40, 40, 3), 120, np.uint8)
    noisy = np.clip(120 + 4 * rng.standard_normal((40, 40, 1)), 0, 255).repeat(3, 2).astype(np.uint8)
    region = np.ones((40, 40), bool)
    assert speckle(noisy, region) > 1.0 and speckle(flat, region) == 0.0
    edged = flat.copy()
    edged[:, 20:] = 200
    assert speckle(edged, region) == 0.0
    assert speckle(noisy, np.zeros_like(region)) == 0.0


def test_the_grain_is_not_matched_to_the_edge_of_its_sample():
    """A smooth skin with a thin known strip along a step edge (the jaw line on a small face) gives no grain; a wide
    known patch of grained skin gives grain as strong as its own."""
    rng = np.random.default_rng(2)
    crop = np.full((60, 60, 3), 150, np.uint8)
    crop[30:] = 90  # the neck's shadow below the jaw line
    known = np.zeros((60, 60), np.float32)
    known[27:30, 5:55] = 1  # 3 px of skin just inside the line
    assert np.abs(_grain(crop, known, 77.0)).max() == 0
    grained = np.clip(150 + 5 * rng.standard_normal((60, 60, 1)), 0, 255).repeat(3, 2).astype(np.uint8)
    known[5:25, 5:55] = 1
    assert 2.0 < float(_grain(grained, known, 77.0)[..., 0].std()) < 8.0


def _small_lp_s1() -> tuple[np.ndarray, np.ndarray]:
    """lp_s1 resized to 230 px pasted at (700, 260) into 1280x720 of its top-right wall enlarged and blurred (as
    h23-fresh's sweep), and its landmarks."""
    image, _ = portrait("lp_s1")
    wall = cv2.GaussianBlur(cv2.resize(image[0:170, 845:1145], (1280, 720)), (0, 0), 10)
    wall[260:490, 700:930] = cv2.resize(image, (230, 230), interpolation=cv2.INTER_AREA)
    lm = landmarks(wall)
    assert lm is not None
    return wall, lm


def test_a_small_faces_neck_tone_under_the_turned_chin_is_not_speckled():
    """preset:turn 16 and 18 on the small lp_s1, over the neck box's pixels the head does not cover and the frame
    changed: the tone's pixel-scale grain (`speckle`, summed over the frames) is below 0.9 of the photo's own there
    (the source repeated 2.55 (2.66 over the old frames' region), before 2.84, now 2.09)."""
    image, lm = _small_lp_s1()
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = animator.box
    rows, cols = animator.layer.neck.box
    source = image[y0:y1, x0:x1]
    targets = turn_targets(lm)[0]
    engine = repeated = 0.0
    for k in (16, 18):
        frame = animator.render(targets[k])[y0:y1, x0:x1]
        region = np.zeros(source.shape[:2], bool)
        region[rows, cols] = True
        region &= (animator.drawn_alpha() < 0.05) & (np.abs(frame.astype(int) - source).max(2) > 8)
        assert region.sum() > 300, k
        engine += speckle(frame, region)
        repeated += speckle(source, region)
    assert engine < 0.9 * repeated, (repeated, engine)
