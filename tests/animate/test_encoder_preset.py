"""`encoder_preset` (`--encoder-preset`) and `crf` (`--crf`) reach the x264 encoder of `animate`'s output: x264
writes its settings into the stream (an SEI message), so the file itself says which preset and quality made it."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from facereel.animate import PortraitAnimator
from facereel.animate.options import AnimateOptions
from facereel.errors import InputError


def x264_settings(path: Path) -> dict[str, str]:
    """{name: value} of the x264 options string stored in an H.264 file."""
    text = re.search(rb"x264 - core .*?options: ([^\x00]*)", path.read_bytes())
    assert text is not None, f"no x264 settings in {path}"
    return dict(item.split("=", 1) for item in text.group(1).decode().split() if "=" in item)


def test_the_preset_reaches_the_file(astronaut, astronaut_video, tmp_path):
    """ultrafast turns CABAC and sub-pixel refinement off; the default (veryfast) keeps CABAC on and refines
    sub-pixels; both files hold every frame."""
    fast = tmp_path / "fast.mp4"
    assert PortraitAnimator("mesh", size=128, encoder_preset="ultrafast").to_file(astronaut, astronaut_video, fast) == 12
    default = tmp_path / "default.mp4"
    assert PortraitAnimator("mesh", size=128).to_file(astronaut, astronaut_video, default) == 12
    assert AnimateOptions().encoder_preset == "veryfast"
    ultra, veryfast = x264_settings(fast), x264_settings(default)
    assert (ultra["cabac"], ultra["subme"]) == ("0", "0")
    assert veryfast["cabac"] == "1" and int(veryfast["subme"]) >= 2


def test_an_unknown_preset_is_a_one_line_error(capsys):
    """From a record (batch, the web app) an InputError; as `animate`'s flag, argparse's usage error (exit 2)."""
    with pytest.raises(InputError, match="encoder.preset"):
        AnimateOptions.from_record({"encoder-preset": "quick"})
    parser = argparse.ArgumentParser(prog="facereel animate")
    AnimateOptions.add_arguments(parser)
    assert AnimateOptions.from_args(parser.parse_args(["--encoder-preset", "veryfast"])).encoder_preset == "veryfast"
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["--encoder-preset", "quick"])
    error = capsys.readouterr().err
    assert exit_.value.code == 2 and "invalid choice: 'quick'" in error and "Traceback" not in error


def test_crf_reaches_the_file(astronaut, tmp_path):
    """--crf 0 is x264's lossless mode (constant quantiser 0); another value is a constant rate factor; the
    lossless file is the bigger one."""
    lossless, small = tmp_path / "lossless.mp4", tmp_path / "small.mp4"
    for path, crf in ((lossless, 0), (small, 30)):
        assert PortraitAnimator("mesh", size=128, crf=crf).to_file(astronaut, "preset:blink", path) == 50
    settings = x264_settings(lossless), x264_settings(small)
    assert (settings[0]["rc"], settings[0]["qp"]) == ("cqp", "0")
    assert (settings[1]["rc"], float(settings[1]["crf"])) == ("crf", 30.0)
    assert AnimateOptions().crf == 18 and lossless.stat().st_size > 2 * small.stat().st_size


@pytest.mark.parametrize("value", ["-1", "52"])
def test_a_crf_out_of_range_is_a_one_line_error(value):
    with pytest.raises(InputError, match="--crf must be between 0 .lossless. and 51"):
        AnimateOptions.from_record({"crf": value})
