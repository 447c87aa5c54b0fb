#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, with no display needed.
set -euo pipefail
cd "$(dirname "$0")/.."
# age: the standard age tool, so the round-trip test decrypts an export the way a clinic would.
EXTRA_DEBIAN_PACKAGES="age" scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
