"""`quantiles.quantile` and `quantiles.byte_median` (the forty-fourth session's draw speed-up, issue #9) give numpy's
`np.quantile` and `np.median` bit for bit on real pixels: the portraits' CIELAB lightness (the colour match's
samples: many ties, as uint8 pixels give) over windows of many sizes at the mouth's quantile levels, and their RGB
pixels' per-channel medians (the cheeks' and lips' colour) at odd and even counts; a sample holding a NaN gets
numpy's NaN. And a driven render draws the mouth with each call's value numpy's."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.engines.mesh.open_mouth import mouth_driver, mouth_shape
from facereel.engines.mesh.open_mouth.mouth_driver import _DARKS, _LIGHTEST, _TOP, to_lab
from facereel.engines.mesh.quantiles import byte_median, quantile

LEVELS = (0.0, _DARKS, 1 - _LIGHTEST, 0.5, _TOP, 1.0)


def _windows(image: np.ndarray, count: int, seed: int) -> list[np.ndarray]:
    """`count` windows (h, w, 3) uint8 of `image`, 1 to 60 px a side, at random places."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        h, w = (int(v) for v in rng.integers(1, 61, 2))
        y, x = int(rng.integers(0, image.shape[0] - h)), int(rng.integers(0, image.shape[1] - w))
        out.append(image[y:y + h, x:x + w])
    return out


@pytest.mark.parametrize("name", ["astronaut", "grace_hopper"])
def test_quantile_is_numpys_on_lightness(name, request):
    image = request.getfixturevalue(name)
    for window in _windows(image, 150, 1):
        lightness = to_lab(window)[..., 0].reshape(-1)
        for q in LEVELS:
            expected = float(np.quantile(lightness, q))
            got = quantile(lightness, q)
            assert np.float64(got).tobytes() == np.float64(expected).tobytes(), (window.shape, q, got, expected)


def test_quantile_keeps_numpys_nan(astronaut):
    lightness = to_lab(astronaut[:20, :20])[..., 0].reshape(-1).copy()
    lightness[7] = np.nan
    assert np.isnan(quantile(lightness, _DARKS)) and np.isnan(np.quantile(lightness, _DARKS))


@pytest.mark.parametrize("name", ["astronaut", "grace_hopper"])
def test_byte_median_is_numpys_on_pixels(name, request):
    image = request.getfixturevalue(name)
    counts = set()
    for window in _windows(image, 150, 2):
        px = window.reshape(-1, 3)
        for sample in (px, px[1:]) if len(px) > 1 else (px,):
            counts.add(len(sample) % 2)
            assert byte_median(sample).tobytes() == np.median(sample, 0).astype(np.float32).tobytes(), len(sample)
    assert counts == {0, 1}


def test_driven_mouth_reads_numpys_values(shared_data, monkeypatch):
    """lp_s1 at 256 driven by lp_d3's first second (its mouth opens): every quantile and median the colour match
    takes equals numpy's on its own sample, and they were taken."""
    import cv2

    from facereel.animate.inputs import source_from_image
    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.engines.mesh.stream_video import drive_frames, track_driver
    from facereel.media.image import read_image
    from facereel.media.video import open_video

    taken = {"quantile": 0, "median": 0}

    def checked_quantile(values: np.ndarray, q: float) -> float:
        got = quantile(values, q)
        assert np.float64(got).tobytes() == np.float64(np.quantile(values, q)).tobytes()
        taken["quantile"] += 1
        return got

    def checked_median(px: np.ndarray) -> np.ndarray:
        got = byte_median(px)
        assert got.tobytes() == np.median(px, 0).astype(np.float32).tobytes()
        taken["median"] += 1
        return got

    monkeypatch.setattr(mouth_driver, "quantile", checked_quantile)
    monkeypatch.setattr(mouth_shape, "byte_median", checked_median)
    image = cv2.resize(read_image(shared_data / "portraits" / "lp_s1.jpg"), (256, 256), interpolation=cv2.INTER_AREA)
    source = source_from_image(image)
    options = AnimateOptions()
    path = shared_data / "driving" / "lp_d3.mp4"
    with open_video(path) as video:
        portrait = DrivenPortrait(source.image, source.landmarks, options.retarget, video.fps, mesh_options(options))
        frames = (frame for _, frame in zip(range(int(video.fps)), video.frames(fps=video.fps)))
        for driven in drive_frames(track_driver(frames, None, False, path, portrait.wants_driver_image), portrait,
                                   path):
            portrait.animator.render(driven.target, driver=driven.driver)
    assert taken["quantile"] > 0 and taken["median"] > 0, taken
