"""The QApplication, named and with the app's icon: the main app and the clinician window both start here."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import paths


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("SupportBack")
    app.setApplicationDisplayName("SupportBack")
    # Wayland and the Linux task bar match windows to supportback.desktop (and its icon) by this name.
    app.setDesktopFileName("supportback")
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The app's own icon, from the PNGs scripts/make_icons.py renders from app.svg."""
    icon = QIcon()
    for png in sorted((paths.resources_dir() / "icons").glob("app-*.png")):
        icon.addFile(str(png))  # read lazily, at the size a window asks for
    return icon
