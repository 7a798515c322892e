"""`facereel prepare-data --shard K/N` / `--merge` / `--ray` on real driving videos from ../shared/data (and one
broken file): two shards, in either order, give the manifest one run gives, byte for byte, with the same clips;
a local Ray cluster on this machine's CPUs (the tests' `ray_cluster`) gives it too, also when an actor is killed
mid-video; the broken video is reported and the others go on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from process_files import holder

from facereel.cli.main import main
from facereel.media.video import open_video
from facereel.train import layout

# Small clips so that the test is quick: 8 driving frames at 12 fps, one clip start every 40 frames, 64x96 px;
# lossless, because lossy x264 may encode the same frames to different bits in two runs under load.
ARGS = ["--clip-frames", "8", "--stride", "40", "--size", "64x96", "--crf", "0"]
# stable_hash(stem) % 2: lp_d12 and broken -> shard 0, sr_1 -> shard 1 (tests/batch/test_batch_shard.py's rule)
VIDEOS = ("lp_d12.mp4", "sr_1.mp4")


@pytest.fixture(scope="module")
def inputs(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    broken = tmp_path_factory.mktemp("broken") / "broken.mp4"
    broken.write_text("not a video")
    return [str(shared_data / "driving" / name) for name in VIDEOS] + [str(broken)]


@pytest.fixture(scope="module")
def one_run(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("one") / "dataset"
    assert prepare(*inputs, "-o", str(root)) == 1  # the broken video failed
    return root


def prepare(*argv: str, quiet: bool = True) -> int:
    return main([*(["--quiet"] if quiet else []), "prepare-data", *argv, *ARGS])


def _clip_frames(root: Path, cid: str) -> np.ndarray:
    with open_video(layout.clip_dir(root, cid) / layout.TARGET) as video:
        return np.stack(list(video.frames()))


def _same_dataset(a: Path, b: Path) -> None:
    manifest = (a / layout.MANIFEST).read_bytes()
    assert manifest and manifest == (b / layout.MANIFEST).read_bytes()
    for entry in layout.read_manifest(a):
        assert np.array_equal(_clip_frames(a, entry["id"]), _clip_frames(b, entry["id"])), entry["id"]


def test_one_run_keeps_going_past_a_broken_video(one_run: Path) -> None:
    videos = [entry["id"].split("/")[0] for entry in layout.read_manifest(one_run)]
    assert videos == sorted(videos, key=["lp_d12", "sr_1"].index) and set(videos) == {"lp_d12", "sr_1"}
    assert layout.read_outcome(one_run, "broken")["status"] == "failed"
    assert "broken.mp4" in layout.read_outcome(one_run, "broken")["error"]
    assert layout.read_outcome(one_run, "sr_1") == {"status": "done"}


def test_two_shards_merged_equal_one_run(capsys: pytest.CaptureFixture[str], inputs: list[str], one_run: Path,
                                         tmp_path: Path) -> None:
    root = tmp_path / "dataset"
    # Shard 1 finishes first: no manifest yet (shard 0's videos have no outcome), and --merge refuses.
    assert prepare(*inputs, "-o", str(root), "--shard", "1/2") == 0
    assert not (root / layout.MANIFEST).exists() and layout.read_outcome(root, "lp_d12") is None
    capsys.readouterr()
    assert prepare(*inputs, "-o", str(root), "--merge") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "2 of 3 videos not prepared yet" in err and "run their shards" in err
    # Shard 0 (with the broken video: reported, exit 1) is the last to finish and writes the manifest.
    assert prepare(*inputs, "-o", str(root), "--shard", "0/2") == 1
    _same_dataset(one_run, root)
    # --merge writes the same file again; resuming a shard writes no clip again.
    (root / layout.MANIFEST).unlink()
    assert prepare(*inputs, "-o", str(root), "--merge") == 0
    _same_dataset(one_run, root)
    stamps = {p: p.stat().st_mtime_ns for p in (root / "clips").rglob("*") if p.is_file()}
    capsys.readouterr()
    assert prepare(*inputs, "-o", str(root), "--shard", "1/2", quiet=False) == 0
    assert "0 clips written, 1 already done" in capsys.readouterr().err
    assert stamps == {p: p.stat().st_mtime_ns for p in (root / "clips").rglob("*") if p.is_file()}
    _same_dataset(one_run, root)


def test_a_folder_prepared_before_parts_keeps_its_clips(inputs: list[str], one_run: Path, tmp_path: Path) -> None:
    """A dataset whose manifest was appended to directly (no parts/): a rerun adopts its lines, writes nothing."""
    import shutil

    root = tmp_path / "dataset"
    shutil.copytree(one_run, root)
    shutil.rmtree(root / layout.PARTS)
    stamps = {p: p.stat().st_mtime_ns for p in (root / "clips").rglob("*") if p.is_file()}
    assert prepare(*inputs[:2], "-o", str(root)) == 0
    assert stamps == {p: p.stat().st_mtime_ns for p in (root / "clips").rglob("*") if p.is_file()}
    _same_dataset(one_run, root)


def test_a_local_ray_cluster_equals_one_run(inputs: list[str], one_run: Path, tmp_path: Path,
                                            ray_cluster: str) -> None:
    """On a local Ray cluster (this machine's CPUs), the actor tracking lp_d12 is killed (SIGKILL): the video is
    prepared again by the restarted actor and the dataset is the one of a run in one process."""
    root = tmp_path / "dataset"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parents[2] / "src"),
                                                                       os.environ.get("PYTHONPATH")])),
           "RAY_ADDRESS": ray_cluster}
    entry = "import sys; from facereel.cli.main import main; sys.exit(main())"
    process = subprocess.Popen([sys.executable, "-c", entry, "prepare-data", *inputs, "-o", str(root), *ARGS,
                                "--ray"], stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    killed, deadline = None, time.monotonic() + 300
    while killed is None and process.poll() is None and time.monotonic() < deadline:
        killed = holder(inputs[0], command="ray::")  # a Ray worker reading lp_d12.mp4
        time.sleep(0.02)
    assert killed is not None, f"no Ray worker was seen reading the video: {process.communicate(timeout=600)[1][-2000:]}"
    os.kill(killed[0], signal.SIGKILL)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 1, err[-2000:]  # the broken video
    assert "Traceback" not in err and "skipped" in err and "lp_d12.mp4: " in err and " on ray:" in err
    _same_dataset(one_run, root)
    assert not [p for p in root.rglob(".facereel-*")]


def test_without_ray_says_how_to_install(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                         inputs: list[str], tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError, as when it is not installed
    assert prepare(inputs[1], "-o", str(tmp_path / "ds"), "--ray") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "pip install 'facereel[ray]'" in err
