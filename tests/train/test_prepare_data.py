"""`facereel prepare-data` and `ClipDataset` on a synthetic driving video of a real public-domain face
(the astronaut, moving a little, with faceless frames inserted) and, when present, a real driving video."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch
from synthetic_video import moving_head_frames

from facereel.cli.main import main
from facereel.engines.a1.constants import FPS
from facereel.face.tracking import track_video
from facereel.animate.inputs import Source, a1_condition
from facereel.media.image import read_image
from facereel.media.video import open_video, probe_frames
from facereel.media.writer import VideoWriter
from facereel.train import layout
from facereel.train.dataset import ClipDataset

CLIP = 8  # driving frames per clip in these tests (12 fps)
FRAMES_12 = 40  # the synthetic video's length at 12 fps: clips start at 0, 8, 16, 24, 32
LOST = {3} | set(range(17, 22))  # 12 fps frames without a face: clip 0 loses 1/8 (kept), clip 16 loses 5/8
ARGS = ["--clip-frames", str(CLIP), "--max-lost", "0.2"]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(["--quiet", *argv])
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def driving(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    """24 fps (so that preparing resamples to 12 fps): 12 fps frame k is 24 fps frame 2k."""
    path = tmp_path_factory.mktemp("drv") / "astro_talk.mp4"
    faceless = np.full_like(astronaut, 90)
    with VideoWriter(path, fps=24) as writer:
        for i, frame in enumerate(moving_head_frames(astronaut, 2 * FRAMES_12, max_angle=4.0)):
            writer.write(faceless if i // 2 in LOST else frame)
    return path


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, driving: Path) -> Path:
    out = tmp_path_factory.mktemp("ds") / "dataset"
    code = main(["--quiet", "prepare-data", str(driving), "-o", str(out), *ARGS])
    assert code == 0
    return out


def _entries(root: Path) -> dict[str, dict]:
    return {e["id"]: e for e in layout.read_manifest(root)}


def test_clips_count_shape_and_skips(dataset: Path) -> None:
    root = dataset
    entries = _entries(root)
    assert sorted(entries) == [f"astro_talk/{s:06d}" for s in (0, 8, 24, 32)]  # 16 skipped: face lost in 5/8
    for cid, entry in entries.items():
        folder = layout.clip_dir(root, cid)
        assert entry["frames"] == CLIP and entry["size"] == [720, 480] and entry["fps"] == FPS
        assert not entry["reference_in_clip"]  # default: a frame from another part of the video
        assert not entry["start"] <= entry["reference"] < entry["start"] + CLIP
        assert entry["reference"] not in LOST
        assert probe_frames(folder / layout.TARGET) == CLIP and probe_frames(folder / layout.CONDITION) == CLIP + 1
        with open_video(folder / layout.TARGET) as video:
            assert video.size == (720, 480) and video.fps == pytest.approx(FPS)
        assert read_image(folder / layout.REFERENCE).shape == (480, 720, 3)
        assert read_image(folder / layout.FACE_CROP).shape == (512, 512, 3)
        with np.load(folder / layout.META) as meta:
            frames = np.concatenate([[entry["reference"]], np.arange(entry["start"], entry["start"] + CLIP)])
            assert np.array_equal(meta["frames"], frames)
            assert np.array_equal(meta["valid"], [f not in LOST for f in frames])
            assert meta["landmarks"].shape == (CLIP + 1, 478, 3) and meta["pose"].shape == (CLIP + 1, 3)
            assert meta["features"].shape == (CLIP + 1, len(meta["feature_names"]))
    assert entries["astro_talk/000000"]["lost"] == 1


def test_condition_and_reference_are_the_front_end_s(dataset: Path, driving: Path) -> None:
    """Frame 0 of the condition = what `a1_condition` draws at inference for the reference frame; the reference
    image is that frame cropped to the same region (independently tracked here)."""
    root = dataset
    entry = _entries(root)["astro_talk/000008"]
    track = track_video(driving, fps=FPS)
    with open_video(driving) as video:
        frame = list(video.frames(fps=FPS))[entry["reference"]]
    source = Source(image=frame, landmarks=track.landmarks[entry["reference"]])
    region, drawn = a1_condition(source, track.landmarks[entry["start"]:entry["start"] + CLIP], (720, 480))
    drawn = np.stack(list(drawn))
    assert entry["region"] == pytest.approx([region.x0, region.y0, region.width, region.height], abs=1e-3)
    item = ClipDataset(root)[ClipDataset(root).entries.index(entry)]
    rendered = ((item["condition"] + 1) * 127.5).round().to(torch.uint8).permute(1, 2, 3, 0).numpy()
    assert np.array_equal(rendered[0], drawn[0]) and np.array_equal(rendered, drawn)
    with open_video(layout.clip_dir(root, entry["id"]) / layout.CONDITION) as video:
        stored = next(video.frames())
    assert np.abs(stored.astype(int) - drawn[0]).mean() < 1.0  # the mp4 copy: H.264 at crf 12
    reference = read_image(layout.clip_dir(root, entry["id"]) / layout.REFERENCE)
    assert np.abs(reference.astype(int) - region.crop(frame)).max() <= 2  # lossless PNG of the same crop


def test_dataset_shapes_ranges_and_lazy(dataset: Path, tmp_path: Path) -> None:
    root = dataset
    ds = ClipDataset(root)
    assert len(ds) == 4
    item = ds[0]
    assert item["video"].shape == item["condition"].shape == (3, CLIP + 1, 480, 720)
    assert item["reference"].shape == (3, 480, 720) and item["face_crop"].shape == (3, 512, 512)
    assert item["video"].dtype == item["condition"].dtype == item["reference"].dtype == torch.float32
    assert item["face_crop"].dtype == torch.uint8
    for key in ("video", "condition", "reference"):
        assert -1.0 <= item[key].min() and item[key].max() <= 1.0
    assert torch.equal(item["video"][:, 0], item["reference"])
    assert item["landmarks"].shape == (CLIP + 1, 478, 3) and item["valid"].dtype == torch.bool
    video_cond = ClipDataset(root, condition="video")[0]["condition"]
    assert video_cond.shape == item["condition"].shape and (video_cond - item["condition"]).abs().mean() < 0.01
    batch = next(iter(torch.utils.data.DataLoader(ds, batch_size=2)))
    assert batch["video"].shape == (2, 3, CLIP + 1, 480, 720) and len(batch["id"]) == 2
    # Lazy: the constructor reads only the manifest; a clip's files are opened when it is indexed.
    (tmp_path / layout.MANIFEST).write_text(json.dumps(layout.read_manifest(root)[0]) + "\n")
    lazy = ClipDataset(tmp_path)
    with pytest.raises(FileNotFoundError):
        lazy[0]


def test_resume_skips_finished_clips(capsys: pytest.CaptureFixture[str], dataset: Path, driving: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = dataset
    stamps = {p: p.stat().st_mtime_ns for p in (root / "clips").rglob("*") if p.is_file()}

    def no_tracking(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cached track should be reused")

    monkeypatch.setattr("facereel.train.prepare.track_video", no_tracking)
    code = main(["prepare-data", str(driving), "-o", str(root), *ARGS])
    err = capsys.readouterr().err
    assert code == 0 and "0 clips written, 4 already done, 1 clip skipped" in err and "16 (5/8)" in err
    assert stamps == {p: p.stat().st_mtime_ns for p in (root / "clips").rglob("*") if p.is_file()}
    # An interrupted clip (no line in its video's part, a file missing) is written again, and only that one.
    part = layout.part_path(root, "astro_talk")
    lines = part.read_text().splitlines()
    assert (root / layout.MANIFEST).read_text().splitlines() == lines  # one video: the manifest is its part
    keep = [line for line in lines if json.loads(line)["id"] != "astro_talk/000024"]
    part.write_text("\n".join(keep) + "\n" + lines[0][:20])  # and a torn last line
    (layout.clip_dir(root, "astro_talk/000024") / layout.TARGET).unlink()
    assert run_cli(capsys, "prepare-data", str(driving), "-o", str(root), *ARGS)[0] == 0
    assert sorted(_entries(root)) == sorted(json.loads(line)["id"] for line in lines)
    assert probe_frames(layout.clip_dir(root, "astro_talk/000024") / layout.TARGET) == CLIP
    changed = [p for p, t in stamps.items() if p.exists() and p.stat().st_mtime_ns != t]
    assert changed and all("000024" in str(p) for p in changed)
    # Other settings in the same folder are refused.
    code, err = run_cli(capsys, "prepare-data", str(driving), "-o", str(root), "--clip-frames", "12")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "other settings (clips)" in err


def test_bad_inputs_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "fake.mp4").write_text("not a video")
    with VideoWriter(tmp_path / "faceless.mp4", fps=12) as writer:
        for _ in range(8):
            writer.write(np.full((128, 128, 3), 90, np.uint8))
    out = str(tmp_path / "ds")
    cases = [
        ([str(tmp_path / "empty")], "no videos"),
        ([str(tmp_path / "missing.mp4")], "missing.mp4: not found"),
        ([str(tmp_path / "fake.mp4")], "fake.mp4: not a readable video"),
        ([str(tmp_path / "faceless.mp4")], "faceless.mp4: no face found"),
        ([str(tmp_path / "faceless.mp4"), "--clip-frames", "10"], "multiple of 4"),
        ([str(tmp_path / "faceless.mp4"), "--max-lost", "1.5"], "--max-lost"),
        ([str(tmp_path / "faceless.mp4"), "--size", "720x"], "WIDTHxHEIGHT"),
        ([str(tmp_path / "fake.mp4"), str(tmp_path / "faceless.mp4")], "none of the 2 videos"),
    ]
    for argv, message in cases:
        code, err = run_cli(capsys, "prepare-data", *argv, "-o", out)
        assert code == 2, (argv, err)
        assert message in err and err.strip().splitlines()[-1].count("error") == 1, (argv, err)
        if len(argv) == 1 or argv[1].startswith("--"):
            assert len(err.strip().splitlines()) == 1, (argv, err)
    assert not list(Path(out).rglob("*.mp4"))


def test_a_failed_video_does_not_stop_the_others(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 astronaut_video: Path) -> None:
    (tmp_path / "fake.mp4").write_text("not a video")
    code, err = run_cli(capsys, "prepare-data", str(tmp_path / "fake.mp4"), str(astronaut_video),
                        "-o", str(tmp_path / "ds"), "--clip-frames", "4")
    assert code == 1
    assert [line for line in err.splitlines() if "fake.mp4" in line] == [
        f"facereel: prepare-data: skipped {tmp_path / 'fake.mp4'}: " + err.split("fake.mp4: ", 1)[1].splitlines()[0]]
    assert [e["id"] for e in layout.read_manifest(tmp_path / "ds")] == ["astronaut_moving/000000"]
    assert layout.read_manifest(tmp_path / "ds")[0]["reference"] >= 4  # from the frames after the clip


def test_real_driving_video(capsys: pytest.CaptureFixture[str], shared_data: Path, tmp_path: Path) -> None:
    video = shared_data / "driving" / "lp_d11.mp4"
    code, err = run_cli(capsys, "prepare-data", str(video), "-o", str(tmp_path), "--clip-frames", "16",
                        "--stride", "32", "--reference", "inside", "--crf", "0")
    assert code == 0, err
    entries = layout.read_manifest(tmp_path)
    with open_video(video) as source:
        frames_12 = int(np.floor(source.num_frames * FPS / source.fps + 1e-6))
    assert len(entries) == len(range(0, frames_12 - 16 + 1, 32)) >= 3
    assert all(e["reference_in_clip"] and e["lost"] == 0 for e in entries)
    item = ClipDataset(tmp_path)[len(entries) - 1]
    assert item["video"].shape == (3, 17, 480, 720) and bool(item["valid"].all())
    # The face is inside the drawn region px and moves: the landmarks are the clip's, not a copy of frame 0.
    xy = item["landmarks"][..., :2]
    assert 0 < float(xy[..., 0].min()) and float(xy[..., 0].max()) < 720 and float(xy[..., 1].max()) < 480
    assert float((xy[1:] - xy[1]).abs().max()) > 1.0
    assert os.path.getsize(layout.clip_dir(tmp_path, entries[0]["id"]) / layout.TARGET) > 0
