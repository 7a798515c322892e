"""`facereel live` outputs for video-call apps: raw RGB24 frames on stdout (`--pipe`), read by a real reader
process the way ffmpeg would, and the virtual camera's one-line error where no v4l2loopback device exists."""

from __future__ import annotations

import glob
import re
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from facereel.cli.main import main
from facereel.media.image import write_image

FRAMES = 16
SIZE = 256  # --size: the portrait's longer side, so the frames' size
ANNOUNCED = re.compile(r"rawvideo rgb24 (\d+)x(\d+) at ([\d.]+) fps")


def _portrait(shared_data: Path, name: str) -> np.ndarray:
    """A shared portrait scaled as `--size SIZE` scales it: (H, W, 3) uint8 RGB."""
    image = np.asarray(Image.open(shared_data / "portraits" / name).convert("RGB"))
    k = SIZE / max(image.shape[:2])
    return cv2.resize(image, (round(image.shape[1] * k), round(image.shape[0] * k)), interpolation=cv2.INTER_AREA)


def _live_pipe(shared_data: Path, *argv: str) -> subprocess.Popen:
    """`facereel live --pipe` on lp_s1 driven by lp_d18 as the camera, stdout and stderr piped to us."""
    command = [sys.executable, "-m", "facereel.cli.main", "live", "-s", str(shared_data / "portraits" / "lp_s1.jpg"),
               "--size", str(SIZE), "--camera", str(shared_data / "driving" / "lp_d18.mp4"), "--no-window", "--pipe",
               *argv]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _announced(stderr: bytes) -> tuple[int, int, float]:
    """(width, height, fps) from the one line the pipe announces on stderr."""
    found = [ANNOUNCED.search(line) for line in stderr.decode().splitlines()]
    (match,) = [m for m in found if m]
    return int(match[1]), int(match[2]), float(match[3])


def test_pipe_writes_exactly_the_animated_frames(shared_data):
    process = _live_pipe(shared_data, "--frames", str(FRAMES))
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    width, height, fps = _announced(err)
    assert (width, height, fps) == (SIZE, SIZE, 30.0)  # lp_s1 is square; lp_d18 runs at 30 fps
    assert len(out) == FRAMES * height * width * 3  # nothing but frames on stdout
    frames = np.frombuffer(out, np.uint8).reshape(FRAMES, height, width, 3).astype(np.int16)

    portrait, other = _portrait(shared_data, "lp_s1.jpg"), _portrait(shared_data, "lp_s12.jpg")
    other = cv2.resize(other, (width, height))
    assert np.abs(frames[0] - portrait).mean() < 1  # the first driver frame is the reference: no motion yet
    for frame in frames:  # the portrait's identity all along, far from another portrait's
        assert np.abs(frame - portrait).mean() < 4 < np.abs(frame - other).mean() / 5

    steps = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2, 3))
    assert (steps > 0.01).sum() >= FRAMES // 2  # it moves from frame to frame
    moved = (np.abs(frames - frames[0]).max(axis=-1) > 20).any(axis=0)
    assert moved.sum() > 100
    border = SIZE // 5  # the motion is the face's, in the middle; the photo's edges stay still
    assert not moved[:border].any() and not moved[-border:].any()
    assert not moved[:, :border].any() and not moved[:, -border:].any()


def test_a_closed_pipe_ends_the_session_with_exit_0(shared_data):
    process = _live_pipe(shared_data)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(SIZE * SIZE * 3)  # one frame, then the reader goes away
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, err
    assert len(first) == SIZE * SIZE * 3
    assert "Traceback" not in err and "Exception" not in err
    (closed,) = [line for line in err.splitlines() if "reading the pipe exited" in line]
    assert "stopped" in closed


@pytest.mark.parametrize("device", ["/dev/facereel-no-such-camera", None])
def test_a_missing_virtual_camera_is_a_one_line_error(capsys, tmp_path, astronaut, astronaut_video, device):
    if device is None and glob.glob("/dev/video*"):
        pytest.skip("this machine has video devices: the default camera may exist")
    write_image(tmp_path / "portrait.png", astronaut)
    argv = ["live", "-s", str(tmp_path / "portrait.png"), "--camera", str(astronaut_video), "--no-window",
            "--virtual-camera", *([device] if device else [])]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.startswith("facereel: error: no virtual camera device found")
    assert "modprobe v4l2loopback" in err and "--pipe" in err


@pytest.mark.parametrize("size", ["0", "8"])
def test_a_size_animate_refuses_is_refused_before_any_work(capsys, shared_data, size):
    """`live --size` takes `animate`'s bounds (64-8192 px), one line, exit 2 (h29-fresh3): `--size 0` was a
    traceback ("attempt to get argmax of an empty sequence", after announcing a 2x2 pipe), `--size 8` piped 6 x 8
    frames, and `--size 20000` upscaled the portrait to 20000 px for minutes."""
    code = main(["--quiet", "live", "-s", str(shared_data / "portraits" / "lp_s12.jpg"), "--camera",
                 str(shared_data / "driving" / "lp_d18.mp4"), "--no-window", "--pipe", "--size", size, "--frames", "1"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err == f"facereel: error: --size must be between 64 and 8192 px (got {size})\n"
