"""Numeric flags given NaN, infinity or a negative number where none makes sense: one line naming the flag,
exit code 2, nothing written (NaN passed `x < 0` checks: `--smooth nan` silently turned smoothing off,
`--smooth-beta nan` ended in a LinAlgError traceback, `--face-index -1` picked the rightmost face)."""

from __future__ import annotations

from pathlib import Path

import pytest
from robustness_checks import assert_one_line_error, run_cli, snapshot

from facereel.engines.a1.options import A1Options
from facereel.errors import InputError

BAD_FLAGS = [
    (("--smooth", "nan"), "--smooth must be >= 0"),
    (("--smooth", "-1"), "--smooth must be >= 0"),
    (("--smooth-beta", "nan"), "--smooth-beta must be >= 0"),
    (("--smooth-beta", "inf"), "--smooth-beta must be >= 0"),
    (("--shift-limit", "nan"), "--shift-limit must be >= 0"),
    (("--scale-limit", "inf"), "--scale-limit must be >= 0"),
    (("--face-index", "-1"), "counted from 0"),
    (("--source-face-index", "-1"), "counted from 0"),
]


@pytest.mark.parametrize(("flag", "problem"), BAD_FLAGS, ids=[" ".join(flag) for flag, _ in BAD_FLAGS])
def test_bad_numbers_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path,
                                 astronaut_video: Path, flag: tuple[str, str], problem: str) -> None:
    before = snapshot(tmp_path)
    code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", str(astronaut_video), *flag,
                        "-o", str(tmp_path / "out.mp4"))
    assert_one_line_error(code, err, problem)
    assert snapshot(tmp_path) == before


def test_extract_motion_negative_face_index(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            astronaut_video: Path) -> None:
    code, err = run_cli(capsys, "extract-motion", str(astronaut_video), "--face-index", "-1",
                        "-o", str(tmp_path / "m.npz"))
    assert_one_line_error(code, err, "counted from 0")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("field", [{"guidance": float("nan")}, {"guidance": float("inf")},
                                   {"step_cache_threshold": float("nan")}])
def test_a1_options_refuse_nan(field: dict[str, float]) -> None:
    with pytest.raises(InputError, match=next(iter(field))):
        A1Options(**field)
