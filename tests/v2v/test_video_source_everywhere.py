"""A video as the source through the batch job list and the web app (the CLI and the API: test_video_to_video)."""

from __future__ import annotations

from pathlib import Path

import pytest
from v2v_clips import app_job

from facereel.cli.main import main
from facereel.media.video import open_video, probe_frames
from facereel.motion.presets import preset_motion


def _short_blink(folder: Path) -> Path:
    """preset:blink cut to 0.2 s, as a template: fewer frames than the 12-frame source clip."""
    path = folder / "blink.npz"
    preset_motion("blink", seconds=0.2).save(path)
    return path


def _driver_frames(source: Path, template: Path) -> int:
    """The template's frame count at the source's frame rate (what video-to-video matches lengths with)."""
    from facereel.motion.motion import Motion
    from facereel.motion.resample import resample

    with open_video(source) as video:
        return len(resample(Motion.load(template), video.fps))


@pytest.mark.slow
def test_a_job_list_row_with_a_video_source(source_clip: Path, tmp_path: Path) -> None:
    template = _short_blink(tmp_path)
    shorter = _driver_frames(source_clip, template)
    assert shorter < 12
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving,output,loop_driver,regions\n{source_clip},{template},looped.mp4,true,eyes\n"
                    f"{source_clip},{template},stopped.mp4,false,eyes\n")
    assert main(["--quiet", "batch", str(jobs), "-o", str(tmp_path / "out")]) == 0
    assert probe_frames(tmp_path / "out" / "looped.mp4") == 12
    assert probe_frames(tmp_path / "out" / "stopped.mp4") == shorter


def test_the_web_app_takes_a_video_as_the_portrait(source_clip: Path, tmp_path: Path) -> None:
    job = app_job(tmp_path / "work", source_clip, _short_blink(tmp_path), {"loop_driver": "on", "regions": "eyes"})
    assert job["status"] == "done" and job["frames"] == 12, job  # the whole source: the driver looped
    assert job["video_status"] == 200
