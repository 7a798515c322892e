"""Staircase share: teeth along the edges where the warp's map jumps (issue #9's sawtooth outline).

The backward map is rasterised on a coarse grid and upsampled bilinearly (`warp.MeshWarp`). Inside a
triangle that is exact (an affine map interpolates to itself); where the map jumps (a face drawn over the
background behind it, a turned cheek's fold) bilinear upsampling follows the coarse grid's staircase and
mixes the two sides' source positions over a cell, so the outline shows teeth one coarse cell wide.
Measured against the exact render (the same frame with the map rasterised at every crop pixel,
`exact_options`): the share of the head crop's pixels whose grey level differs from it by more than
`STAIR_GREY`. The source repeated (the do-nothing baseline) has no map and scores 0 by definition.
"""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np

from facereel.engines.mesh.animator import MeshOptions

STAIR_GREY = 24  # grey levels: a pixel this far from the exact render is on a tooth (or a tooth's gap)
_EVERY_PIXEL = 1 << 20  # map cells per face: the coarse grid's step clamps to 1 crop px


def exact_options(options: MeshOptions | None = None) -> MeshOptions:
    """`options` (None: the defaults) with the backward map rasterised at every crop pixel."""
    return dataclasses.replace(options or MeshOptions(), map_cells_per_face=_EVERY_PIXEL)


def staircase_share(frame: np.ndarray, exact: np.ndarray) -> float:
    """Share of the pixels of `frame` (h, w, 3) uint8 RGB whose grey level differs from `exact`'s (the same
    frame rendered with `exact_options`, same shape) by more than `STAIR_GREY`."""
    grey = [cv2.cvtColor(im, cv2.COLOR_RGB2GRAY).astype(np.int16) for im in (frame, exact)]
    return float((np.abs(grey[0] - grey[1]) > STAIR_GREY).mean())
