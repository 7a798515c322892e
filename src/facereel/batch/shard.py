"""`--shard K/N`: the work units this machine runs (batch jobs, prepare-data videos, eval videos), chosen by a
stable hash of each unit's name so that N machines split one list exactly (every unit on one machine, none
twice) without talking to each other."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from facereel.errors import InputError

if TYPE_CHECKING:  # for the hints only: the job list loads the engines' inputs (the CLI's parser uses `Shard`)
    from facereel.batch.jobs import BatchJob

Unit = TypeVar("Unit")


@dataclass(frozen=True)
class Shard:
    """Part `index` (0-based) of `count`."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """`K/N` with 0 <= K < N."""
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise InputError(f"--shard takes K/N, e.g. 0/4 (got {text})") from None
        if not 0 <= index < count:
            raise InputError(f"--shard K/N needs 0 <= K < N (got {text})")
        return cls(index, count)

    def select(self, jobs: Sequence[BatchJob]) -> list[BatchJob]:
        """The batch jobs of this shard, in their original order."""
        return self.select_by(jobs, job_key)

    def select_by(self, units: Sequence[Unit], key: Callable[[Unit], str]) -> list[Unit]:
        """The units of this shard, in their original order; `key(unit)` names a unit the same on every machine."""
        return [unit for unit in units if stable_hash(key(unit)) % self.count == self.index]


def job_key(job: BatchJob) -> str:
    """A batch job's source file name, driving name and output name (independent of where files are mounted)."""
    return f"{job.source.name}\0{job.driving_name}\0{job.output}"


def job_hash(job: BatchJob) -> int:
    """`stable_hash` of the job's key."""
    return stable_hash(job_key(job))


def stable_hash(key: str) -> int:
    """A 64-bit hash of `key`, the same on every machine and Python run (unlike `hash`)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
