"""`facereel` command line: one subcommand per module in facereel.cli."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import signal
import sys
from typing import Any

from facereel import __version__
from facereel.cli.native_logs import NativeLogFilter
from facereel.cli.outputs import checked_outputs
from facereel.cli.signals import Terminated, sigterm_interrupts
from facereel.errors import InputError, WorkerLost, storage_error, unwrapped_interrupts

DESCRIPTION = """Bring a still portrait to life from a driving video.

examples:
  facereel demo -o out/                                   # bundled portrait + built-in motion, CPU
  facereel extract-motion driver.mp4 -o motion.npz
  facereel render-condition --source me.jpg --driving driver.mp4 -o cond.mp4
  facereel animate --source me.jpg --driving driver.mp4 -o out.mp4   # CPU mesh engine
  facereel live --source me.jpg --camera 0                          # real time from a webcam
  facereel edit --source me.jpg --smile 0.6 --blink-left 1 -o edited.png   # expression sliders
  facereel eval self --driving clips/ -o report/                    # the field's metrics
  facereel app                                                      # local web app on 127.0.0.1:7860
"""


ALLOW_TRUNCATED_HELP = ("a driving video that ends before its stated duration (a cut-off file) is an error; "
                        "with this, keep the frames that decode (a warning names the frames lost)")
VIDEO_READERS = ("animate", "batch", "extract-motion", "live", "prepare-data", "render-condition")


_NUMBER = r"\d*\.?\d+(?:[eE][-+]?\d+)?"
NEGATIVE_VALUES = re.compile(rf"^-{_NUMBER}(?:,[-+]?{_NUMBER})*$")
"""An argument that is a value, not a flag: a negative number, or numbers separated by commas starting with one
(`--gaze -0.3,0.2`). argparse's own pattern takes a lone number only, so `--gaze -0.3,0.2` read as an unknown flag
("expected one argument") though -1..1 is the slider's range."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit code 2, taking negative number lists as values and no shortened long
    flags (`edit --smil 0.5` was taken as `--smile`: a typo became another setting without a word)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "allow_abbrev": False})
        self._negative_number_matcher = NEGATIVE_VALUES  # what argparse (3.11, 3.12) tells values from flags by

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{self.prog}: error: {message} (see --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    from facereel.cli import (
        animate,
        app,
        batch,
        demo,
        edit,
        eval_cmd,
        extract_motion,
        live,
        prepare_data,
        render_condition,
        train,
    )

    parser = _Parser(prog="facereel", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"facereel {__version__}")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bars or messages")
    parser.add_argument("--allow-truncated", action="store_true", help=ALLOW_TRUNCATED_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (animate, app, batch, demo, edit, eval_cmd, extract_motion, live, prepare_data, render_condition, train):
        module.add_parser(sub)
    for name in VIDEO_READERS:  # also after the subcommand, where users put it
        sub.choices[name].add_argument("--allow-truncated", action="store_true", default=argparse.SUPPRESS,
                                       help=ALLOW_TRUNCATED_HELP)
    return parser


class _StderrLines(logging.Handler):
    """Log records as plain lines on the current sys.stderr (like the CLI's other messages)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


def setup_logging(quiet: bool) -> None:
    """The `facereel` loggers' messages on stderr for this process: info and up, warnings with --quiet.
    The library itself only logs; a host application decides where its records go."""
    logger = logging.getLogger("facereel")
    for handler in [h for h in logger.handlers if isinstance(h, _StderrLines)]:
        logger.removeHandler(handler)
    logger.addHandler(_StderrLines())
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GLOG_minloglevel", "2")  # mediapipe's C++ logging
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")  # e.g. V4L2 probing a missing camera; our error says it
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    setup_logging(getattr(args, "quiet", False))
    if args.allow_truncated:
        from facereel.media.video import ALLOW_TRUNCATED_ENV  # here: the parser loads no PyAV

        os.environ[ALLOW_TRUNCATED_ENV] = "1"  # read by facereel.media.video, inherited by batch workers
    with contextlib.ExitStack() as stack:
        stack.enter_context(sigterm_interrupts())
        if os.environ.get("FACEREEL_NATIVE_LOGS") != "1":  # set it to see mediapipe's native logging
            stack.enter_context(NativeLogFilter())
        try:
            with unwrapped_interrupts(), checked_outputs(args):
                return int(args.run(args) or 0)
        except InputError as exc:
            print(f"facereel: error: {exc}", file=sys.stderr)
            return 2
        except WorkerLost as exc:
            print(f"facereel: error: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            if (line := storage_error(exc)) is None:
                raise
            print(f"facereel: error: {line}", file=sys.stderr)
            return 1
        except Terminated:
            print("facereel: terminated (SIGTERM); no output was written", file=sys.stderr)
            return 128 + signal.SIGTERM
        except KeyboardInterrupt:
            print("facereel: interrupted; no output was written", file=sys.stderr)
            return 130


if __name__ == "__main__":
    sys.exit(main())
