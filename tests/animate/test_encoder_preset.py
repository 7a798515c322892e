"""`encoder_preset` (`--encoder-preset`) reaches the x264 encoder of `animate`'s output: x264 writes its
settings into the stream (an SEI message), so the file itself says which preset made it."""

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
