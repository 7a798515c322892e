"""Shared fixtures for the eval tests: public-domain faces, synthetic and (when present) real clips."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import cv2
import numpy as np
import pytest
from h264_clips import write_video

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SHARED_DRIVING = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "driving"


def moved(image: np.ndarray, dx: float, dy: float, scale: float = 1.0) -> np.ndarray:
    """The image scaled about its centre and shifted by (dx, dy) pixels, edges reflected."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 0.0, scale)
    matrix[:, 2] += (dx, dy)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


@pytest.fixture(scope="session")
def shift_scale():
    """`moved(image, dx, dy, scale)`: an image shifted and scaled about its centre."""
    return moved


@pytest.fixture(scope="session")
def video_writer():
    """`h264_clips.write_video(path, frames, fps=25.0) -> path` (repeatable: the same bytes in every process)."""
    return write_video


@pytest.fixture(scope="session")
def shared_clip():
    """`shared_clip(name) -> path` of a video in ../shared/data/driving; skips the test when absent."""

    def find(name: str) -> Path:
        path = SHARED_DRIVING / name
        if not path.is_file():
            pytest.skip(f"shared driving data absent ({path})")
        return path

    return find


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    from skimage import data

    return data.astronaut()


@pytest.fixture(scope="session")
def grace_hopper() -> np.ndarray:
    import matplotlib.cbook
    from PIL import Image

    with Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg")) as image:
        return np.asarray(image.convert("RGB"))


@pytest.fixture(scope="session")
def astronaut_frames(astronaut: np.ndarray) -> list[np.ndarray]:
    """10 frames of the astronaut drifting right and growing slightly (a synthetic driving clip)."""
    return [moved(astronaut, 1.5 * t, 0.5 * t, 1.0 + 0.004 * t) for t in range(10)]


@pytest.fixture(scope="session")
def astronaut_clip(tmp_path_factory: pytest.TempPathFactory, astronaut_frames: list[np.ndarray]) -> Path:
    return write_video(tmp_path_factory.mktemp("driving") / "astro.mp4", astronaut_frames)


@pytest.fixture(scope="session")
def short_astronaut_frames(astronaut_frames: list[np.ndarray]) -> list[np.ndarray]:
    """The first 4 of `astronaut_frames` (3 scored), for claims that do not depend on the clip's length (a run's
    cost is mostly per frame: tracking, SSIM)."""
    return astronaut_frames[:4]


@pytest.fixture(scope="session")
def short_astronaut_clip(tmp_path_factory: pytest.TempPathFactory, short_astronaut_frames: list[np.ndarray]) -> Path:
    """`short_astronaut_frames` as a video named astro.mp4."""
    return write_video(tmp_path_factory.mktemp("short") / "astro.mp4", short_astronaut_frames)


@pytest.fixture(scope="session")
def real_clip(tmp_path_factory: pytest.TempPathFactory, shared_clip) -> Path:
    """The first 20 frames of ../shared/data/driving/lp_d11.mp4; skips when the shared data is absent."""
    source = shared_clip("lp_d11.mp4")
    from facereel.media.video import open_video

    with open_video(source) as video:
        frames = [frame for _, frame in zip(range(20), video.frames())]
        fps = video.fps
    return write_video(tmp_path_factory.mktemp("real") / "lp_d11.mp4", frames, fps)


@pytest.fixture(scope="session")
def fake_lpips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TorchScript stand-in with the LPIPS contract: mean |x - y| of [-1, 1] images, shape (N, 1, 1, 1)."""
    torch = pytest.importorskip("torch")

    class MeanAbs(torch.nn.Module):
        def forward(self, x, y):
            return (x - y).abs().mean(dim=(1, 2, 3), keepdim=True)

    path = tmp_path_factory.mktemp("weights") / "lpips_fake.pt"
    x = torch.zeros(1, 3, 8, 8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.jit.trace(MeanAbs(), (x, x)).save(str(path))
    return path


@pytest.fixture(scope="session")
def identical_self_run(tmp_path_factory: pytest.TempPathFactory, astronaut_clip: Path, fake_lpips: Path):
    """`eval.run.evaluate_self` of the astronaut clip with itself as the output, LPIPS by `fake_lpips`, no FID/FVD
    weights: one run that several tests assert on (an `eval.report.Report`)."""
    from facereel.eval import run
    from facereel.eval.perceptual import Lpips

    root = tmp_path_factory.mktemp("identical")
    (root / "outputs").mkdir()
    shutil.copy(astronaut_clip, root / "outputs" / astronaut_clip.name)
    return run.evaluate_self([astronaut_clip], root / "work", outputs=root / "outputs", lpips=Lpips(fake_lpips))


@pytest.fixture
def self_eval(shared_clip, video_writer, tmp_path: Path):
    """`self_eval(name, start, count) -> run.Report`: `eval self` of frames start..start+count of
    ../shared/data/driving/NAME.mp4 (at its own rate), the clip itself as the method's output."""
    import itertools

    from facereel.eval import run
    from facereel.media.video import open_video

    def evaluate(name: str, start: int, count: int) -> run.Report:
        with open_video(shared_clip(f"{name}.mp4")) as video:
            frames, fps = list(itertools.islice(video.frames(), start, start + count)), video.fps
        clip = video_writer(tmp_path / "driving" / f"{name}.mp4", frames, fps)
        outputs = tmp_path / "outputs"
        outputs.mkdir()
        shutil.copy(clip, outputs / clip.name)
        return run.evaluate_self([clip], tmp_path / "work", outputs=outputs)

    return evaluate
