"""`facereel train` under torchrun: 2 CPU processes (DDP over gloo, through accelerate) compute what 1 process
computes with the doubled batch (same clips per step, loss curve and final weights, to float tolerance); a run
killed after a checkpoint and started again ends bit-identical to the uninterrupted one; a resume on another
world size continues with the same clips per step or is refused in one line."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

import facereel
from facereel.train import checkpoint as ckpt
from facereel.train.stream import Layout, StreamSampler, clip_at

from .training_helpers import run_cli, tensors

STEPS = 2  # 8 clips of the 3-clip dataset: the killed run resumes mid-epoch, the runs cross epochs
# Joint stage: pose guider (encoded inside the DDP-wrapped forward) + LoRA adapters on the blocks, face dropout.
ARGS = ("--stage", "joint", "--warmup", "0", "--train", "blocks", "--lora-rank", "2", "--face-dropout", "0.5",
        "--lr", "1e-3", "--seed", "3", "--max-steps", str(STEPS), "--checkpoint-every", "1", "--accumulate", "2",
        "--device", "cpu", "--workers", "1")


def launch(launcher: list[str], *argv: str) -> subprocess.Popen:
    """`python -m LAUNCHER... -m facereel.cli.main --quiet ...` with this checkout's sources first on the path, in a
    session of its own (so it can be killed with its workers)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(facereel.__file__).parents[1]),
                                                         os.environ.get("PYTHONPATH", "")]),
           "OMP_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", *launcher, "-m", "facereel.cli.main", "--quiet", *argv],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def torchrun(processes: int, *argv: str) -> subprocess.Popen:
    """`torchrun --standalone --nproc_per_node N -m facereel.cli.main --quiet ...` (see `launch`)."""
    return launch(["torch.distributed.run", "--standalone", "--nproc_per_node", str(processes)], *argv)


def finished(process: subprocess.Popen) -> None:
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-3000:]


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc; torchrun starts its workers in sessions of their own)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        found.extend(kids := children.get(todo.pop(), []))
        todo.extend(kids)
    return found


def kill_after_checkpoint(process: subprocess.Popen, run: Path, step: int) -> None:
    """SIGKILL the training processes, then the launcher, as soon as checkpoint-`step` is complete."""
    deadline = time.monotonic() + 600
    while not (run / f"checkpoint-{step}" / ckpt.STATE).exists():
        assert process.poll() is None and time.monotonic() < deadline, "run ended before its checkpoint"
        time.sleep(0.05)
    for pid in [*descendants(process.pid), process.pid]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.communicate()


def assert_same_run(a: Path, b: Path, exact: bool) -> None:
    """Same clips and dropout per step, same losses and final weights (bit for bit, or to float tolerance)."""
    la, lb = ckpt.read_log(a), ckpt.read_log(b)
    assert [r["step"] for r in la] == [r["step"] for r in lb] == list(range(1, STEPS + 1))
    for x, y in zip(la, lb):
        assert len(x["clips"]) == 4 and x["clips"] == y["clips"] and x["face_dropped"] == y["face_dropped"]
        assert y["loss"] == (x["loss"] if exact else pytest.approx(x["loss"], rel=1e-5))
    ta, tb = tensors(a / f"checkpoint-{STEPS}"), tensors(b / f"checkpoint-{STEPS}")
    assert ta.keys() == tb.keys()
    for key in ta:
        if exact:
            assert torch.equal(ta[key], tb[key]), key
        else:
            # DDP averages what one process sums: the last bits of a gradient differ, and Adam turns an element
            # whose gradient is near 0 into an update of up to lr (1e-3) whose size rides on those bits; 1e-5 is
            # 1% of one such step (measured worst: 5.2e-6, one of 64 pose_proj biases).
            torch.testing.assert_close(tb[key], ta[key], rtol=1e-4, atol=1e-5, msg=lambda m: f"{key}: {m}")


def test_stream_layout_shares_each_step_out_without_overlap() -> None:
    two, one = Layout(world=2, batch=1, accumulate=2), Layout(world=1, batch=2, accumulate=2)
    for step in range(3):
        both = two.positions(step, 0) + two.positions(step, 1)
        assert sorted(both) == one.positions(step, 0) == list(range(4 * step, 4 * step + 4))
    sampler = iter(StreamSampler(two, rank=1, start=5))
    assert [next(sampler) for _ in range(4)] == [21, 23, 25, 27]
    # Every epoch visits each clip once, in a seeded order.
    assert sorted(clip_at(p, 3, seed=0) for p in range(3, 6)) == [0, 1, 2]


@pytest.mark.heavy  # 3 torchrun runs of 2 workers (the fewest for its claims): .ci/run's second step
def test_two_processes_equal_one_and_resume_exactly(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   dataset: Path, weights: Path) -> None:
    data = ("--data", str(dataset), "--weights", str(weights))
    straight = torchrun(2, "train", *data, "-o", str(tmp_path / "two"), *ARGS, "--batch-size", "1")
    code, err = run_cli(capsys, "train", *data, "-o", str(tmp_path / "one"), *ARGS, "--batch-size", "2")
    assert code == 0, err
    finished(straight)
    # 2 processes x batch 1 == 1 process x batch 2 (4 clips per step): DDP averages what one process sums.
    assert_same_run(tmp_path / "one", tmp_path / "two", exact=False)
    initial, trained = tensors(weights), tensors(tmp_path / "two" / f"checkpoint-{STEPS}")
    changed = [k for k in trained if not torch.equal(trained[k], initial[k])]
    assert any(k.startswith("pose_guider.") for k in changed) and any("attn1.to_q" in k for k in changed)

    # Killed after checkpoint 1, then the same command again: equals the uninterrupted 2-process run exactly.
    killed = tmp_path / "killed"
    kill_after_checkpoint(torchrun(2, "train", *data, "-o", str(killed), *ARGS, "--batch-size", "1"), killed, 1)
    assert not (killed / f"checkpoint-{STEPS}").exists()
    shutil.copytree(killed, tmp_path / "reshard")
    finished(torchrun(2, "train", *data, "-o", str(killed), *ARGS, "--batch-size", "1"))
    assert_same_run(tmp_path / "two", killed, exact=True)

    # World size 2 -> 1: another number of clips per step is refused; the same number is re-sharded.
    reshard = tmp_path / "reshard"
    code, err = run_cli(capsys, "train", *data, "-o", str(reshard), *ARGS, "--batch-size", "1")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "trained with 4 clips per optimizer step" in err and "batch x accumulate = 4" in err
    code, err = run_cli(capsys, "train", *data, "-o", str(reshard), *ARGS, "--batch-size", "2")
    assert code == 0, err
    assert_same_run(tmp_path / "one", reshard, exact=False)
