"""Frame-rate conversion: optical flow beats the cross-fade on moving content; counts and held ends."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.media.interpolate import convert_frame_rate, crossfade, source_positions


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float(10 * np.log10(255.0**2 / max(mse, 1e-12)))


def textured(shape: tuple[int, int], seed: int, smooth: int) -> np.ndarray:
    """(H, W, 3) uint8 smooth random texture (box-filtered noise, contrast stretched)."""
    import cv2

    noise = np.random.default_rng(seed).random((*shape, 3)).astype(np.float32)
    tex = cv2.blur(noise, (smooth, smooth))
    tex = (tex - tex.min()) / (tex.max() - tex.min())
    return (tex * 255).astype(np.uint8)


def scene(shift: float, background: np.ndarray, patch: np.ndarray, y: int = 40, x: int = 30) -> np.ndarray:
    """The textured patch at x + shift (sub-pixel by resampling) over the still background."""
    import cv2

    frame = background.copy()
    h, w = patch.shape[:2]
    moved = cv2.warpAffine(patch, np.float32([[1, 0, shift % 1], [0, 1, 0]]), (w, h), borderMode=cv2.BORDER_REFLECT)
    x0 = x + int(np.floor(shift))
    frame[y:y + h, x0:x0 + w] = moved
    return frame


@pytest.mark.parametrize("speed", [6.0, 12.0])  # px per 12 fps frame
def test_flow_beats_crossfade_on_a_moving_pattern(speed: float) -> None:
    background, patch = textured((128, 192), 1, 9), textured((48, 48), 2, 5)
    frames = [scene(k * speed, background, patch) for k in range(3)]
    # 12 -> 24 fps: output frames 1 and 3 are the true middles at half a step
    flow = list(convert_frame_rate(frames, 12, 24, 5, "flow"))
    fade = list(convert_frame_rate(frames, 12, 24, 5, "crossfade"))
    for k in (1, 3):
        truth = scene((k / 2) * speed, background, patch)
        flow_psnr, fade_psnr = psnr(flow[k], truth), psnr(fade[k], truth)
        print(f"speed {speed} px/frame, frame {k}: flow {flow_psnr:.2f} dB, cross-fade {fade_psnr:.2f} dB")
        assert flow_psnr > fade_psnr + 3
    assert np.array_equal(flow[0], frames[0]) and np.array_equal(flow[2], frames[1])  # on-grid frames exact


def test_counts_and_held_end() -> None:
    frames = [np.full((32, 32, 3), v, np.uint8) for v in (0, 100, 200)]
    out = list(convert_frame_rate(frames, 12, 30, 9, "flow"))
    assert len(out) == 9
    assert all(f.shape == (32, 32, 3) and f.dtype == np.uint8 for f in out)
    assert np.array_equal(out[-1], frames[-1])  # past the last generated frame: held
    assert [p[:2] for p in source_positions(3, 12, 25, 2)] == [(0, 1), (0, 1), (0, 1)]


def test_crossfade_is_the_linear_blend() -> None:
    a, b = np.zeros((2, 2, 3), np.uint8), np.full((2, 2, 3), 200, np.uint8)
    assert np.all(crossfade(a, b, 0.25) == 50)
