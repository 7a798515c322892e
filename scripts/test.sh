#!/usr/bin/env bash
# Quick start, command 2: run the test suite (sets up .venv first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 GLOG_minloglevel=2 TF_CPP_MIN_LOG_LEVEL=3
# numba's kernels compiled into its cache once before the workers start (~28 CPU s in a clean clone, ~4 when cached),
# not by each worker that reaches one first; as the Dockerfile warms its image: `facereel demo`, here its turn (the
# map's turn kernels too). In the background while Chromium installs; a failure here only leaves them to the tests.
warm="$(mktemp -d)"
.venv/bin/facereel --quiet demo --preset turn -o "$warm" >/dev/null 2>&1 &
warming=$!
# tests/app/browser/ drives Debian's Chromium (CI runs this as root); without it those tests are skipped
command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
  || echo "note: could not install chromium; the browser test will be skipped" >&2
wait "$warming" || echo "note: the kernels' warm-up (facereel demo) failed; the tests compile them" >&2
rm -rf "$warm"
# the default suite leaves out the `heavy` and `slow` tests (pyproject.toml); `bash scripts/test.sh -m heavy -n 0` and
# `bash scripts/test.sh -m slow` run them (.ci/run's second and third steps)
# --durations=30: every run (and CI log) ends with the slowest tests
# -n: pytest-xdist workers (FACEREEL_TEST_WORKERS, default 2: CI's cores), each test file on one worker (its module
# fixtures built once), tests/a1, tests/eval and tests/train each whole on one (their package fixtures built once:
# tests/xdist_units.py); `-n 0` after it runs in one process (.ci/run's heavy step: Ray and torchrun take the cores)
exec .venv/bin/python -m pytest -q -p no:cacheprovider --durations=30 -n "${FACEREEL_TEST_WORKERS:-2}" \
  --dist loadfile -m "not slow and not heavy" "$@"
