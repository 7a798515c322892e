#!/usr/bin/env bash
# Quick start, command 1: set everything up, then animate the bundled portrait on CPU into out/.
# PYTHON=python3.12 VENV=.venv-py312 bash scripts/quickstart.sh runs it on Python 3.12 (.ci/run does with
# FACEREEL_CI_PY312=1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
"${VENV:-.venv}/bin/facereel" demo -o out
