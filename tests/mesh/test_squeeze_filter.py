"""The head layer is read pre-filtered where its map squeezes the photo (`squeeze_filter`; issue #9: sr_8 `facereel
edit --pitch -20`, a dotted diagonal checkerboard in the hair between the raised forehead and the frame's top;
figure `figures.squeeze_dots.dotted_excess`)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.engines.mesh.figures.squeeze_dots import checker_energy, dotted_excess
from facereel.engines.mesh.squeeze_filter import BAND_PX, SqueezeFilter, squeezed_pixels
from facereel.motion.sliders import Sliders

HAIR_TOP = (500, 0, 580, 40)
"""Image px (x0, y0, x1, y1): sr_8's hair between the forehead and the frame's top at `--pitch -20` (own size)."""
DOTTED_MOST = 0.35
"""`dotted_excess` over `HAIR_TOP`, grey levels: source repeated 0, the engine before 0.56, now 0.21."""


def _stripes(size: int = 64) -> np.ndarray:
    """(size, size, 4) float32 head layer, opaque: vertical 1-px stripes 0 / 200 along the columns."""
    head = np.ones((size, size, 4), np.float32)
    head[..., :3] = np.where(np.arange(size) % 2 == 0, 0.0, 200.0)[None, :, None]
    return head


def _squeezed_map(size: int, scale: float) -> np.ndarray:
    """(size, size, 2) float32 backward map reading columns `scale` photo px apart (rows 1:1), offset 0.37 px."""
    gy, gx = np.mgrid[0:size, 0:size].astype(np.float32)
    return np.dstack([(gx * scale + 0.37) % (size - 1), gy]).astype(np.float32)


def test_a_squeezed_band_is_read_smooth_and_an_unsqueezed_one_is_not_touched():
    """Stripes read 3.3 px apart alias into a beat over 120 levels; filtered their spread is under 40 levels. Read
    1:1 (and 1.5 apart, under `SQUEEZE_FROM`) the layer is left bit for bit."""
    head = _stripes()
    fine = SqueezeFilter(head)
    maps = np.ascontiguousarray(_squeezed_map(64, 10 / 3)[:, :16])
    drawn = np.ascontiguousarray(np.dstack([np.interp(maps[..., 0], np.arange(64), head[0, :, 0])] * 3 +
                                           [np.ones(maps.shape[:2])]).astype(np.float32))
    assert np.ptp(drawn[8, 2:-2, 0]) > 120
    fine.apply(drawn, maps)
    assert np.ptp(drawn[8, 2:-2, 0]) < 40
    for scale in (1.0, 1.5):
        maps = np.ascontiguousarray(_squeezed_map(64, scale)[:, :30])
        drawn = np.random.default_rng(0).uniform(0, 200, (64, 30, 4)).astype(np.float32)
        drawn[..., 3] = 1
        kept = drawn.copy()
        fine.apply(drawn, maps)
        assert np.array_equal(drawn, kept)


def test_any_number_of_squeezed_pixels_is_read_and_each_as_in_a_smaller_box():
    """A 200 x 200 box squeezed all over (> 32767 squeezed px, past `cv2.remap`'s row of samples: the fold test of
    tests/mesh/test_warp_health.py crashed there) is filtered, smooth, and its top half bit for bit as the same
    map's top half filtered alone (rows 1-98: each pixel read where it is, whatever else is squeezed)."""
    head = _stripes(700)
    maps = _squeezed_map(700, 10 / 3)[:200, :200]  # columns read 0-664: no wrap
    flat, _ = squeezed_pixels(maps, np.ones((200, 200), np.float32), 1.7)
    assert len(flat) > 32767

    def drawn(rows: int) -> np.ndarray:
        """The stripes sampled by `maps`' first `rows` rows, then filtered: (rows, 200, 4) float32."""
        box = np.ascontiguousarray(maps[:rows])
        out = cv2.remap(head, box, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        SqueezeFilter(head).apply(out, box)
        return out

    whole, half = drawn(200), drawn(100)
    assert np.ptp(whole[100, 10:-10, 0]) < 40 < np.ptp(head[0, :, 0])
    assert np.array_equal(whole[1:99], half[1:99])


def test_a_thin_squeezed_sliver_is_left_and_the_head_edge_too():
    """A squeezed strip narrower than `BAND_PX` (a fold's sliver) and squeezed pixels of alpha < 1 are not found."""
    maps = _squeezed_map(40, 1.0)
    maps[:, 20:20 + BAND_PX - 2, 0] = 20 + (maps[:, 20:20 + BAND_PX - 2, 0] - 20) * 4
    maps[:, 20 + BAND_PX - 2:, 0] += 3 * (BAND_PX - 2)
    alpha = np.ones((40, 40), np.float32)
    flat, _ = squeezed_pixels(maps, alpha, 1.7)
    assert len(flat)  # the strip's squeeze is read ...
    drawn = np.random.default_rng(1).uniform(0, 200, (40, 40, 4)).astype(np.float32)
    drawn[..., 3] = 1
    kept = drawn.copy()
    SqueezeFilter(_stripes(40)).apply(drawn, maps)
    assert np.array_equal(drawn, kept)  # ... but it is too thin to be filtered
    assert not len(squeezed_pixels(maps, np.full((40, 40), 0.99, np.float32), 1.7)[0])


@pytest.mark.slow
def test_sr_8_hair_top_under_a_raised_face_is_not_dotted():
    """sr_8 (own size) `--pitch -20`: the hair squeezed between the forehead and the frame's top has at most
    `DOTTED_MOST` grey levels of 2 x 2 checkerboard beyond the photo's own."""
    image, landmarks = portrait("sr_8")
    editor = StillEditor(Source(image=image, landmarks=landmarks))
    assert dotted_excess(image, image, HAIR_TOP) == 0
    frame = editor.render(Sliders(pitch=-20))
    dotted = dotted_excess(frame, image, HAIR_TOP)
    own = checker_energy(image, HAIR_TOP)
    assert dotted <= DOTTED_MOST, f"{dotted:.2f} grey levels of dots in the hair's top beyond the photo's {own:.2f}"
