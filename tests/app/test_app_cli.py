"""`facereel app` command line: options, defaults and one-line errors (the server itself is not started)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from facereel.cli import app
from facereel.errors import InputError


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="facereel")
    app.add_parser(parser.add_subparsers())
    return parser.parse_args(["app", *argv])


def test_defaults_bind_to_this_machine_only() -> None:
    args = _parse()
    assert (args.host, args.port, args.workdir, args.keep_days) == ("127.0.0.1", 7860, Path("facereel-app"), None)
    assert args.run is app.run


@pytest.mark.parametrize("argv, message", [(("--port", "0"), "--port"),
                                           (("--max-upload-mb", "-1"), "--max-upload-mb"),
                                           (("--keep-days", "0"), "--keep-days"),
                                           (("--keep-days", "nan"), "--keep-days")])
def test_bad_values_are_one_line_input_errors(argv: tuple[str, ...], message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        app.run(_parse(*argv))
    assert "\n" not in str(error.value)
