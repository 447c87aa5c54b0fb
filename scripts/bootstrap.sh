#!/usr/bin/env bash
# Prepare a fresh Debian machine (Python 3.11) to run SupportBack Desktop or its tests:
#   1. the system libraries Qt needs (installed when run as root on Debian, otherwise named),
#   2. a virtual environment in .venv with the pinned Python dependencies.
# Re-running is cheap: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
# Qt's offscreen and xcb platforms, QtMultimedia (libpulse0) and fonts.
DEBIAN_PACKAGES="libpulse0 libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 \
libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core"
# Reading aloud (desktop/ui/read_aloud.py): Qt's speech plugin talks to speech-dispatcher through
# libspeechd2, and speech-dispatcher speaks with eSpeak NG (English, Polish and many more).
# Optional: installed when run as root; without them the app says reading aloud is not available.
SPEECH_PACKAGES="speech-dispatcher speech-dispatcher-espeak-ng espeak-ng libspeechd2"
# Extra packages a caller needs, e.g. scripts/test.sh asks for the standard `age` tool and systemd.
DEBIAN_PACKAGES="$DEBIAN_PACKAGES ${EXTRA_DEBIAN_PACKAGES:-}"

missing_packages() {
  local missing=()
  for p in $DEBIAN_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

if command -v dpkg-query >/dev/null 2>&1; then
  # Debian's own Python needs python3-venv to make a virtual environment.
  if ! "${PYTHON:-python3}" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    DEBIAN_PACKAGES="$DEBIAN_PACKAGES python3-venv"
  fi
  missing=$(missing_packages)
  if [[ -n $missing ]]; then
    if [[ $(id -u) == 0 ]]; then
      echo "Installing system libraries Qt needs: $missing"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      # shellcheck disable=SC2086
      apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "SupportBack needs these system packages (Qt libraries, and age and systemd for the tests): $missing" >&2
      echo "Install them with:  sudo apt-get install $missing" >&2
      echo "(or run this command as root once, and it installs them itself)" >&2
      exit 1
    fi
  fi
  speech_missing=$(DEBIAN_PACKAGES=$SPEECH_PACKAGES missing_packages)
  if [[ -n $speech_missing && $(id -u) == 0 && -z ${SUPPORTBACK_NO_SPEECH:-} ]]; then
    echo "Installing the voices for reading aloud: $speech_missing"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends $speech_missing; } >/dev/null 2>&1 ||
      echo "Note: the voices could not be installed; the app says reading aloud is not available." >&2
    speech_missing=$(DEBIAN_PACKAGES=$SPEECH_PACKAGES missing_packages)
  fi
  if [[ -n $speech_missing ]]; then
    echo "Note: reading aloud needs: sudo apt-get install $speech_missing (everything else works without it)." >&2
  fi
fi

if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "SupportBack needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi

stamp="$VENV/.installed-$(cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)"
if [[ ! -f $stamp ]]; then
  if [[ ! -x $VENV/bin/python ]]; then
    "$PYTHON" -m venv "$VENV" || {
      echo "Could not create a virtual environment. On Debian: apt-get install python3-venv" >&2; exit 1; }
  fi
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements.lock
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
