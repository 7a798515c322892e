"""The head layer read from pre-filtered copies where its map squeezes the photo (issue #9: sr_8 `facereel edit
--pitch -20`, a dotted diagonal checkerboard in the hair between the raised forehead and the frame's top).

The head layer is moved by a bilinear backward map (`layers.HeadLayer.composite`). Where the map squeezes the
photo, one frame pixel covers several photo pixels but the bilinear sample reads only the 2 x 2 around one point:
the photo's fine hair strands come out as 1-px dots alternating dark and light (aliasing; sr_8's hair top at
`--pitch -20`: 4-8 photo px per frame px). There the sample is taken from Gaussian-blurred copies of the head layer
instead, the blur growing with the map's local scale (the larger singular value of its Jacobian, photo px per frame
px), blended continuously from the sharp layer at `SQUEEZE_FROM`, in bands at least `BAND_PX` wide. Only the colour
of pixels inside the head (sharp alpha 1) changes, so the head's edges, its alpha, the jumps and folds' thin slivers
and everything the map does not squeeze stay bit for bit.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.compiled import kernel as _kernel
from facereel.engines.mesh import draw_kernels

SQUEEZE_FROM = 1.7
"""Photo px per frame px: the map's local scale (the Jacobian's larger singular value) from which the head layer is
read pre-filtered; below it the bilinear sample's own blur suffices (a forward scale of ~0.6)."""

SCALES = (SQUEEZE_FROM, 2 * SQUEEZE_FROM, 4 * SQUEEZE_FROM)
"""Photo px per frame px at which the sharp layer and each blurred copy are read alone (between two, blended
linearly in log scale; past the last, the last copy)."""

BAND_PX = 7
"""Frame px: the narrowest squeezed band read pre-filtered (a morphological opening by a square this wide). The
thin slivers where the map's scale climbs beside a fold (the turned far outline, the nose's side, a shut lid, the mouth
corners: lp_s1 x lp_d3 1-5 px wide) are the outlines' own business (`far_fold`, `outline_skin`) and stay as drawn;
sr_8's squeezed hair top is ~20 px wide."""


def copy_sigma(scale: float) -> float:
    """px: the Gaussian blur of the copy read alone at `scale` photo px per frame px: sqrt(scale^2 - 1) / 2, what a
    one-px bilinear tap lacks of the scale's low-pass (a pyramid's level at scale 2 is ~0.87 px)."""
    return float(np.sqrt(scale * scale - 1.0) / 2.0)


@_kernel
def _largest_squared(maps: np.ndarray, y: int, x: int, dy: int, dx: int) -> np.float32:
    """The squared larger singular value of the map's Jacobian at (y, x) by differences to (y + dy, x) and
    (y, x + dx) (dy, dx: +1 forward, -1 backward), photo px^2 per frame px^2."""
    j00 = (maps[y, x + dx, 0] - maps[y, x, 0]) * dx
    j10 = (maps[y, x + dx, 1] - maps[y, x, 1]) * dx
    j01 = (maps[y + dy, x, 0] - maps[y, x, 0]) * dy
    j11 = (maps[y + dy, x, 1] - maps[y, x, 1]) * dy
    total = j00 * j00 + j01 * j01 + j10 * j10 + j11 * j11
    det = j00 * j11 - j01 * j10
    return (total + np.sqrt(max(total * total - 4 * det * det, np.float32(0)))) / 2


@_kernel
def squeezed_pixels(maps: np.ndarray, alpha: np.ndarray, squeeze_from: float) -> tuple[np.ndarray, np.ndarray]:
    """The pixels of a backward map (b, a, 2) float32 (photo px) whose local scale exceeds squeeze_from and whose
    sampled head alpha (b, a) float32 is 1: their flat indices (n,) int64 and scales (n,) float32. The scale is the
    larger singular value of the map's Jacobian, the smaller of its forward and backward differences' (one side
    of a jump in the map, `warp.MeshWarp.seam`, reads the jump as a squeeze, the other side not: no pixel beside a
    jump is taken for squeezed); the border rows and columns are left out."""
    b, a = alpha.shape
    flat = np.empty(b * a, np.int64)
    scale = np.empty(b * a, np.float32)
    n = 0
    limit = np.float32(squeeze_from) ** 2
    for y in range(1, b - 1):
        for x in range(1, a - 1):
            if alpha[y, x] != np.float32(1):
                continue
            largest = _largest_squared(maps, y, x, 1, 1)
            if largest <= limit:
                continue
            largest = min(largest, _largest_squared(maps, y, x, -1, -1))
            if largest > limit:
                flat[n] = y * a + x
                scale[n] = np.sqrt(largest)
                n += 1
    return flat[:n], scale[:n]


class SqueezeFilter:
    """Reads a head layer (h, w, 4) float32 (premultiplied colour and alpha) from blurred copies where a map
    squeezes it (`apply`); the copies are made on first need."""

    def __init__(self, head: np.ndarray) -> None:
        self._head = head
        self._copies: list[tuple[np.ndarray, np.ndarray]] | None = None

    def _blurred(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The blurred copies (h, w, 4) float32, one per `SCALES` past the first, each with its `empty_taps` (h, w)
        bool."""
        if self._copies is None:
            copies = [cv2.GaussianBlur(self._head, (0, 0), copy_sigma(s), borderType=cv2.BORDER_REPLICATE)
                      for s in SCALES[1:]]
            self._copies = [(c, draw_kernels.empty_taps(c)) for c in copies]
        return self._copies

    def _read(self, points: np.ndarray) -> list[np.ndarray]:
        """(n, 4) float32 per blurred copy: each read at `points` ((n, 1, 2) float32 photo px) as `cv2.remap`'s
        INTER_LINEAR, BORDER_REPLICATE does, bit for bit (`draw_kernels.remap_linear`, compiled: any number of
        points, where `cv2.remap` takes rows shorter than 32767 samples)."""
        samples = []
        for copy, empty in self._blurred():
            sample = np.empty((len(points), 1, 4), np.float32)
            draw_kernels.remap_linear(copy, points, draw_kernels.BILINEAR_WEIGHTS, empty, sample)
            samples.append(sample[:, 0])
        return samples

    def apply(self, head: np.ndarray, maps: np.ndarray) -> None:
        """Redraws in place the colour of `head` ((b, a, 4) float32, the layer remapped by `maps` (b, a, 2) float32)
        where the map squeezes by more than `SQUEEZE_FROM` inside the head (alpha 1): blended towards the copies
        read at the same points, un-premultiplied by their alpha (the head's own colour, not its edge's fade)."""
        flat, scale = squeezed_pixels(maps, head[..., 3], SQUEEZE_FROM)
        if not len(flat):
            return
        squeezed = np.zeros(head.shape[:2], np.uint8)
        squeezed.reshape(-1)[flat] = 1
        squeezed = cv2.morphologyEx(squeezed, cv2.MORPH_OPEN, np.ones((BAND_PX, BAND_PX), np.uint8))
        wide = squeezed.reshape(-1)[flat] > 0
        flat, scale = flat[wide], scale[wide]
        if not len(flat):
            return
        samples = self._read(np.ascontiguousarray(maps.reshape(-1, 2)[flat][:, None, :]))
        level = np.interp(np.log(scale), np.log(SCALES), np.arange(len(SCALES))).astype(np.float32)
        pixels = head.reshape(-1, 4)
        colour = pixels[flat, :3]
        for i, sample in enumerate(samples, start=1):
            share = np.clip(1 - np.abs(level - i), 0, 1)
            share *= np.clip(2 * sample[:, 3] - 1, 0, 1)  # a copy mostly off the head: not read
            on = share > 0
            read = sample[on, :3] / sample[on, 3:]
            colour[on] += share[on, None] * (read - pixels[flat[on], :3])
        pixels[flat, :3] = colour
