"""The training clips as one endless stream shared out over processes, read by a `torch.utils.data.DataLoader`.

Position g of the stream (0, 1, 2, ...) is clip `perm_e[g mod n]` of the n training clips, perm_e a seeded
permutation per epoch e = g // n. Optimizer step s takes the G = world x batch x accumulate positions
[s G, (s + 1) G); micro-batch a of process r holds positions s G + a (world x batch) + r batch + [0, batch). A
clip's randomness (face dropout, timestep, noise) is drawn from a generator seeded by the run seed and its
position (`clip_generator`), so a step's clips and their draws depend only on the step and G: 2 processes with
batch 1 compute what 1 process with batch 2 computes, and a run resumed at step s (on any world size with the
same G) continues exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import torch
from torch.utils.data import DataLoader, Dataset, Sampler

from facereel.train.dataset import ClipDataset


@dataclass(frozen=True)
class Layout:
    """How one optimizer step's clips are shared out: `world` processes x `batch` clips per micro-batch x
    `accumulate` micro-batches per process."""

    world: int
    batch: int
    accumulate: int

    @property
    def clips_per_step(self) -> int:
        return self.world * self.batch * self.accumulate

    def positions(self, step: int, rank: int) -> list[int]:
        """Stream positions of process `rank`'s clips in optimizer step `step`, in the order it visits them."""
        base = step * self.clips_per_step + rank * self.batch
        return [base + a * self.world * self.batch + b for a in range(self.accumulate) for b in range(self.batch)]

    def describe(self) -> str:
        processes = f"{self.world} process{'es' if self.world > 1 else ''}"
        return f"{processes} x batch {self.batch} x accumulate {self.accumulate}"


def clip_at(position: int, count: int, seed: int) -> int:
    """Which of `count` training clips stream `position` holds: a seeded permutation per epoch."""
    epoch, offset = divmod(position, count)
    return int(torch.randperm(count, generator=torch.Generator().manual_seed(seed + epoch))[offset])


def clip_generator(seed: int, position: int) -> torch.Generator:
    """CPU generator of the randomness of the clip at stream `position` (face dropout, timestep, noise)."""
    return torch.Generator().manual_seed(seed * 1_000_003 + position)


class StreamSampler(Sampler[int]):
    """Process `rank`'s stream positions from optimizer step `start` on, endlessly."""

    def __init__(self, layout: Layout, rank: int, start: int) -> None:
        self.layout, self.rank, self.start = layout, rank, start

    def __iter__(self) -> Iterator[int]:
        step = self.start
        while True:
            yield from self.layout.positions(step, self.rank)
            step += 1


class ClipStream(Dataset):
    """Stream position -> the decoded `ClipDataset` item of the clip there, plus `index` (into the dataset) and
    `position`."""

    def __init__(self, dataset: ClipDataset, train_clips: list[int], seed: int) -> None:
        self.dataset, self.train_clips, self.seed = dataset, train_clips, seed

    def index(self, position: int) -> int:
        return self.train_clips[clip_at(position, len(self.train_clips), self.seed)]

    def __getitem__(self, position: int) -> dict:
        index = self.index(position)
        return {**self.dataset[index], "index": index, "position": position}


def _as_list(items: list[dict]) -> list[dict]:
    """Collate: keep the clips apart (each is encoded and trained alone; they are too large to stack)."""
    return items


def stream_loader(stream: ClipStream, layout: Layout, rank: int, start: int, workers: int,
                  pin_memory: bool) -> DataLoader:
    """Batches (lists of `layout.batch` items) of process `rank` from optimizer step `start` on, decoded by
    `workers` worker processes (0: in this one), pinned for a faster copy to the GPU when `pin_memory`."""
    return DataLoader(stream, batch_size=layout.batch, sampler=StreamSampler(layout, rank, start),
                      num_workers=workers, collate_fn=_as_list, pin_memory=pin_memory,
                      persistent_workers=False, prefetch_factor=2 if workers else None)
