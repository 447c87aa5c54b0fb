#!/usr/bin/env bash
# Set up (first time only) and open SupportBack. Options are passed to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/python -m desktop "$@"
