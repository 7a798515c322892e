"""Figure: the 1-px dots a map that squeezes the photo leaves when it samples it unfiltered (issue #9: sr_8 `edit
--pitch -20`'s dotted diagonal in the hair's top; `squeeze_filter`)."""

from __future__ import annotations

import numpy as np


def checker_energy(image: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Grey levels: the mean magnitude of `image`'s ((H, W, 3) uint8) 2 x 2 checkerboard component over `box` (x0, y0,
    x1, y1 px): |a - b - c + d| / 4 of each 2 x 2 block's grey (channel mean) levels a b / c d, the response at the
    highest spatial frequency on both axes, where aliased dots and strands sit and smooth photo detail has little."""
    x0, y0, x1, y1 = box
    grey = image[y0:y1 + 1, x0:x1 + 1].astype(np.float32).mean(axis=2)
    checker = grey[:-1, :-1] - grey[:-1, 1:] - grey[1:, :-1] + grey[1:, 1:]
    return float(np.abs(checker).mean() / 4)


def dotted_excess(frame: np.ndarray, source: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Grey levels: `checker_energy` of `frame` over `box` beyond the source photo's own there (both (H, W, 3)
    uint8); 0 for the source repeated."""
    return checker_energy(frame, box) - checker_energy(source, box)
