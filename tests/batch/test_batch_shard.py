"""`--shard K/N`: N machines split one job list exactly (each job once), the same way on every machine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from batch_cli import run_batch
from batch_settings import SIZE

from facereel.animate import AnimateOptions
from facereel.batch.jobs import BatchJob
from facereel.batch.shard import Shard, job_hash
from facereel.cli.main import main
from facereel.errors import InputError


def _jobs(folder: str = "/data") -> list[BatchJob]:
    return [BatchJob(Path(folder) / f"s{s}.png", f"{folder}/d{d}.mp4", f"s{s}__d{d}.mp4", AnimateOptions(),
                     f"jobs.csv:{s}")
            for s in range(20) for d in range(10)]


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shards_partition_the_jobs(count: int) -> None:
    jobs = _jobs()
    parts = [Shard(k, count).select(jobs) for k in range(count)]
    outputs = [job.output for part in parts for job in part]
    assert sorted(outputs) == sorted(job.output for job in jobs)  # every job, none twice
    assert min(map(len, parts)) > len(jobs) / count * 0.6  # and roughly even


def test_shards_are_stable_across_machines_and_runs() -> None:
    here, there = _jobs("/data"), _jobs("/mnt/other/place")
    assert [job_hash(job) for job in here] == [job_hash(job) for job in there]  # mount point plays no part
    # a fixed number: not Python's salted hash(), so every process and machine agrees
    assert job_hash(here[0]) == 0x2D644FD4D8D30618
    assert Shard.parse("2/5") == Shard(2, 5)
    for bad in ("5/5", "-1/2", "1", "a/b"):
        with pytest.raises(InputError, match="--shard"):
            Shard.parse(bad)


@pytest.mark.slow
def test_shard_runs_cover_the_full_run(capsys: pytest.CaptureFixture[str], tmp_path: Path, portraits: Path) -> None:
    argv = ["--sources", str(portraits), "--driving", "preset:talk", "preset:blink", "--size", SIZE, "--quiet"]
    written = []
    for k in range(2):
        out = tmp_path / f"shard{k}"
        assert run_batch(*argv, "-o", str(out), "--shard", f"{k}/2") == 0, capsys.readouterr().err
        written.append({p.name for p in out.glob("*.mp4")})
    assert not written[0] & written[1]
    assert written[0] | written[1] == {f"{s}__preset-{d}.mp4" for s in ("astronaut", "grace_hopper") for d in ("talk", "blink")}


@pytest.mark.parametrize("command", [["batch"], ["prepare-data"], ["eval"]])
def test_shard_examples_count_k_from_0(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Every `--shard K/N` example in a command's help says K counts from 0 (`K = 0..N-1`), and its flag's help
    says 0..N-1: "--shard 2/8 ... machine 2 of 8" read as the second machine (h28-fresh2 find 8)."""
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    text = capsys.readouterr().out
    examples = [line for line in text.splitlines() if re.search(r"--shard \d+/\d+", line)]
    assert examples, text
    for line in examples:
        count = int(re.search(r"--shard \d+/(\d+)", line).group(1))
        assert f"K = 0..{count - 1}" in line, line
    if command != ["eval"]:  # eval's flags are its subcommands'
        assert "0..N-1" in " ".join(text.split()), text
