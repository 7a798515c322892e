"""`PortraitAnimator`, the public API, on real faces: inputs of every kind give the same animation, results
keep frames/fps/audio, streaming and cancelling work, and the settings go through AnimateOptions."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from facereel import AnimatedVideo, Cancelled, PortraitAnimator
from facereel.animate.device import check_device, resolve_device
from facereel.errors import InputError
from facereel.eval.pixels import psnr
from facereel.media.audio import has_audio
from facereel.media.image import write_image
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter
from facereel.motion.presets import preset_motion

SIZE = 192  # small frames keep these tests fast


@pytest.fixture(scope="module")
def blink(astronaut: np.ndarray) -> AnimatedVideo:
    return PortraitAnimator("mesh", size=SIZE)(astronaut, "preset:blink")


def test_a_call_returns_frames_in_memory_at_the_motions_fps(blink: AnimatedVideo, astronaut: np.ndarray) -> None:
    motion = preset_motion("blink")
    assert len(blink) == len(motion) and blink.fps == motion.fps and blink.audio_from is None
    assert blink.frames[0].shape == (SIZE, SIZE, 3) and blink.frames[0].dtype == np.uint8
    still = cv2.resize(astronaut, (SIZE, SIZE), interpolation=cv2.INTER_AREA)  # the source at the output size
    assert np.array_equal(blink.frames[0], still)  # the motion's first frame is the reference: no change
    # a blink: the lids close (some pixels change by far more than noise) and nothing else moves
    change = [np.abs(f.astype(int) - still) for f in blink.frames]
    assert max(c.max() for c in change) > 40 and max(c.mean() for c in change) < 0.2


@pytest.mark.slow
def test_paths_pil_images_and_arrays_are_the_same_portrait(tmp_path, astronaut, blink) -> None:
    write_image(tmp_path / "me.png", astronaut)
    animator = PortraitAnimator("mesh", size=SIZE)
    for source in (tmp_path / "me.png", str(tmp_path / "me.png"), Image.fromarray(astronaut)):
        video = animator(source, "preset:blink")
        assert all(np.array_equal(a, b) for a, b in zip(video.frames, blink.frames, strict=True))


def _with_tone(video: Path, folder: Path) -> Path:
    """`video` with a 440 Hz tone as its audio (a talking driver's sound)."""
    import wave

    rate = 16000
    samples = (np.sin(2 * np.pi * 440 * np.arange(rate) / rate) * 12000).astype("<i2")
    with wave.open(str(folder / "tone.wav"), "wb") as out:
        out.setnchannels(1), out.setsampwidth(2), out.setframerate(rate), out.writeframes(samples.tobytes())
    with open_video(video) as frames, VideoWriter(folder / "talking.mp4", frames.fps,
                                                  audio_from=folder / "tone.wav", repeatable=True) as writer:
        for frame in frames.frames():
            writer.write(frame)
    return folder / "talking.mp4"


def test_save_writes_the_frames_with_the_drivers_audio(tmp_path, astronaut, astronaut_video) -> None:
    driving = _with_tone(astronaut_video, tmp_path)
    video = PortraitAnimator("mesh", size=SIZE)(astronaut, driving)
    with open_video(driving) as driver:
        assert video.fps == driver.fps and len(video) == driver.num_frames
    assert video.audio_from == driving
    video.save(tmp_path / "out.mp4")
    assert has_audio(tmp_path / "out.mp4")
    with open_video(tmp_path / "out.mp4") as saved:
        frames = list(saved.frames())
    assert len(frames) == len(video)
    assert min(psnr(a, b) for a, b in zip(frames, video.frames)) > 30  # H.264 at crf 18


@pytest.mark.slow
def test_driving_frames_in_memory_equal_the_video_file(astronaut, astronaut_video) -> None:
    with open_video(astronaut_video) as driver:
        frames, fps = list(driver.frames()), driver.fps
    animator = PortraitAnimator("mesh", size=SIZE)
    from_file = animator(astronaut, astronaut_video)  # streamed pass
    in_memory = animator(astronaut, np.stack(frames), fps=fps)  # tracked as a whole
    assert len(in_memory) == len(from_file) and in_memory.fps == fps
    assert max(np.abs(a.astype(int) - b).mean() for a, b in zip(in_memory, from_file)) < 0.5
    with pytest.raises(InputError, match="fps="):
        animator(astronaut, frames)


@pytest.mark.slow
def test_stream_yields_the_same_frames_and_stops_when_closed(astronaut, blink) -> None:
    animator = PortraitAnimator("mesh", size=SIZE)
    assert all(np.array_equal(a, b) for a, b in zip(animator.stream(astronaut, "preset:blink"), blink, strict=True))
    stream = animator.stream(astronaut, "preset:talk")
    first = next(stream)
    stream.close()  # the worker thread stops; nothing hangs
    assert first.shape == (SIZE, SIZE, 3)


def test_cancel_stops_between_frames_and_writes_nothing(tmp_path, astronaut) -> None:
    done: list[int] = []
    with pytest.raises(Cancelled):
        PortraitAnimator("mesh", size=SIZE).to_file(astronaut, "preset:talk", tmp_path / "out.mp4",
                                                    progress=done.append, cancel=lambda: len(done) >= 3)
    assert len(done) == 3 and not list(tmp_path.iterdir())


def test_settings_by_flag_name_and_memory_modes() -> None:
    animator = PortraitAnimator.from_pretrained("./weights", device="cpu", regions="lips,eyes", steps=20)
    assert animator.options.engine == "a1" and animator.options.weights == "./weights"
    assert animator.options.retarget.regions == {"lips", "eyes"} and animator.options.a1.steps == 20
    animator.enable_model_cpu_offload()
    assert animator.options.a1.offload == "model"
    animator.enable_group_offload()
    assert animator.options.a1.offload == "group" and animator.options.a1.steps == 20
    with pytest.raises(InputError, match="unknown option 'colour'"):
        PortraitAnimator("mesh", colour="red")
    with pytest.raises(InputError, match="device"):
        PortraitAnimator("mesh", device="gpu")


def test_device_choice_in_one_place() -> None:
    import torch

    assert resolve_device("cpu") == "cpu" and check_device("cuda:1") == "cuda:1"
    assert resolve_device("auto") == ("cuda" if torch.cuda.is_available() else
                                      "mps" if torch.backends.mps.is_available() else "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(InputError, match="no CUDA GPU"):
            resolve_device("cuda")
