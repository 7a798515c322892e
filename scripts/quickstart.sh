#!/usr/bin/env bash
# Quick start, command 1: set everything up, then animate the bundled portrait on CPU into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/facereel demo -o out
