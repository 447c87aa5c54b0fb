#!/usr/bin/env bash
# Install SupportBack for the current user: the app in ~/.local/opt/supportback, a menu
# entry and the icon. No root needed. Works from the source tree (after `make bundle`) and
# from an unpacked bundle, where this script is `install.sh` beside the `supportback` program.
#   ./install.sh  (or ./scripts/install_linux.sh)   install, replacing an older copy
#   ./install.sh --remove                           remove the app; diaries in the data folder stay
# PREFIX (default ~/.local) moves everything, e.g. PREFIX=/usr/local as root for all users;
# BUNDLE names the bundle folder to install (default: this script's folder, or dist/supportback).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ -z ${BUNDLE:-} ]]; then
  if [[ -x $here/supportback ]]; then BUNDLE=$here; else BUNDLE=$here/../dist/supportback; fi
fi
PREFIX=${PREFIX:-$HOME/.local}
APP_DIR=$PREFIX/opt/supportback
ENTRY=$PREFIX/share/applications/supportback.desktop
ICONS=$PREFIX/share/icons/hicolor

if [[ ${1:-} == --remove ]]; then
  rm -f "$ENTRY" "$ICONS"/*/apps/supportback.png "$ICONS"/scalable/apps/supportback.svg
  rm -rf "$APP_DIR"
  echo "SupportBack removed from $PREFIX (your diaries are untouched)."
  exit 0
fi
if [[ ! -x $BUNDLE/supportback ]]; then
  echo "No SupportBack bundle in $BUNDLE: build it first with 'make bundle'." >&2
  exit 1
fi
shared=$BUNDLE/_internal
mkdir -p "$PREFIX/opt" "$(dirname "$ENTRY")"
staging=$(mktemp -d "$PREFIX/opt/.supportback.XXXXXX")
cp -a "$BUNDLE/." "$staging/"
rm -rf "$APP_DIR"
mv "$staging" "$APP_DIR"
chmod 755 "$APP_DIR"
for png in "$shared"/resources/icons/app-*.png; do
  size=${png##*app-}; size=${size%.png}
  install -D -m 644 "$png" "$ICONS/${size}x${size}/apps/supportback.png"
done
install -D -m 644 "$shared/resources/icons/app.svg" "$ICONS/scalable/apps/supportback.svg"
sed -e "s|/opt/supportback/supportback|$APP_DIR/supportback|g" "$shared/share/supportback.desktop" > "$ENTRY"
chmod 644 "$ENTRY"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$(dirname "$ENTRY")" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
echo "SupportBack installed in $APP_DIR; it is in your applications menu as SupportBack."
echo "From a terminal: $APP_DIR/supportback --help"
