"""`facereel animate --engine a1` end to end on real portraits, with tiny random weights in the published layout."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from facereel.cli.main import main
from facereel.engines.a1.constants import WINDOW_FRAMES
from facereel.engines.a1.tiny import make_tiny_weights
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video, probe_frames
from facereel.media.writer import VideoWriter

from .conftest import HEIGHT, WIDTH


@pytest.fixture(scope="module")
def published_window_weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tiny model with the published 49-frame window, so the CLI's defaults apply unchanged."""
    return make_tiny_weights(tmp_path_factory.mktemp("a1cli") / "weights", HEIGHT, WIDTH, window_frames=WINDOW_FRAMES)


def _animate(capsys: pytest.CaptureFixture[str], *argv: str) -> None:
    code = main(["--quiet", "animate", "--engine", "a1", "--steps", "2", *argv])
    assert code == 0, capsys.readouterr().err


def test_a1_animates_a_portrait_and_pastes_back(capsys, tmp_path, astronaut, astronaut_video, published_window_weights) -> None:
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    out = tmp_path / "a1.mp4"
    _animate(capsys, "-s", str(src), "-d", str(astronaut_video), "--weights", str(published_window_weights), "-o", str(out))
    # 12 driving frames at 25 fps = 0.48 s: 5 model frames at 12 fps, written at the driver's 25 fps (optical
    # flow in between), at the source's resolution
    with open_video(out) as video:
        assert video.size == (512, 512) and video.fps == pytest.approx(25.0)
        frames = list(video.frames())
    assert len(frames) == probe_frames(out) == 12
    # paste-back: far from the face region the photo is unchanged (up to video coding)
    assert np.abs(frames[0][-40:, :, :].astype(int) - astronaut[-40:, :, :]).mean() < 6
    region = tmp_path / "region.mp4"
    _animate(capsys, "-s", str(src), "-d", str(astronaut_video), "--weights", str(published_window_weights),
             "--no-paste-back", "--fps", "12", "-o", str(region))
    with open_video(region) as video:
        assert video.size == (WIDTH, HEIGHT) and video.fps == pytest.approx(12.0)
    assert probe_frames(region) == 5  # the model's own frames
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a1.mp4", "astronaut.png", "region.mp4"]  # no scratch left


@pytest.mark.heavy  # 12-18 s on 2 cores: .ci/run's second step keeps the README's suite short
def test_a1_real_driver_keeps_audio_and_length(capsys, tmp_path, shared_data, published_window_weights) -> None:
    """A real half-body painting driven by 4.5 s of a real talking head: 2 windows, audio carried."""
    driver = tmp_path / "d11.mp4"
    source_video = shared_data / "driving" / "lp_d11.mp4"
    with open_video(source_video) as video, VideoWriter(driver, fps=video.fps, audio_from=source_video,
                                                                              repeatable=True) as writer:
        for k, frame in enumerate(video.frames()):
            if k >= 4.5 * video.fps:
                break
            writer.write(frame)
    out = tmp_path / "a1.mp4"
    portrait = shared_data / "portraits" / "lp_s0.jpg"
    _animate(capsys, "-s", str(portrait), "-d", str(driver), "--weights", str(published_window_weights), "-o", str(out))
    with open_video(out) as video:
        assert video.has_audio and video.size == tuple(s + s % 2 for s in read_image(portrait).shape[1::-1])
        assert abs(video.duration - 4.5) < 0.15
        fps = video.fps
    with open_video(driver) as video:
        assert fps == pytest.approx(video.fps)
    # 54 model frames (4.5 s at 12 fps: more than one 48-frame window), written as the driver's frames
    assert probe_frames(out) == probe_frames(driver)


def test_unreachable_hub_id_is_one_line_error(capsys, tmp_path, astronaut, monkeypatch) -> None:
    import huggingface_hub
    from huggingface_hub.errors import LocalEntryNotFoundError

    def offline(*args: object, **kwargs: object) -> None:
        raise LocalEntryNotFoundError("Got: ConnectError: name or service not known\nmore detail")

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", offline)
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    code = main(["--quiet", "animate", "--engine", "a1", "--weights", "Skywork/SkyReels-A1", "-s", str(src),
                 "-d", "preset:talk", "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Skywork/SkyReels-A1: could not download" in err
    assert not (tmp_path / "out.mp4").exists()


def test_a1_progress_can_stop_a_job_between_denoising_steps(tmp_path, astronaut, astronaut_video,
                                                             published_window_weights) -> None:
    """The web app cancels through the progress callback: it is called after every step, not per window."""
    from facereel.engines.a1.options import A1Options
    from facereel.animate import AnimateOptions, PortraitAnimator

    class Stop(Exception):
        pass

    calls: list[int] = []

    def progress(n: int) -> None:
        calls.append(n)
        raise Stop

    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    out = tmp_path / "a1.mp4"
    options = AnimateOptions(engine="a1", weights=published_window_weights, a1=A1Options(steps=4, blend_steps=(1, 2)))
    with pytest.raises(Stop):
        PortraitAnimator(options=options).to_file(src, astronaut_video, out, progress=progress)
    assert calls == [0]  # stopped after the first denoising step, before the window finished
    assert sorted(p.name for p in tmp_path.iterdir()) == ["astronaut.png"]  # no output, no scratch
