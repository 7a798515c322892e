"""A variable-frame-rate driver (a phone video): the output runs at its average rate and frame k shows the
driver frame on screen at k / fps, so nothing drifts from the audio by more than one frame."""

from __future__ import annotations

from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from bad_inputs import vfr_video
from robustness_checks import run_cli
from synthetic_video import moving_head_frames

from facereel.media.video import open_video
from facereel.motion.motion import Motion

BITS = 5  # the driver's frame number, in binary: black or white 24 px squares along its top edge


def _read_mark(panel: np.ndarray, scale: float) -> int:
    """The frame number marked on a driver frame shown `scale` times its size."""
    side = int(24 * scale)
    return sum(1 << bit for bit in range(BITS)
               if panel[side // 4: 3 * side // 4, bit * side + side // 4: bit * side + 3 * side // 4].mean() > 128)


def test_vfr_driver_keeps_timestamps(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path,
                                     astronaut: np.ndarray) -> None:
    count = 30
    gaps = [20] * (count // 2) + [60] * (count // 2)  # ms: 25 fps on average, 50 fps first, then 16.7 fps
    pts_ms = [sum(gaps[:i]) for i in range(count)]
    frames = []
    for i, frame in enumerate(moving_head_frames(astronaut, count)):
        frame = cv2.resize(frame, (256, 256), interpolation=cv2.INTER_AREA)
        for bit in range(BITS):
            frame[:24, 24 * bit: 24 * (bit + 1)] = 255 * ((i >> bit) & 1)
        frames.append(frame)
    driver = vfr_video(tmp_path / "phone.mkv", frames, pts_ms, audio_seconds=pts_ms[-1] / 1000 + 0.06)
    out = tmp_path / "out.mp4"
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", str(driver), "--side-by-side", "-o", str(out))
    assert code == 0, err
    with open_video(out) as video:
        fps = video.fps
        shown = [_read_mark(frame, video.size[1] / 256) for frame in video.frames()]
        assert video.has_audio
    on_screen = [max(i for i, t in enumerate(pts_ms) if t <= 1000 * k / fps + 1e-6) for k in range(len(shown))]
    assert fps == pytest.approx(1000 * count / (pts_ms[-1] + 60), rel=0.05)
    # each output frame shows what was on screen at its time (frames taken in order drifted by 280 ms here)
    assert shown == on_screen, (shown, on_screen)
    with av.open(str(out)) as container:
        audio_s = float(container.streams.audio[0].duration * container.streams.audio[0].time_base)
    assert audio_s == pytest.approx(len(shown) / fps, abs=1 / fps)
    template = tmp_path / "m.npz"
    code, err = run_cli(capsys, "extract-motion", str(driver), "-o", str(template))
    assert code == 0, err
    motion = Motion.load(template)
    assert len(motion) == len(shown) and motion.fps == pytest.approx(fps)
