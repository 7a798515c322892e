"""Long videos as overlapping diffusion windows, and a resume folder of finished windows.

Frame mapping (output length = condition length T, output[i] is generated for condition[i]):
condition[0] is the reference's own landmark drawing; condition[1:] are the T-1 driving frames. Every window
is [condition[0]] + `per = window_frames - 1` consecutive driving frames (the last window is padded by
repeating the last driving frame), conditioned on the same reference image. Windows start `per - overlap`
driving frames apart. output[0] is window 0's frame 0; window 0 gives all of its driving frames, each later
window only those after its `overlap` leading frames (the earlier window already gave those), so every
output frame comes from exactly one window.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from facereel.engines.a1.constants import TEMPORAL_COMPRESSION
from facereel.errors import InputError
from facereel.media.atomic import atomic_path


@dataclass(frozen=True)
class Window:
    """One diffusion window over the driving frames (0-based indices into condition[1:])."""

    index: int
    start: int  # first driving frame of the window
    keep_from: int  # first window position (0-based among its driving frames) that goes to the output
    keep_to: int  # one past the last kept position (< per only in the last, padded window)

    def output_indices(self) -> range:
        """Output (= condition) frame indices this window's kept driving frames land on."""
        return range(1 + self.start + self.keep_from, 1 + self.start + self.keep_to)


def plan_windows(driving_frames: int, window_frames: int, overlap: int) -> list[Window]:
    """Windows covering `driving_frames` driving frames, each exactly once (at least one window)."""
    per = window_frames - 1
    stride = per - overlap
    windows = []
    start = 0
    while True:
        keep_from = 0 if start == 0 else overlap
        windows.append(Window(len(windows), start, keep_from, min(per, driving_frames - start)))
        if start + per >= driving_frames:
            return windows
        start += stride


def window_condition(condition: np.ndarray, window: Window, window_frames: int) -> np.ndarray:
    """(window_frames, H, W, 3): the reference landmark frame + the window's driving frames, padded at the end."""
    driving = condition[1 + window.start: 1 + window.start + window_frames - 1]
    if len(driving) == 0:  # a condition of the reference frame alone: animate to a still
        driving = condition[:1]
    pad = window_frames - 1 - len(driving)
    return np.concatenate([condition[:1], driving, np.repeat(driving[-1:], pad, axis=0)])


class OverlapBlender:
    """Blends a window's leading overlap latents with the previous window's trailing ones.

    At each blend step the previous window's trailing `overlap/4` latent frames, cached at the same step
    (same noise level), are mixed in with weight falling linearly from 1 (first overlapping latent) towards 0.
    Latent frame 0 (the reference-landmark frame) is never blended.

    previous(i): the previous window's cache at blend step `first + i`, (count, 16, h, w) float32 (it may wait
    until another worker has reached that step); None for the first window. publish(i, latents): called with
    this window's own cache at blend step `first + i` as soon as it exists (the next window may be waiting).
    """

    def __init__(self, overlap: int, blend_steps: tuple[int, int],
                 previous: Callable[[int], torch.Tensor] | None,
                 publish: Callable[[int, torch.Tensor], None] | None = None) -> None:
        self.count = overlap // TEMPORAL_COMPRESSION
        self.first, self.last = blend_steps
        self.previous = previous
        self.publish = publish
        self.cached: list[torch.Tensor] = []

    def __call__(self, step: int, latents: torch.Tensor) -> torch.Tensor:
        if self.count == 0 or not self.first <= step <= self.last:
            return latents
        if self.previous is not None:
            n = self.count
            weight = torch.arange(n, 0, -1, dtype=latents.dtype, device=latents.device) / n
            weight = weight.view(1, n, 1, 1, 1)
            prev = self.previous(step - self.first).to(latents)[None]
            latents = latents.clone()
            latents[:, 1:1 + n] = weight * prev + (1 - weight) * latents[:, 1:1 + n]
        self.cached.append(latents[0, -self.count:].float().cpu())
        if self.publish is not None:
            self.publish(len(self.cached) - 1, self.cached[-1])
        return latents

    def cache(self) -> torch.Tensor | None:
        """This window's trailing latents at each blend step, (blend steps, count, 16, h, w) float32, for the
        next window (None without overlap)."""
        return torch.stack(self.cached) if self.cached else None


def job_key(arrays: dict[str, np.ndarray], settings: dict) -> str:
    """sha256 over the input arrays (shape and bytes) and the settings that change the output."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for name in sorted(arrays):
        array = np.ascontiguousarray(arrays[name])
        digest.update(f"{name}{array.shape}{array.dtype}".encode())
        digest.update(memoryview(array).cast("B"))
    return digest.hexdigest()


class ResumeStore:
    """Finished windows of one job in a folder: manifest.json (job key) + window_NNNN.npz (frames + cache).

    A folder that belongs to another job (different inputs or settings) is refused, never overwritten.
    """

    def __init__(self, folder: Path, key: str, windows: int) -> None:
        self.folder = Path(folder)
        manifest = self.folder / "manifest.json"
        if manifest.exists():
            try:
                stored = json.loads(manifest.read_text())["key"]
            except (OSError, ValueError, KeyError) as err:
                raise InputError(f"unreadable resume manifest ({err})", path=manifest) from err
            if stored != key:
                raise InputError("resume folder belongs to a different job (inputs or settings changed); "
                                 "use an empty folder", path=manifest)
        else:
            with atomic_path(manifest) as tmp:
                tmp.write_text(json.dumps({"key": key, "windows": windows}, indent=2))

    def _path(self, index: int) -> Path:
        return self.folder / f"window_{index:04d}.npz"

    def load(self, index: int) -> tuple[np.ndarray, torch.Tensor | None] | None:
        """(kept frames (N, H, W, 3) uint8, overlap cache or None), or None when not finished."""
        path = self._path(index)
        if not path.exists():
            return None
        try:
            with np.load(path) as data:
                frames = data["frames"]
                cache = torch.from_numpy(data["cache"]) if "cache" in data else None
        except (OSError, ValueError, KeyError) as err:
            raise InputError(f"unreadable finished window ({err}); delete it to recompute", path=path) from err
        return frames, cache

    def save(self, index: int, frames: np.ndarray, cache: torch.Tensor | None) -> None:
        """Write atomically, so an interruption never leaves a half-written window behind."""
        arrays = {"frames": frames} if cache is None else {"frames": frames, "cache": cache.numpy()}
        with atomic_path(self._path(index)) as tmp:
            with open(tmp, "wb") as fh:
                np.savez(fh, **arrays)
