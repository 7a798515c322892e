"""Every writing command refuses a bad -o path before any work: exit 2, one line naming it, nothing written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from robustness_checks import assert_one_line_error, run_cli, snapshot

# command line (with {src}, {video}, {out}) -> what it writes
FILE_COMMANDS = {
    "animate": ("animate -s {src} -d preset:blink -o {out}", ".mp4"),
    "render-condition": ("render-condition -s {src} -d preset:blink -o {out}", ".mp4"),
    "extract-motion": ("extract-motion {video} -o {out}", ".npz"),
}
FOLDER_COMMANDS = {
    "batch": "batch --sources {src} --driving preset:blink -o {out}",
    "prepare-data": "prepare-data {video} -o {out}",
    "eval self": "eval self --driving {video} -o {out}",
    "demo": "demo --preset blink -o {out}",
    "train": "train --data {work} --weights {work} --stage motion -o {out}",
}


def _argv(template: str, **paths: Path | str) -> list[str]:
    return [part.format(**{k: str(v) for k, v in paths.items()}) for part in template.split()]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with an existing sub-folder, a plain file and nothing else."""
    (tmp_path / "existing.mp4").mkdir()
    (tmp_path / "existing.npz").mkdir()
    (tmp_path / "plain.txt").write_text("not a folder\n")
    return tmp_path


@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_bad_file_outputs_are_refused_first(capsys: pytest.CaptureFixture[str], work: Path, portrait_png: Path,
                                            astronaut_video: Path, command: str) -> None:
    template, suffix = FILE_COMMANDS[command]
    bad = {
        work / f"existing{suffix}": "is a folder",                      # x.mp4 that is a folder
        work: "is a folder",                                           # a folder
        work / "out.txt": "needs the extension",                       # wrong extension
        work / "out": "no extension",                                  # no extension
        work / "plain.txt" / f"out{suffix}": "is a file, not a folder",  # parent is a file
        Path("/proc/facereel-test") / f"out{suffix}": "cannot write",   # read-only (even for root)
    }
    if suffix == ".mp4":
        bad[work / "out.png"] = "needs the extension"                  # an image name for a video
    before = snapshot(work)
    for out, problem in bad.items():
        code, err = run_cli(capsys, *_argv(template, src=portrait_png, video=astronaut_video, out=out))
        assert_one_line_error(code, err, str(out), problem)
        assert snapshot(work) == before, out


@pytest.mark.parametrize("command", FOLDER_COMMANDS)
def test_bad_folder_outputs_are_refused_first(capsys: pytest.CaptureFixture[str], work: Path, portrait_png: Path,
                                              astronaut_video: Path, command: str) -> None:
    bad = {
        work / "plain.txt": "is not a folder",
        work / "plain.txt" / "out": "is a file, not a folder",
        Path("/proc/facereel-test/out"): "cannot write",
    }
    before = snapshot(work)
    for out, problem in bad.items():
        code, err = run_cli(capsys, *_argv(FOLDER_COMMANDS[command], src=portrait_png, video=astronaut_video,
                                           out=out, work=work))
        assert_one_line_error(code, err, str(out), problem)
        assert snapshot(work) == before, out


def test_eval_compare_output_must_not_be_a_folder(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    before = snapshot(work)
    code, err = run_cli(capsys, "eval", "compare", str(work / "a.json"), str(work / "b.json"), "-o", str(work))
    assert_one_line_error(code, err, str(work), "is a folder")
    assert snapshot(work) == before


def test_failed_job_removes_the_folders_it_created(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   astronaut_video: Path) -> None:
    """A missing parent is created for the job (the a1 engine relied on that) and removed when the job fails
    (here: the driving video is not a portrait, so the source has no image)."""
    out = tmp_path / "new" / "deeper" / "out.mp4"
    code, err = run_cli(capsys, "animate", "-s", str(tmp_path / "missing.png"), "-d", str(astronaut_video),
                        "-o", str(out))
    assert_one_line_error(code, err, "missing.png", "not found")
    assert list(tmp_path.iterdir()) == []


def test_output_that_is_an_input_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path,
                                            astronaut_video: Path) -> None:
    """An output that names one of the command's inputs (directly, through a link, or in `--driving N=PATH`)
    would replace it: refused before any work, the input untouched."""
    import shutil

    video = shutil.copy(astronaut_video, tmp_path / "driver.mp4")
    portrait = shutil.copy(portrait_png, tmp_path / "me.png")
    (tmp_path / "link.mp4").symlink_to(video)
    cases = [
        (["animate", "-s", str(portrait), "-d", str(video), "-o", str(video)], video),
        (["animate", "-s", str(portrait), "-d", f"0={video}", "-o", str(tmp_path / "link.mp4")], tmp_path / "link.mp4"),
        (["animate", "-s", str(video), "-d", "preset:blink", "-o", str(video)], video),  # video-to-video
        (["render-condition", "-s", str(portrait), "-d", str(video), "-o", str(video)], video),
        (["edit", "-s", str(portrait), "--smile", "0.5", "-o", str(portrait)], portrait),
        (["live", "-s", str(portrait), "--camera", str(video), "--no-window", "-o", str(video)], video),
    ]
    before = snapshot(tmp_path)
    for argv, out in cases:
        code, err = run_cli(capsys, *argv)
        assert_one_line_error(code, err, str(out), "is also an input")
        assert snapshot(tmp_path) == before, argv


@pytest.mark.parametrize("command", [*FILE_COMMANDS, "batch"])
def test_names_too_long_are_refused_first(capsys: pytest.CaptureFixture[str], work: Path, portrait_png: Path,
                                          astronaut_video: Path, command: str) -> None:
    """A file or folder name over 255 bytes (here 2 bytes a character): exit 2 naming the path, before any work (was
    an OSError traceback, "File name too long", from the first check)."""
    template, suffix = FILE_COMMANDS.get(command, (FOLDER_COMMANDS.get(command), ""))
    before = snapshot(work)
    for out in (work / ("é" * 130 + suffix), work / ("é" * 130) / f"out{suffix}"):
        code, err = run_cli(capsys, *_argv(template, src=portrait_png, video=astronaut_video, out=out))
        assert_one_line_error(code, err, "bytes long; file systems take at most 255")
        assert snapshot(work) == before


@pytest.mark.parametrize(("failure", "target"), [(errno.ENOSPC, "PIL.Image.Image.save"),
                                                 (errno.EROFS, "numpy.savez_compressed")], ids=["full", "read-only"])
def test_full_or_read_only_disk_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path,
                                            astronaut_video: Path, monkeypatch: pytest.MonkeyPatch, failure: int,
                                            target: str) -> None:
    """A write that fails for want of space (a still from `edit`) or on a file system turned read-only (a template
    from `extract-motion`): exit 1, one line saying why, no temporary or created folder left (was a traceback)."""
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(target, refused)
    argv = (["edit", "-s", str(portrait_png), "--smile", "0.5", "-o", str(tmp_path / "new" / "out.png")]
            if failure == errno.ENOSPC else ["extract-motion", str(astronaut_video), "-o", str(tmp_path / "new" / "m.npz")])
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, *argv)
    assert code == 1 and err.splitlines() == [f"facereel: error: cannot write: {os.strerror(failure)}"], err
    assert snapshot(tmp_path) == before
