"""`--shard K/N`: the jobs this machine runs, chosen by a stable hash so that N machines split one job list
exactly (every job on one machine, none twice) without talking to each other."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from facereel.batch.jobs import BatchJob
from facereel.errors import InputError


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
        """The jobs of this shard, in their original order."""
        return [job for job in jobs if job_hash(job) % self.count == self.index]


def job_hash(job: BatchJob) -> int:
    """A hash of the job's source file name, driving name and output name: the same on every machine and
    Python run (unlike `hash`), and independent of where the files are mounted."""
    key = f"{job.source.name}\0{job.driving_name}\0{job.output}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")
