"""The built-in motion templates' names (`motion.presets` makes them): numpy-free, for the CLI's flags and the
web app's form (building the parser loads no numpy, tests/test_cli_imports.py)."""

from __future__ import annotations

PRESETS = ("talk", "smile", "blink", "nod", "turn", "laugh", "demo")
