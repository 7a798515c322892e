#!/usr/bin/env bash
# Print the path of a Python 3.12 for the 3.12 job: $PYTHON312 when set, else python3.12 on PATH, else
# pyenv's 3.12 (pyenv's shim answers "command not found" unless 3.12 is enabled). Exit 1 with one line if none.
set -uo pipefail
if [ -n "${PYTHON312:-}" ]; then
  candidates=("$PYTHON312")
else
  candidates=(python3.12 "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.12*/bin/python3.12)
fi
for candidate in "${candidates[@]}"; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
    command -v "$candidate"
    exit 0
  fi
done
echo "no Python 3.12 found (tried ${candidates[*]}): set PYTHON312=/path/to/python3.12" >&2
exit 1
