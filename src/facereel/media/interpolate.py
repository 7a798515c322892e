"""Frame-rate conversion of generated videos (the A1 engine's 12 fps output to the driver's fps).

flow (default): OpenCV DIS optical flow both ways between the two neighbouring frames, each frame warped
to the in-between time (flows to time t by the quadratic approximation of Jiang et al., "Super SloMo"),
blended by time and by each side's forward-backward flow consistency, so that pixels seen in only one of
the frames (occlusions) come from that frame. crossfade: a linear blend of the two frames (ghosts on fast
motion). Frames are (H, W, 3) uint8 RGB, yielded one at a time so long videos stay in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import cv2
import numpy as np

from facereel.media.video_choices import INTERPOLATION_METHODS
# Forward-backward flow error (px) at which a side's blending weight has fallen to 1/e.
_OCCLUSION_PX = 1.0
_MIN_FLOW_SIDE = 16  # DIS needs an image side of at least 12 px; smaller frames are cross-faded


def source_positions(count: int, fps_in: float, fps_out: float, available: int) -> Iterator[tuple[int, int, float]]:
    """(lo, hi, w) per output frame k = 0..count-1: it lies at fraction w between input frames lo and hi."""
    for k in range(count):
        t = k / fps_out * fps_in
        lo = min(int(np.floor(t)), available - 1)
        hi = min(lo + 1, available - 1)
        yield lo, hi, float(t - lo) if hi > lo else 0.0


def crossfade(a: np.ndarray, b: np.ndarray, w: float) -> np.ndarray:
    """(1 - w) a + w b, rounded."""
    return np.clip(a * np.float32(1 - w) + b * np.float32(w) + 0.5, 0, 255).astype(np.uint8)


def _warp(image: np.ndarray, flow: np.ndarray) -> np.ndarray:
    """Backward warp: out(x) = image(x + flow(x)), bilinear, edges replicated. flow: (H, W, 2) px (dx, dy)."""
    h, w = flow.shape[:2]
    ys, xs = np.indices((h, w), dtype=np.float32)
    return cv2.remap(image, xs + flow[..., 0], ys + flow[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def dis_flows(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(flow a->b, flow b->a), each (H, W, 2) float32 px, by DIS (medium preset) on the grey images."""
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
    grey_a, grey_b = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY), cv2.cvtColor(b, cv2.COLOR_RGB2GRAY)
    return dis.calc(grey_a, grey_b, None), dis.calc(grey_b, grey_a, None)


def flow_blend(a: np.ndarray, b: np.ndarray, w: float, flow_ab: np.ndarray, flow_ba: np.ndarray) -> np.ndarray:
    """The frame at fraction w in (0, 1) between a and b, given the flows both ways."""
    to_a = -(1 - w) * w * flow_ab + w * w * flow_ba
    to_b = (1 - w) ** 2 * flow_ab - w * (1 - w) * flow_ba
    # Where a pixel of `a` is occluded in `b` its forward-backward round trip misses: trust the other side.
    miss_a = np.linalg.norm(flow_ab + _warp(flow_ba, flow_ab), axis=-1)
    miss_b = np.linalg.norm(flow_ba + _warp(flow_ab, flow_ba), axis=-1)
    weight_a = (1 - w) * np.exp(-_warp(miss_a, to_a) / _OCCLUSION_PX) + 1e-6
    weight_b = w * np.exp(-_warp(miss_b, to_b) / _OCCLUSION_PX) + 1e-6
    blended = (weight_a[..., None] * _warp(a, to_a).astype(np.float32)
               + weight_b[..., None] * _warp(b, to_b).astype(np.float32)) / (weight_a + weight_b)[..., None]
    return np.clip(blended + 0.5, 0, 255).astype(np.uint8)


def convert_frame_rate(frames: Sequence[np.ndarray], fps_in: float, fps_out: float, count: int,
                       method: str = "flow") -> Iterator[np.ndarray]:
    """`count` frames at fps_out from `frames` at fps_in (frame k at time k / fps_out; the last input frame
    is held past the end). Flows are computed once per neighbouring pair."""
    if method not in INTERPOLATION_METHODS:
        raise ValueError(f"method must be one of {INTERPOLATION_METHODS}, got {method!r}")
    pair, flows = None, None
    for lo, hi, w in source_positions(count, fps_in, fps_out, len(frames)):
        a = np.asarray(frames[lo])
        if w == 0.0:
            yield a.copy()
            continue
        b = np.asarray(frames[hi])
        if method == "crossfade" or max(a.shape[:2]) < _MIN_FLOW_SIDE:
            yield crossfade(a, b, w)
            continue
        if pair != (lo, hi):
            pair, flows = (lo, hi), dis_flows(a, b)
        yield flow_blend(a, b, w, *flows)
