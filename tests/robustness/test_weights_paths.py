"""--weights: anything path-like is a path ("no such folder", never a download); owner/name is a hub id,
which offline fails in one line naming it and how to download it."""

from __future__ import annotations

from pathlib import Path

import pytest
from robustness_checks import assert_one_line_error, run_cli, snapshot


def test_weights_values(capsys: pytest.CaptureFixture[str], tmp_path: Path, portrait_png: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file.bin").write_bytes(b"x")
    out = tmp_path / "out"
    out.mkdir()
    cases = {"./SkyReels-A1": "no such folder", "/no/such/SkyReels-A1": "no such folder",
             "~/no-such-facereel-weights": "no such folder", "SkyReels-A1": "no such folder",
             "file.bin": "not a folder", "Skywork/SkyReels-A1": "HF_HUB_OFFLINE is set"}
    before = snapshot(tmp_path)
    for weights, problem in cases.items():
        code, err = run_cli(capsys, "animate", "-s", str(portrait_png), "-d", "preset:blink", "--engine", "a1",
                            "--weights", weights, "-o", str(out / "a.mp4"))
        assert_one_line_error(code, err, weights, problem)
        assert snapshot(tmp_path) == before
    assert "hf download Skywork/SkyReels-A1" in err
