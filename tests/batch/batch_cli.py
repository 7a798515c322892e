"""`facereel batch ARGS...` for the tests, in this process (`run_batch`) or as a script (`python batch_cli.py
ARGS...`, for interrupting it): the subcommand on its own parser, with the entry point's error handling
(InputError -> one line, exit 2; Ctrl-C -> 130), so the tests need not wait for its registration in cli/main.py."""

from __future__ import annotations

import argparse
import sys

from facereel.cli import batch
from facereel.errors import InputError


def run_batch(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="facereel")
    batch.add_parser(parser.add_subparsers())
    args = parser.parse_args(["batch", *argv])
    try:
        return args.run(args)
    except InputError as exc:
        print(f"facereel: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run_batch(*sys.argv[1:]))
