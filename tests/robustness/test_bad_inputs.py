"""Bad inputs built at test time (empty, random, text, truncated, malformed templates, a PNG bomb): every
command that reads them exits 2 with one line naming the file and the problem, and writes nothing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest
from bad_inputs import bad_templates, png_bomb, truncated_copy
from h264_clips import write_video
from robustness_checks import assert_one_line_error, run_cli, snapshot
from synthetic_video import moving_head_frames

from facereel.media.video import ALLOW_TRUNCATED_ENV, probe_frames
from facereel.motion.presets import preset_motion


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    """A 40-frame 25 fps driving video of the astronaut's moving head (small, 256 px)."""
    import cv2

    frames = moving_head_frames(astronaut, 40)
    return write_video(tmp_path_factory.mktemp("driver") / "driver.mp4",
                       (cv2.resize(frame, (256, 256), interpolation=cv2.INTER_AREA) for frame in frames), 25)


@pytest.fixture
def inputs(tmp_path: Path, driver: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "empty.mp4").write_bytes(b"")
    (folder / "random.mp4").write_bytes(np.random.default_rng(0).bytes(20000))
    (folder / "notes.mp4").write_text("not a video\n")
    truncated_copy(driver, folder / "cut.mp4", keep=0.4)
    preset_motion("blink", seconds=0.4).save(folder / "good.npz")
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_bad_driving_videos(capsys: pytest.CaptureFixture[str], inputs: Path, out: Path, portrait_png: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_TRUNCATED_ENV, raising=False)
    cases = {"empty.mp4": "", "random.mp4": "not a readable video", "notes.mp4": "not a readable video",
             "cut.mp4": "ends early"}
    before = snapshot(out)
    for name, problem in cases.items():
        video = inputs / name
        for argv in (["animate", "-s", str(portrait_png), "-d", str(video), "-o", str(out / "a.mp4")],
                     ["extract-motion", str(video), "-o", str(out / "m.npz")],
                     ["render-condition", "-s", str(portrait_png), "-d", str(video), "-o", str(out / "c.mp4")]):
            code, err = run_cli(capsys, *argv)
            assert_one_line_error(code, err, str(video), problem)
            assert snapshot(out) == before, argv


def test_truncated_driver_kept_with_allow_truncated(capsys: pytest.CaptureFixture[str], inputs: Path, out: Path,
                                                    portrait_png: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Set first so that monkeypatch restores the variable's absence after the CLI sets it for its workers.
    monkeypatch.setenv(ALLOW_TRUNCATED_ENV, "")
    monkeypatch.delenv(ALLOW_TRUNCATED_ENV)
    cut = inputs / "cut.mp4"
    decodable = probe_frames(cut)
    assert 0 < decodable < 40
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", str(cut), "-o", str(out / "a.mp4"),
                        "--allow-truncated")
    assert code == 0, err
    warning = [line for line in err.splitlines() if "warning" in line]
    assert len(warning) == 1 and str(cut) in warning[0] and f"keeping the {decodable} frames" in warning[0]
    assert probe_frames(out / "a.mp4") == decodable


@pytest.mark.slow
def test_truncated_video_source_said_once(capsys: pytest.CaptureFixture[str], inputs: Path, out: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A truncated clip as the video source is read twice (tracked, then drawn): its warning is said once."""
    monkeypatch.setenv(ALLOW_TRUNCATED_ENV, "")
    monkeypatch.delenv(ALLOW_TRUNCATED_ENV)
    cut = inputs / "cut.mp4"
    code, err = run_cli(capsys, "animate", "-s", str(cut), "-d", str(inputs / "good.npz"), "-o",
                        str(out / "v.mp4"), "--allow-truncated")
    assert code == 0, err
    warning = [line for line in err.splitlines() if "warning" in line]
    assert len(warning) == 1 and str(cut) in warning[0], warning


def test_malformed_motion_templates(capsys: pytest.CaptureFixture[str], inputs: Path, out: Path,
                                    portrait_png: Path) -> None:
    before = snapshot(out)
    for number, (template, problem) in enumerate(bad_templates(inputs / "good.npz", inputs).items()):
        command = ("animate", "render-condition")[number % 2]  # both load templates through Motion.load
        code, err = run_cli(capsys, command, "-s", str(portrait_png), "-d", str(template), "-o", str(out / "a.mp4"))
        assert_one_line_error(code, err, str(template), "bad motion template", problem)
        assert snapshot(out) == before, command
    (inputs / "random.npz").write_bytes(np.random.default_rng(1).bytes(5000))
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", str(inputs / "random.npz"),
                        "-o", str(out / "a.mp4"))
    assert_one_line_error(code, err, "random.npz", "not a facereel motion template")
    (inputs / "zip.npz").write_bytes(b"PK\x03\x04" + bytes(100))  # a zip's signature, then no zip (BadZipFile)
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", str(inputs / "zip.npz"),
                        "-o", str(out / "a.mp4"))
    assert_one_line_error(code, err, "zip.npz", "not a facereel motion template")


def test_portrait_that_is_no_regular_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path) -> None:
    """A FIFO (opening it waited for a writer: `edit` hung), a device and a folder as the portrait: exit 2, "not a
    regular file". Should the FIFO be opened again, a writer ends the wait after 20 s and the test fails instead."""
    fifo = tmp_path / "portrait.png"
    os.mkfifo(fifo)
    unblock = threading.Timer(20.0, lambda: os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)))
    unblock.start()
    try:
        for portrait in (fifo, Path("/dev/zero"), tmp_path):
            code, err = run_cli(capsys, "edit", "-s", str(portrait), "--smile", "0.5", "-o", str(out / "a.png"))
            assert_one_line_error(code, err, str(portrait), "not a regular file")
    finally:
        unblock.cancel()


def test_bad_portraits(capsys: pytest.CaptureFixture[str], inputs: Path, out: Path) -> None:
    bomb = png_bomb(inputs / "bomb.png")
    (inputs / "empty.png").write_bytes(b"")
    before = snapshot(out)
    for portrait, problem in ((bomb, "too large"), (inputs / "empty.png", "not a readable image"),
                              (inputs / "notes.mp4", "not a readable video")):  # a video source (video-to-video)
        code, err = run_cli(capsys, "animate", "-s", str(portrait), "-d", "preset:blink", "-o", str(out / "a.mp4"))
        assert_one_line_error(code, err, str(portrait), problem)
        assert snapshot(out) == before


def test_video_frame_size_checked_before_decoding(capsys: pytest.CaptureFixture[str], out: Path, driver: Path,
                                                  portrait_png: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The frame size in a video's header is checked before any frame is decoded (limit lowered to below
    this 256x256 driver, as a real over-limit video would take long to make)."""
    import facereel.media.video as video_module

    monkeypatch.setattr(video_module, "MAX_DECODE_PIXELS", 256 * 256 - 1)
    decoded = []
    monkeypatch.setattr(video_module, "_decode", lambda *args: decoded.append(args) or iter(()))
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", str(driver), "-o", str(out / "a.mp4"))
    assert_one_line_error(code, err, str(driver), "256x256", "too large")
    assert decoded == [] and list(out.iterdir()) == []


def test_truncated_driver_fails_in_batch_and_app(capsys: pytest.CaptureFixture[str], tmp_path: Path, inputs: Path,
                                                 portrait_png: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batch and the app report a cut-off driver as failed (they said "done" with a fraction of the frames)."""
    import json
    import time

    from starlette.testclient import TestClient

    from facereel.app.server import create_app

    monkeypatch.delenv(ALLOW_TRUNCATED_ENV, raising=False)
    cut = inputs / "cut.mp4"
    out = tmp_path / "batch"
    code, err = run_cli(capsys, "batch", "--sources", str(portrait_png), "--driving", str(cut), "-o", str(out))
    assert code == 1, err
    report = [json.loads(line) for line in (out / "batch-report.jsonl").read_text().splitlines()]
    assert [r["status"] for r in report] == ["failed"] and "ends early" in report[0]["error"]
    assert sorted(p.name for p in out.iterdir()) == ["batch-report.jsonl"]
    with TestClient(create_app(tmp_path / "work"), base_url="http://127.0.0.1") as client:
        token = client.get("/api/session").json()["csrf"]
        job = client.post("/api/jobs", headers={"x-csrf-token": token},
                          files={"portrait": ("me.png", portrait_png.read_bytes()), "driving": ("phone.mp4", cut.read_bytes())},
                          data={"driving_kind": "video"}).json()
        deadline = time.monotonic() + 60
        while job["status"] not in ("done", "failed", "cancelled") and time.monotonic() < deadline:
            time.sleep(0.1)
            job = client.get(f"/api/jobs/{job['id']}").json()
    assert job["status"] == "failed" and "phone.mp4: the video ends early" in job["error"], job
