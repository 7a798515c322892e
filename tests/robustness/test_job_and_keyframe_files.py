"""Hostile text inputs (job files, slider keyframes): bytes that are not UTF-8, JSON nested too deep for the
parser or with an integer too long to convert, a CSV row with more cells than its header. Each is one line
naming the file, exit code 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from robustness_checks import assert_one_line_error, run_cli, snapshot

DEEP_JSON = "[" * 100_000 + "]" * 100_000  # past Python's recursion limit
LONG_INT = '{"keyframes": [{"time": 1' + "0" * 5000 + "}]}"  # past int's 4300-digit conversion limit


def test_bad_batch_job_files(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path) -> None:
    files = {
        "latin1.csv": (f"source,driving\n{portrait_png},preset:blink\n".encode() + b"caf\xe9.png,preset:talk\n",
                       "not UTF-8 text"),
        "ragged.csv": (f"source,driving\n{portrait_png},preset:blink,extra\n".encode(),
                       "more cells than the header"),
        "deep.jsonl": (DEEP_JSON.encode() + b"\n", "not usable JSON"),
        "latin1.jsonl": (b'{"source": "caf\xe9.png", "driving": "preset:blink"}\n', "not UTF-8 text"),
    }
    for name, (data, _) in files.items():
        (tmp_path / name).write_bytes(data)
    before = snapshot(tmp_path)
    for name, (_, problem) in files.items():
        code, err = run_cli(capsys, "batch", str(tmp_path / name), "-o", str(tmp_path / "out"))
        assert_one_line_error(code, err, name, problem)
        assert snapshot(tmp_path) == before, name


def test_job_file_with_a_byte_order_mark_and_not_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                        portrait_png: Path) -> None:
    """A CSV saved with a byte-order mark (as Excel does) is read by its header (was: "missing source"; shown here
    by a duplicate row, refused before any work); /dev/null as the job file is "not a regular file" (was: "not
    found")."""
    row = f"{portrait_png},preset:blink\n"
    (tmp_path / "bom.csv").write_text("\ufeffsource,driving\n" + row + row, encoding="utf-8")
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, "batch", str(tmp_path / "bom.csv"), "-o", str(tmp_path / "out"))
    assert_one_line_error(code, err, "bom.csv:3", "is also written by")
    code, err = run_cli(capsys, "batch", "/dev/null", "-o", str(tmp_path / "out"))
    assert_one_line_error(code, err, "/dev/null", "not a regular file")
    assert snapshot(tmp_path) == before


def test_unparseable_keyframes_json(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path) -> None:
    for name, text in (("deep.json", DEEP_JSON), ("long_int.json", LONG_INT)):
        (tmp_path / name).write_text(text)
    before = snapshot(tmp_path)
    for name in ("deep.json", "long_int.json"):
        code, err = run_cli(capsys, "edit", "-s", str(portrait_png), "--to-video", str(tmp_path / name),
                            "-o", str(tmp_path / "out.mp4"))
        assert_one_line_error(code, err, name, "not usable JSON")
        assert snapshot(tmp_path) == before, name


def test_damaged_state_files(capsys: pytest.CaptureFixture[str], tmp_path: Path, astronaut_video: Path) -> None:
    """State files facereel keeps in an output folder (a dataset's settings and manifest, an eval run's
    settings and records), damaged or edited by hand: one line naming the file, nothing else written."""
    dataset, manifest_only, report = tmp_path / "dataset", tmp_path / "manifest_only", tmp_path / "report"
    (dataset).mkdir()
    (dataset / "settings.json").write_text("garbage\n")
    manifest_only.mkdir()
    (manifest_only / "manifest.jsonl").write_bytes(b"\xff\xfe{}\n")
    (report / "records").mkdir(parents=True)
    (report / "records" / "settings.json").write_text("[1, 2]\n")
    before = snapshot(tmp_path)
    for argv, damaged in (
        (["prepare-data", str(astronaut_video), "-o", str(dataset)], dataset / "settings.json"),
        (["train", "--data", str(manifest_only), "--weights", str(tmp_path), "--stage", "motion",
          "-o", str(tmp_path / "run")], manifest_only / "manifest.jsonl"),
        (["eval", "self", "--driving", str(astronaut_video), "--shard", "0/2", "-o", str(report)],
         report / "records" / "settings.json"),
    ):
        code, err = run_cli(capsys, *argv)
        assert_one_line_error(code, err, str(damaged), "damaged")
        assert snapshot(tmp_path) == before, argv
