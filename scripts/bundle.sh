#!/usr/bin/env bash
# Build the installable one-folder app: dist/supportback/supportback (see README.md).
# Options are passed to PyInstaller.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
started=$(date +%s)
# Expected warnings: libgtk-3 (the GTK theme plugin, which the spec then drops), pysqlite2 and
# MySQLdb (SQLAlchemy drivers never used), shell32/ole32 (Windows only), pyqtgraph.opengl.
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build build_spec/supportback.spec "$@"
echo "Built dist/supportback/ in $(( $(date +%s) - started )) s ($(du -sh dist/supportback | cut -f1))."
version=$(.venv/bin/python -c 'import desktop; print(desktop.__version__)')
archive=dist/supportback-$version-linux-$(uname -m).tar.gz
tar -C dist -czf "$archive" supportback
echo "Run it: dist/supportback/supportback    Install it: dist/supportback/install.sh"
echo "To hand out: $archive ($(du -sh "$archive" | cut -f1)); unpack, then run supportback/install.sh"
