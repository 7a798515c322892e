"""`unmix`: a soft edge's colour taken back out of a photo composited over a plate, on real pixels."""

from __future__ import annotations

import numpy as np
from PIL import Image

from facereel.engines.mesh.head_edge.unmix import ALPHA_FLOOR, premultiplied, unmixed


def _pixels(shared_data, name: str) -> np.ndarray:
    """A shared portrait's top-left 128 x 128 px as (128, 128, 3) float32 grey levels."""
    with Image.open(shared_data / "portraits" / name) as image:
        return np.asarray(image.convert("RGB"), np.float32)[:128, :128]


def test_unmixing_a_composite_gives_back_the_head_colour(shared_data) -> None:
    """S = a F + (1 - a) P with F, P two real photos' pixels and a ramp of alphas: `premultiplied` is a F (so
    laid back over P it is S), `unmixed` is F where a is well over `ALPHA_FLOOR`, and a = 0 stays finite."""
    head, plate = _pixels(shared_data, "lp_s1.jpg"), _pixels(shared_data, "sr_18.png")
    alpha = np.tile(np.linspace(0.0, 1.0, 128, dtype=np.float32), (128, 1))
    source = alpha[..., None] * head + (1 - alpha[..., None]) * plate

    carried = premultiplied(source, alpha, plate)
    assert carried.dtype == np.float32 and carried.shape == source.shape
    assert np.abs(carried + (1 - alpha[..., None]) * plate - source).max() < 1e-3
    assert np.abs(carried - alpha[..., None] * head).max() < 1e-3

    colour = unmixed(source, alpha, plate)
    solid = alpha > 0.05
    assert np.abs(colour - head)[solid].max() < 0.05  # grey levels: float32 rounding over a / 0.05 at most
    assert np.isfinite(colour).all() and (colour[alpha == 0] == 0).all()  # there S is P: nothing carried
    faint = np.full((128, 128), ALPHA_FLOOR / 4, np.float32)  # under the floor the divisor is the floor
    np.testing.assert_allclose(unmixed(source, faint, plate), premultiplied(source, faint, plate) / ALPHA_FLOOR,
                               rtol=1e-6)
    wrong = unmixed(source, alpha, np.zeros_like(plate))  # against a plate that was not behind the edge
    assert np.abs(wrong - head)[solid & (alpha < 0.5)].mean() > 20
