#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, with no display needed.
set -euo pipefail
cd "$(dirname "$0")/.."
# age: the standard age tool, so the round-trip test decrypts an export the way a clinic would.
# systemd: systemd-analyze checks the reminder's timer and service files (it installs in a
# container without booting systemd; nothing is started).
EXTRA_DEBIAN_PACKAGES="age systemd" scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
# Lint first: ruff (rules in pyproject.toml) and the import-linter contracts (the layers);
# any finding fails the run before a test starts.
.venv/bin/ruff check --quiet .
if ! contracts=$(.venv/bin/lint-imports --no-cache 2>&1); then
  echo "$contracts" >&2
  exit 1
fi
exec .venv/bin/python -m pytest -q "$@"
