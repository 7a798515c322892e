"""The streaming retargeter's smoother continues each channel by name: the order in which `smooth_motion`
asks for channels does not matter (it did when filters were matched to calls by position)."""

from __future__ import annotations

import numpy as np

from facereel.motion.retarget import RetargetOptions, one_euro_smoother
from facereel.motion.streaming_retarget import CarriedSmoother

FPS = 25.0


def test_carried_channels_equal_batch_smoothing_in_any_call_order() -> None:
    rng = np.random.default_rng(0)
    series = {"rotation": np.cumsum(rng.normal(0, 0.02, (30, 3)), axis=0),
              "translation": np.cumsum(rng.normal(0, 0.1, (30, 3)), axis=0),
              "scale": 1 + np.cumsum(rng.normal(0, 0.01, 30))}
    options = RetargetOptions()
    batch = one_euro_smoother(options.smoothing, options.translation_smoothing)  # type: ignore[arg-type]
    carried = CarriedSmoother(options, FPS)
    streamed: dict[str, list[np.ndarray]] = {channel: [] for channel in series}
    for t in range(30):  # each frame is a one-frame motion (the current frame), channels in a varying order
        for channel in (list(series) if t % 2 else list(reversed(series))):
            streamed[channel].append(carried(channel, series[channel][t:t + 1], FPS)[0])
    for channel, x in series.items():
        np.testing.assert_allclose(np.stack(streamed[channel]), batch(channel, x, FPS), atol=1e-9)
    # the translation channel has its own filter: it differs from the motion filter on the same samples
    assert not np.allclose(batch("translation", series["translation"], FPS), batch("scale", series["translation"], FPS))
