"""Ctrl-C / SIGTERM during `eval` and `batch` leave the output folder as it was before the run: what the run
created goes (its report folder, settings, source frames, outputs folder, or batch's new output folder), what
an earlier run wrote stays. A damaged eval record stops the report with one line naming it. The signal is sent
from inside the work, where an engine would be running (no timing race)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from robustness_checks import assert_one_line_error, run_cli, snapshot

from facereel.media.atomic import atomic_path

SIGNALS = [(signal.SIGINT, "facereel: interrupted; no output was written"),
           (signal.SIGTERM, "facereel: terminated (SIGTERM); no output was written")]


@pytest.fixture(autouse=True)
def _ctrl_c_raises() -> Iterator[None]:
    """Python's own Ctrl-C handler, SIGINT unblocked, for the test: also where the test run was started with
    SIGINT ignored or blocked (a background job of a non-interactive shell, as CI starts it; Python then leaves
    SIGINT ignored), as a terminal's shell starts a job."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    mask = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    yield
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    signal.signal(signal.SIGINT, previous)


def _signal_here(signum: int) -> None:
    """Send this process `signum` and wait for its handler to raise (KeyboardInterrupt / Terminated)."""
    os.kill(os.getpid(), signum)
    time.sleep(30)  # the handler's exception ends the sleep at once
    raise AssertionError(f"signal {signum} was not handled")


def _earlier_shard(report: Path, driver: Path) -> None:
    """REPORT_DIR as an earlier shard of the same run left it: its settings, another driver's record and
    source frame."""
    from facereel.eval import units

    units.check_settings(units.EvalSetup("self", report), [driver], fresh=False)
    (report / "records" / "other.json").write_text("{}")
    (report / "sources").mkdir()
    (report / "sources" / "other.png").write_bytes(b"earlier")


@pytest.mark.parametrize(("signum", "line"), SIGNALS, ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("earlier", [False, True], ids=["new-folder", "earlier-shard"])
def test_interrupted_eval_leaves_the_report_folder_as_it_was(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, astronaut_video: Path, monkeypatch: pytest.MonkeyPatch,
        signum: int, line: str, earlier: bool) -> None:
    """The engine is interrupted while writing the driver's output, after the run wrote its settings and the
    source frame: exit 130 / 143 and the report folder as before (new: gone)."""
    from facereel.eval import run

    report = tmp_path / "report"

    def interrupted_engine(source: Path, driving: Path, output: Path) -> None:
        assert source.is_file() and (report / "records" / "settings.json").is_file()  # the leftovers seen before
        with atomic_path(output) as tmp:
            tmp.write_bytes(b"half a video")
            _signal_here(signum)

    monkeypatch.setattr(run, "engine_outputs", lambda engine, weights=None: interrupted_engine)
    shard = []
    if earlier:
        _earlier_shard(report, astronaut_video)
        shard = ["--shard", "0/1"]
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, "eval", "self", "--driving", str(astronaut_video), *shard, "-o", str(report))
    assert code == 128 + signum, err
    assert err.splitlines() == [line], err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("earlier", [False, True], ids=["new-folder", "earlier-output"])
def test_interrupted_batch_leaves_the_output_folder_as_it_was(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path, monkeypatch: pytest.MonkeyPatch,
        signum: int, earlier: bool) -> None:
    """`batch` interrupted in its first job to run: exit 130 (batch stops its workers itself, for both signals);
    a new output folder (two levels) is removed again, an existing one keeps an earlier run's output."""
    from facereel.batch import worker

    out = tmp_path / "new" / "out"
    if earlier:
        out.mkdir(parents=True)
        (out / "astronaut__preset-talk.mp4").write_bytes(b"finished by an earlier run")

    def interrupted(job: object, options: object, output: Path) -> int:
        with atomic_path(output) as tmp:
            tmp.write_bytes(b"half a video")
            _signal_here(signum)
        return 0

    monkeypatch.setattr(worker, "_animate", interrupted)
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, "batch", "--sources", str(portrait_png), "--driving", "preset:talk", "preset:blink",
                        "-o", str(out))
    assert code == 130, err
    assert "Traceback" not in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("damage", [b"\xff\xfe not UTF-8", b"[]", b'{"unit": "astronaut_moving"}',
                                    b'{"unit": "a", "where": "x", "error": null, "pairs": [{"video": "v"}]}',
                                    b'{"unit": "a", "where": "x", "error": null, "pairs": 3}'],
                         ids=["not-utf8", "list", "no-keys", "pair-without-keys", "pairs-not-a-list"])
def test_damaged_eval_record_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path, astronaut_video: Path,
                                      damage: bytes) -> None:
    """`eval self --merge` over a damaged `records/<driver>.json`: exit 2, one line naming the record and saying
    it is damaged (no traceback); nothing written or removed."""
    from facereel.eval import units

    report = tmp_path / "report"
    units.check_settings(units.EvalSetup("self", report), [astronaut_video], fresh=False)
    record = report / "records" / "astronaut_moving.json"
    record.write_bytes(damage)
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, "eval", "self", "--driving", str(astronaut_video), "--merge", "-o", str(report))
    assert_one_line_error(code, err, str(record), "damaged")
    assert snapshot(tmp_path) == before
