"""Which clips a tracked video yields: fixed-length windows of the 12 fps timeline, faceless-heavy ones
skipped, each with its reference frame (the identity image the model is conditioned on)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Literal

import numpy as np

from facereel.engines.a1.constants import TEMPORAL_COMPRESSION, WINDOW_FRAMES
from facereel.errors import InputError

ReferenceMode = Literal["outside", "inside"]


@dataclass(frozen=True)
class ClipOptions:
    """How a video is cut into clips. Frame counts are at the model's 12 fps.

    clip_frames: driving frames per clip (the model's window is 1 reference-landmark frame + 48); a multiple
        of 4 so that clip + reference frame fits the VAE's 4x temporal compression.
    stride: frames between clip starts (None = clip_frames: back to back, no overlap).
    max_lost: a clip is skipped when the face was lost in more than this fraction of its frames.
    reference: `outside` = a random face frame of the video outside the clip (the clip itself when the video
        has no other), `inside` = a random face frame of the clip; drawn with `seed`, per video and clip, so a
        rerun picks the same frames.
    """

    clip_frames: int = WINDOW_FRAMES - 1
    stride: int | None = None
    max_lost: float = 0.1
    reference: ReferenceMode = "outside"
    seed: int = 0

    def __post_init__(self) -> None:
        if self.clip_frames < TEMPORAL_COMPRESSION or self.clip_frames % TEMPORAL_COMPRESSION:
            raise InputError(f"--clip-frames must be a positive multiple of {TEMPORAL_COMPRESSION}, "
                             f"got {self.clip_frames}")
        if self.stride is not None and self.stride < 1:
            raise InputError(f"--stride must be at least 1, got {self.stride}")
        if not 0 <= self.max_lost < 1:
            raise InputError(f"--max-lost must be in [0, 1), got {self.max_lost}")
        if self.reference not in ("outside", "inside"):
            raise InputError(f"--reference must be outside or inside, got {self.reference!r}")

    @property
    def step(self) -> int:
        return self.stride or self.clip_frames


@dataclass(frozen=True)
class ClipPlan:
    """One clip: driving frames [start, start + frames) of the 12 fps timeline and its reference frame index."""

    start: int
    frames: int
    reference: int
    lost: int  # driving frames where the face was lost (filled by interpolation, flagged in the metadata)

    @property
    def stop(self) -> int:
        return self.start + self.frames

    @property
    def reference_in_clip(self) -> bool:
        return self.start <= self.reference < self.stop


@dataclass(frozen=True)
class Skipped:
    """A clip left out because the face was lost in `lost` of its `frames` frames."""

    start: int
    frames: int
    lost: int


def plan_clips(valid: np.ndarray, video: str, options: ClipOptions) -> tuple[list[ClipPlan], list[Skipped]]:
    """Clips of a video whose 12 fps frames have face validity `valid` (T,) bool; `video` names it (seeds)."""
    n = options.clip_frames
    plans, skipped = [], []
    for start in range(0, len(valid) - n + 1, options.step):
        lost = int(n - valid[start:start + n].sum())
        if lost > options.max_lost * n:
            skipped.append(Skipped(start, n, lost))
            continue
        rng = np.random.default_rng([options.seed, zlib.crc32(video.encode()), start])
        plans.append(ClipPlan(start, n, _pick_reference(valid, start, n, options.reference, rng), lost))
    return plans, skipped


def _pick_reference(valid: np.ndarray, start: int, n: int, mode: ReferenceMode, rng: np.random.Generator) -> int:
    inside = np.zeros(len(valid), bool)
    inside[start:start + n] = True
    candidates = np.flatnonzero(valid & ~inside) if mode == "outside" else np.array([], int)
    if not len(candidates):
        candidates = np.flatnonzero(valid & inside)
    return int(rng.choice(candidates))
