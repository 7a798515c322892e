"""The command line on real inputs: outputs, one-line errors with exit code 2, nothing written on failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from facereel.cli.main import main
from facereel.media.image import write_image
from facereel.media.video import open_video, probe_frames
from facereel.media.writer import VideoWriter
from facereel.motion.motion import Motion
from facereel.motion.presets import PRESETS


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["--quiet", *argv])
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def portrait(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    path = tmp_path_factory.mktemp("src") / "astronaut.jpg"
    write_image(path, astronaut)
    return path


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["extract-motion", "--help"], ["render-condition", "--help"], ["demo", "--help"],
                 ["animate", "--help"], ["live", "--help"], ["eval", "--help"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
        assert "example" in capsys.readouterr().out


def test_python_m_facereel_runs_the_command(tmp_path: Path) -> None:
    """`python -m facereel` (an environment whose scripts folder is not on PATH) was "No module named
    facereel.__main__" (h29-fresh3)."""
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "facereel", "--version"], check=False, capture_output=True, text=True,
                          env=env, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("facereel "), done.stderr


def test_animate_help_names_every_preset(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["animate", "--help"])
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps the help
    for name in PRESETS:
        assert name in text.split("preset (preset:", 1)[1].split(")", 1)[0].split("|"), name


def test_extract_motion_then_render_condition(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              astronaut_video: Path, portrait: Path) -> None:
    template = tmp_path / "motion.npz"
    code, err = run_cli(capsys, "extract-motion", str(astronaut_video), "-o", str(template))
    assert code == 0, err
    motion = Motion.load(template)
    assert len(motion) == probe_frames(astronaut_video) == 12 and motion.fps == pytest.approx(25.0)
    cond = tmp_path / "cond.mp4"
    code, err = run_cli(capsys, "render-condition", "--source", str(portrait), "--driving", str(template), "-o", str(cond))
    assert code == 0, err
    with open_video(cond) as video:
        assert video.size == (720, 480) and video.fps == pytest.approx(12.0)
    assert probe_frames(cond) == 1 + 5  # frame 0 + 12 frames at 25 fps -> 5 at 12 fps
    overlay = tmp_path / "overlay.mp4"
    code, err = run_cli(capsys, "render-condition", "-s", str(portrait), "-d", "preset:blink", "--overlay", "--fps", "25", "-o", str(overlay))
    assert code == 0, err
    with open_video(overlay) as video:
        frame = next(video.frames())
    assert frame.mean() > 30  # drawn over the photo, not black


def test_demo_writes_its_outputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err = run_cli(capsys, "demo", "--preset", "blink", "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert probe_frames(tmp_path / "out" / "demo_condition.mp4") == 1 + 24
    assert len(Motion.load(tmp_path / "out" / "demo_motion.npz")) == 50
    with open_video(tmp_path / "out" / "demo.mp4") as video:
        assert video.size == (512, 512) and video.fps == pytest.approx(25.0)
    assert probe_frames(tmp_path / "out" / "demo.mp4") == 50


def _bad_inputs(tmp: Path, portrait: Path, astronaut_video: Path) -> list[tuple[list[str], str]]:
    (tmp / "notes.txt").write_text("hello")
    (tmp / "fake.mp4").write_text("not a video")
    (tmp / "fake.jpg").write_text("not an image")
    (tmp / "empty.mp4").write_bytes(b"")
    write_image(tmp / "blank.png", np.zeros((256, 256, 3), np.uint8))
    with VideoWriter(tmp / "faceless.mp4", fps=25) as w:
        for _ in range(5):
            w.write(np.full((128, 128, 3), 90, np.uint8))
    out = str(tmp / "out.mp4")
    return [
        (["extract-motion", str(tmp / "missing.mp4"), "-o", str(tmp / "m.npz")], "missing.mp4"),
        (["extract-motion", str(tmp / "fake.mp4"), "-o", str(tmp / "m.npz")], "fake.mp4"),
        (["extract-motion", str(tmp / "empty.mp4"), "-o", str(tmp / "m.npz")], "empty.mp4"),
        (["extract-motion", str(tmp / "faceless.mp4"), "-o", str(tmp / "m.npz")], "no face"),
        (["render-condition", "-s", str(tmp / "missing.jpg"), "-d", str(astronaut_video), "-o", out], "missing.jpg"),
        (["render-condition", "-s", str(tmp / "fake.jpg"), "-d", str(astronaut_video), "-o", out], "fake.jpg"),
        (["render-condition", "-s", str(tmp / "blank.png"), "-d", str(astronaut_video), "-o", out], "no face"),
        (["render-condition", "-s", str(portrait), "-d", str(tmp / "notes.txt"), "-o", out], "notes.txt"),
        (["render-condition", "-s", str(portrait), "-d", str(tmp / "faceless.mp4"), "-o", out], "no face found in any frame"),
        (["render-condition", "-s", str(portrait), "-d", "preset:dance", "-o", out], "unknown preset"),
        (["render-condition", "-s", str(portrait), "-d", "preset:talk", "--regions", "nose", "-o", out], "--regions"),
        (["render-condition", "-s", str(portrait), "-d", "preset:talk", "--multiplier", "9", "-o", out], "--multiplier"),
        (["render-condition", "-s", str(portrait), "-o", out], "--driving"),
        (["animate", "-s", str(portrait), "-d", "preset:talk", "--engine", "mesh", "--fps", "12", "-o", out], "--fps only applies to --engine a1"),
        (["animate", "-s", str(portrait), "-d", "preset:talk", "--engine", "a1", "--weights", "w", "--body", "-o", out], "--body"),
        (["animate", "-s", str(portrait), "-d", "preset:talk", "--engine", "a1", "-o", out], "needs --weights"),
        (["animate", "-s", str(portrait), "-d", "preset:talk", "--mouth", "driver", "-o", out], "--mouth driver needs"),
        (["animate", "-s", str(portrait), "-d", "preset:talk", "--engine", "a1", "--weights", "w", "--mouth",
          "synthetic", "-o", out], "--mouth applies to the mesh engine"),
        (["animate", "-s", str(portrait), "-d", "preset:talk", "--mouth", "teeth", "-o", out], "--mouth"),
        (["animate", "-s", str(portrait), "-d", "preset:talk", "--health-every", "0", "-o", out], "--health-every"),
    ]


def test_bad_inputs_exit_2_with_one_line_and_write_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           portrait: Path, astronaut_video: Path) -> None:
    cases = _bad_inputs(tmp_path, portrait, astronaut_video)
    before = sorted(p.name for p in tmp_path.iterdir())
    for argv, expected in cases:
        try:
            code = main(["--quiet", *argv])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        err = capsys.readouterr().err
        assert code == 2, (argv, err)
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and "Traceback" not in err, (argv, err)
        assert expected in lines[0], (argv, lines[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no output, no temp files


def test_interrupted_job_leaves_no_output(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          portrait: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import facereel.animate.inputs as inputs  # `render-condition` imports it when it runs (not its parser)

    def interrupted(*args: object, **kwargs: object):
        yield np.zeros((480, 720, 3), np.uint8)
        raise KeyboardInterrupt

    monkeypatch.setattr(inputs, "a1_condition", lambda *a, **k: (None, interrupted()))
    code, err = run_cli(capsys, "render-condition", "-s", str(portrait), "-d", "preset:talk", "-o", str(tmp_path / "c.mp4"))
    assert code == 130 and "no output was written" in err
    assert list(tmp_path.iterdir()) == []


def test_shared_driver_template_and_condition(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              shared_data: Path) -> None:
    """A real portrait (16:9, small face) and a real driver: one template frame per driving frame."""
    driver = shared_data / "driving" / "lp_d19.mp4"
    template = tmp_path / "d19.npz"
    code, err = run_cli(capsys, "extract-motion", str(driver), "-o", str(template))
    assert code == 0, err
    assert len(Motion.load(template)) == probe_frames(driver)
    cond = tmp_path / "cond.mp4"
    code, err = run_cli(capsys, "render-condition", "-s", str(shared_data / "portraits" / "sr_4.png"), "-d", str(template), "-o", str(cond))
    assert code == 0, err
    with open_video(driver) as video:
        expected = int(np.floor(probe_frames(driver) * 12 / video.fps + 1e-6))
    assert probe_frames(cond) == 1 + expected
