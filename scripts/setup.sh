#!/usr/bin/env bash
# Create a venv (default .venv) with facereel and the exact known-good dependencies of constraints.txt
# (CPU torch). Idempotent: quick when up to date. PYTHON=python3.12 VENV=.venv-py312 for another Python.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
VENV="${VENV:-.venv}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.facereel-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade "pip>=24"
  # torch first: anything but the constrained version would pull a multi-GB CUDA build.
  "$VENV/bin/python" -m pip install --quiet -c constraints.txt torch
  "$VENV/bin/python" -m pip install --quiet -c constraints.txt -e ".[test]"
  touch "$stamp"
fi
