"""Ctrl-C / SIGTERM during `eval` and `batch` leave the output folder as it was before the run: what the run
created goes (its report folder, settings, source frames, outputs folder, or batch's new output folder), what
an earlier run wrote stays. A damaged eval record stops the report with one line naming it. The signal is sent
from inside the work, where an engine would be running (no timing race)."""

from __future__ import annotations

import ctypes
import math
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from robustness_checks import assert_one_line_error, run_cli, snapshot

from facereel.media.atomic import atomic_path, atomic_paths

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

    def interrupted(job: object, options: object, output: Path, on_note: object) -> int:
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


def _lost_in_a_callback(signum: int) -> None:
    """What numba compiling does with a signal: the handler's exception, raised inside a ctypes callback (llvmlite's
    object-cache notifier), is lost ("Exception ignored"), and the caller then fails with its own error."""
    callback = ctypes.CFUNCTYPE(None)(lambda: _signal_here(signum))
    callback()
    raise RuntimeError("no compiled object yet for <Library 'pull_level'>")


@pytest.mark.parametrize(("signum", "line"), SIGNALS, ids=["SIGINT", "SIGTERM"])
def test_interrupt_lost_while_compiling_still_ends_animate(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path, monkeypatch: pytest.MonkeyPatch,
        signum: int, line: str) -> None:
    """Ctrl-C / SIGTERM swallowed by a ctypes callback while a kernel compiles: exit 130 / 143 with the interrupt
    line (not the RuntimeError that follows), no "Exception ignored" traceback, nothing written."""
    from facereel.animate.api import PortraitAnimator

    monkeypatch.setattr(PortraitAnimator, "to_file", lambda *args, **kwargs: _lost_in_a_callback(signum))
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", "preset:talk", "-o",
                        str(tmp_path / "new" / "out.mp4"))
    assert (code, err.splitlines()) == (128 + signum, [line]), err
    assert snapshot(tmp_path) == before


def test_interrupt_lost_while_compiling_stops_batch(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    portrait_png: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same in a batch job: the batch stops with exit 130 instead of recording the job as failed and going on."""
    from facereel.batch import worker

    monkeypatch.setattr(worker, "_animate", lambda job, options, output, on_note: _lost_in_a_callback(signal.SIGINT))
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, "batch", "--sources", str(portrait_png), "--driving", "preset:talk", "preset:blink",
                        "-o", str(tmp_path / "out"))
    assert code == 130, err
    assert "Traceback" not in err and "failed" not in err, err
    assert snapshot(tmp_path) == before


def _report():  # noqa: ANN202 - facereel.eval.report.Report
    """A small one-video report with expression curves (a features plot) for `write_report`."""
    from facereel.eval.report import Report
    from facereel.motion.features import FEATURE_NAMES

    result = Report("self", settings={"driving": ["a.mp4"]})
    for method, psnr in (("method", 30.0), ("baseline", 20.0)):
        result.rows[method] = [{"video": "a", "frames": 4.0, "psnr": psnr, "akd": math.nan}]
    result.curves["a"] = {name: np.zeros((4, len(FEATURE_NAMES))) for name in ("driver", "method", "baseline")}
    return result


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("earlier", [False, True], ids=["new-folder", "earlier-report"])
def test_interrupted_report_writing_leaves_the_folder_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int, earlier: bool) -> None:
    """Interrupted while drawing the plots, after report.json would have been written: the report folder as before
    (a new one gone; an earlier report's JSON, Markdown and plots untouched, not half replaced)."""
    from facereel.cli.signals import sigterm_interrupts
    from facereel.eval import new_files, report

    folder = tmp_path / "report"
    if earlier:
        report.write_report(_report(), folder)
    monkeypatch.setattr(report, "plot_features", lambda *args: _signal_here(signum))
    before = snapshot(tmp_path)
    with pytest.raises(KeyboardInterrupt), sigterm_interrupts(), new_files.removed_if_interrupted():
        report.write_report(_report(), folder)
    assert snapshot(tmp_path) == before


def test_files_that_belong_together_are_renamed_before_an_interrupt(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C arriving as `atomic_paths` renames its first file into place is handled once all are there."""
    replace = os.replace

    def interrupted_replace(source: Path, target: Path) -> None:
        replace(source, target)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)  # room for the handler to run here, as it would without the deferral

    monkeypatch.setattr(os, "replace", interrupted_replace)
    paths = [tmp_path / "a.json", tmp_path / "plots" / "b.png"]
    with pytest.raises(KeyboardInterrupt), atomic_paths(paths) as temps:
        for tmp in temps:
            tmp.write_text("new")
    assert [path.read_text() for path in paths] == ["new", "new"]


def test_tracker_interrupted_while_starting_a_graph_closes_cleanly(monkeypatch: pytest.MonkeyPatch,
                                                                  astronaut: np.ndarray) -> None:
    """Ctrl-C / SIGTERM while mediapipe starts the tracker's next graph (seen: SIGTERM ~3 s into `animate`): the
    interrupt comes out of the tracker's `with` block, not "ValueError: Closing SolutionBase._graph which is
    already None" from closing the old graph twice."""
    from facereel.face import tracking

    with pytest.raises(KeyboardInterrupt), tracking.FaceTracker() as tracker:
        assert tracker(astronaut) is not None
        monkeypatch.setattr(tracking.mediapipe().solutions.face_mesh, "FaceMesh",
                            lambda **kwargs: _signal_here(signal.SIGINT))
        tracker.start(astronaut, tracking.choose_face(tracking.detect_faces(astronaut), None))


@pytest.mark.parametrize("earlier", [False, True], ids=["new-folder", "earlier-shard"])
def test_interrupted_eval_ray_removes_what_workers_made(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, astronaut_video: Path, monkeypatch: pytest.MonkeyPatch,
        earlier: bool) -> None:
    """`eval --ray` interrupted after a worker scored the driver: the source frame and output the worker wrote (in
    its own process, where nothing is noted) go like the local path's; an earlier shard's files stay. Ray itself is
    replaced by a stand-in that runs the work here with noting off (tests/eval/test_eval_scale_out.py runs Ray)."""
    from facereel.batch import ray_pool
    from facereel.eval import new_files, run

    def made_output(source: Path, driving: Path, output: Path) -> None:
        with atomic_path(output) as tmp:
            tmp.write_bytes(b"a video")

    def worker_then_ctrl_c(units, work, address, on_result, lost, needs_gpu):  # noqa: ANN001, ANN202
        noted, new_files._noted = new_files._noted, None  # as in a worker's process
        try:
            results = [(unit, work(unit, "ray")) for unit in units]
        finally:
            new_files._noted = noted
        for unit, result in results:
            on_result(unit, result)
        _signal_here(signal.SIGINT)

    monkeypatch.setattr(run, "engine_outputs", lambda engine, weights=None: made_output)
    monkeypatch.setattr(ray_pool, "run_units_ray", worker_then_ctrl_c)
    report = tmp_path / "report"
    if earlier:
        _earlier_shard(report, astronaut_video)
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, "eval", "self", "--driving", str(astronaut_video), "--ray", "-o", str(report))
    assert (code, err.splitlines()) == (130, [SIGNALS[0][1]]), err
    assert snapshot(tmp_path) == before


def test_interrupt_while_mediapipe_loads_is_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while mediapipe is imported, where its C bindings swallow it (they print it and go on): raised once the
    import is done. The import is a stand-in that returns the loaded module after swallowing the interrupt."""
    import builtins
    import sys

    from facereel.face import mp_runtime

    loaded, real_import = mp_runtime.mediapipe(), builtins.__import__

    def swallowing_import(name: str, *args: object, **kwargs: object) -> object:
        if name != "mediapipe":
            return real_import(name, *args, **kwargs)
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.2)
        except KeyboardInterrupt:
            pass  # what the bindings' loader does
        return loaded

    monkeypatch.delitem(sys.modules, "mediapipe")
    monkeypatch.setattr(builtins, "__import__", swallowing_import)
    with pytest.raises(KeyboardInterrupt):
        mp_runtime.mediapipe()
