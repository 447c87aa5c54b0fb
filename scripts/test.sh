#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, with no display needed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
