"""Whether the app starts at the profile gate, decided without loading the gate.

A normal home start (one profile, no PIN, no kiosk) imports nothing from here but this
small module: the gate's widgets, the clinic TOML parser and the hashing code are loaded
only when they are needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.ui.base import startup


def run_session(root: Path, profile: str | None, app: QApplication, kiosk: bool) -> int | None:
    """Run the app through the profile gate, or None when no gate is needed (one open profile)."""
    from desktop.security.clinic_config import ClinicConfig, ClinicConfigError, config_path, load_clinic_config
    from desktop.security.profile_lock import ProfileLock
    from desktop.store.profiles import list_profiles

    try:
        source = config_path()
        config = load_clinic_config(source) if source.exists() else ClinicConfig()
    except ClinicConfigError as exc:
        startup.show_fatal("SupportBack", str(exc))
        print(f"supportback: {exc}", file=sys.stderr)
        return 1
    kiosk = kiosk or config.kiosk
    if kiosk and profile not in list_profiles(root):
        profile = None  # the picker, never a new profile made on the side
    protected = profile is not None and ProfileLock(paths.profile_dir(root, profile)).is_protected
    if not (kiosk or profile is None or protected):
        return None
    if kiosk and not config.admin_pin_hash:
        message = "Kiosk mode needs a clinic admin PIN first: run `supportback clinic setup`."
        startup.show_fatal("SupportBack", message)
        print(f"supportback: {message}", file=sys.stderr)
        return 1
    from desktop.ui.app.app_session import AppSession

    session = AppSession(root, app, config, kiosk)
    session.start(profile)
    app.exec()
    session.shutdown()
    return 0
