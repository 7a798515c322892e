"""SIGTERM ends a command like Ctrl-C (one line, nothing written, no temporary left); temporaries that a
killed run left (SIGKILL, power cut) are removed by the next command writing into the same folder."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from robustness_checks import assert_one_line_error, run_cli, snapshot

from facereel.media.atomic import STALE_AFTER_S, TEMP_PREFIX
from facereel.motion.presets import preset_motion


class _NotHandled(Exception):
    """SIGTERM reached the test's own handler: the command did not install one."""


def test_sigterm_leaves_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path) -> None:
    """`facereel animate` in this process; a thread sends this process SIGTERM once the output's temporary
    exists (the render loop has started)."""
    template = tmp_path / "talk.npz"
    preset_motion("talk", seconds=20).save(template)
    out = tmp_path / "out"
    out.mkdir()

    def terminate_when_rendering() -> None:
        deadline = time.monotonic() + 120
        while not any(out.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(os.getpid(), signal.SIGTERM)

    def not_handled(signum: int, frame: object) -> None:
        raise _NotHandled

    previous = signal.signal(signal.SIGTERM, not_handled)  # if the CLI installs nothing, the test fails
    try:
        watcher = threading.Thread(target=terminate_when_rendering, daemon=True)
        watcher.start()
        code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", str(template), "-o", str(out / "a.mp4"))
        watcher.join()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert code == 128 + signal.SIGTERM, err
    assert err.splitlines() == ["facereel: terminated (SIGTERM); no output was written"], err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("nested", [False, True])
def test_sigterm_inside_a_compiled_kernel_ends_the_same(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                        portrait_png: Path, monkeypatch: pytest.MonkeyPatch,
                                                        nested: bool) -> None:
    """SIGTERM's handler running while a numba kernel's dispatcher works makes CPython raise `SystemError: ...
    returned a result with an exception set` from `Terminated` (seen in a CI run), or from a second such
    SystemError when the handler ran inside the dispatcher's `_numba_unpickle` (CI, 2026-12-02): the command still
    ends with the SIGTERM line and leaves nothing. The kernel here raises exactly that once the output's temporary
    exists."""
    from facereel.cli.signals import Terminated
    from facereel.engines.mesh.geometry import lip_ring

    out = tmp_path / "out"
    out.mkdir()
    kernel = lip_ring.nearest_segments

    def interrupted_kernel(points: object, polygon: object) -> object:
        if any(out.iterdir()):
            cause: BaseException = Terminated()
            if nested:
                cause = SystemError("<function _numba_unpickle> returned a result with an exception set")
                cause.__cause__ = Terminated()
            raise SystemError("CPUDispatcher(nearest_segments) returned a result with an exception set") from cause
        return kernel(points, polygon)

    monkeypatch.setattr(lip_ring, "nearest_segments", interrupted_kernel)
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", "preset:talk", "-o", str(out / "a.mp4"))
    assert code == 128 + signal.SIGTERM, err
    assert err.splitlines() == ["facereel: terminated (SIGTERM); no output was written"], err
    assert list(out.iterdir()) == []


def test_other_system_errors_are_not_taken_for_interrupts() -> None:
    from facereel.errors import unwrapped_interrupts

    with pytest.raises(SystemError, match="bad internal call"), unwrapped_interrupts():
        raise SystemError("bad internal call") from ValueError("x")


def test_stale_temporaries_are_removed_at_the_next_start(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                         portrait_png: Path) -> None:
    old = time.time() - STALE_AFTER_S - 60
    stale_file = tmp_path / f"{TEMP_PREFIX}a.x1y2z3.mp4"
    stale_scratch = tmp_path / f"{TEMP_PREFIX}a1-k9j8"
    recent = tmp_path / f"{TEMP_PREFIX}b.q7w8e9.mp4"  # a run still writing: kept
    other = tmp_path / ".a.x1y2z3.mp4"  # not this tool's name: kept
    stale_scratch.mkdir()
    (stale_scratch / "generated.npy").write_bytes(b"0" * 100)
    for path in (stale_file, recent, other):
        path.write_bytes(b"0" * 100)
    for path in (stale_file, stale_scratch / "generated.npy", stale_scratch, other):
        os.utime(path, (old, old))
    code, err = run_cli(capsys, "render-condition", "-s", str(portrait_png), "-d", "preset:blink",
                        "-o", str(tmp_path / "cond.mp4"))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, other.name, "cond.mp4"])


def test_eval_that_scores_nothing_leaves_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 astronaut_video: Path) -> None:
    """`eval self` whose only driver cannot be read, or with an LPIPS file that is no TorchScript module:
    exit 2, one line, and no report folder, records or settings left behind."""
    (tmp_path / "empty.mp4").write_bytes(b"")
    (tmp_path / "lpips.pt").write_text("not a module\n")
    before = snapshot(tmp_path)
    for argv, mentions in (
        (["--driving", str(tmp_path / "empty.mp4")], ("empty.mp4",)),
        (["--driving", str(astronaut_video), "--lpips-weights", str(tmp_path / "lpips.pt")],
         ("lpips.pt", "not a TorchScript LPIPS module")),
    ):
        code, err = run_cli(capsys, "eval", "self", *argv, "-o", str(tmp_path / "report"))
        assert_one_line_error(code, err, *mentions)
        assert snapshot(tmp_path) == before, argv


def test_prepare_data_that_prepares_nothing_leaves_nothing(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    """prepare-data whose only video cannot be read: exit 2, one line, no outcome record or empty manifest
    left (into a new dataset folder, or one that exists)."""
    (tmp_path / "empty.mp4").write_bytes(b"")
    (tmp_path / "existing").mkdir()
    before = snapshot(tmp_path)
    for out in (tmp_path / "dataset", tmp_path / "existing"):
        code, err = run_cli(capsys, "prepare-data", str(tmp_path / "empty.mp4"), "-o", str(out))
        assert_one_line_error(code, err, "empty.mp4")
        assert snapshot(tmp_path) == before, out


@pytest.mark.parametrize("command", ["eval", "prepare-data"])
def test_interrupt_inside_a_kernel_stops_a_per_unit_run(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                        astronaut_video: Path, monkeypatch: pytest.MonkeyPatch,
                                                        command: str) -> None:
    """Ctrl-C while a numba kernel runs (CPython's `SystemError ... from KeyboardInterrupt`) inside eval's or
    prepare-data's per-driver / per-video catch-all ends the command (exit 130, the interrupt line), instead
    of being recorded as that unit's failure and reported as a SystemError with exit code 2."""
    import facereel.face.tracking as tracking

    def interrupted(*args: object, **kwargs: object) -> object:
        raise SystemError("CPUDispatcher(kernel) returned a result with an exception set") from KeyboardInterrupt()

    monkeypatch.setattr(tracking, "track_frames", interrupted)
    argv = (["eval", "self", "--driving", str(astronaut_video), "-o", str(tmp_path / "report")] if command == "eval"
            else ["prepare-data", str(astronaut_video), "-o", str(tmp_path / "dataset")])
    code, err = run_cli(capsys, *argv)
    assert code == 130, err
    assert err.splitlines() == ["facereel: interrupted; no output was written"], err
