"""`animate --engine a1 --workers ...` end to end on a real portrait: a 3-window video split over two CPU
workers writes the same frames as one device; bad worker lists are one-line errors (exit 2)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from facereel.cli.main import main
from facereel.media.image import write_image

from .conftest import SMALL


def test_two_cpu_workers_write_the_one_device_frames(astronaut, tiny_weights):
    from facereel.animate import AnimateOptions, PortraitAnimator
    from facereel.engines.a1.options import A1Options
    from facereel.motion.presets import preset_motion

    # 1.25 s of the talk preset: 14 driving frames at the model's 12 fps, 3 windows of 9 sharing 4 (the second
    # worker's window waits for the first one's blend-step caches, the third goes to whichever is free)
    talk = preset_motion("talk", seconds=1.25)
    # The frames the video writer gets (stream), not a decoded .mp4: x264 does not always encode the same
    # frames to the same bits (issue #13: two one-engine runs' .mp4 differed too, with equal frames).
    videos = []
    for workers in (None, "cpu,cpu"):
        options = AnimateOptions(engine="a1", weights=str(tiny_weights), a1=A1Options(**SMALL), workers=workers,
                                 paste_back=False, fps=12.0)
        videos.append(np.stack(list(PortraitAnimator(options=options).stream(astronaut, talk))))
    one, two = videos
    assert len(one) == 14 and np.array_equal(one, two)


@pytest.mark.parametrize("argv, message", [
    (["--engine", "a1", "--weights", "w", "--workers", "gpu0,gpu1"], "--workers takes devices"),
    (["--engine", "a1", "--weights", "w", "--workers", "cpu,,cpu"], "--workers takes devices"),
    (["--engine", "mesh", "--workers", "cpu,cpu"], "--workers only applies to --engine a1"),
])
def test_bad_workers_are_one_line_errors(capsys, tmp_path, argv, message):
    code = main(["animate", "-s", "x.png", "-d", "preset:talk", "-o", str(tmp_path / "o.mp4"), *argv])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and message in err, err


def test_ray_workers_without_ray_say_how_to_install(monkeypatch, capsys, tmp_path, astronaut, tiny_weights):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError, as when it is not installed
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    code = main(["animate", "-s", str(src), "-d", "preset:talk", "-o", str(tmp_path / "o.mp4"), "--engine", "a1",
                 "--weights", str(tiny_weights), "--workers", "ray"])
    err = capsys.readouterr().err.strip()  # after the note that a1 runs on this machine's CPU
    errors = [line for line in err.splitlines() if line.startswith("facereel: error:")]
    assert code == 2 and "Traceback" not in err, err
    assert len(errors) == 1 and "--workers ray needs Ray: pip install 'facereel[ray]'" in errors[0], err
    assert not (tmp_path / "o.mp4").exists()
