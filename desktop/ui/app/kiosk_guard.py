"""Kiosk mode: no way out to the rest of the computer through the app's own doors.

Two doors lead from the app to the desktop: file dialogs (which can browse, open and
overwrite any file) and handing a link or folder to the system (a file manager, a browser,
a mail program). In kiosk mode every file dialog is Qt's own (never the platform's, which
this filter could not see) and is closed as soon as it opens, and every link or folder the
app would open is refused, each time with a short explanation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.content.loader import text
from desktop.ui.base import startup

BLOCKED_SCHEMES = ("file", "http", "https", "mailto", "ftp")


class KioskGuard(QObject):
    def __init__(self, app: QApplication, parent: QObject | None = None):
        super().__init__(parent)
        self._app = app
        self.refused = 0

    def install(self) -> None:
        self._app.setAttribute(Qt.AA_DontUseNativeDialogs, True)
        self._app.installEventFilter(self)
        for scheme in BLOCKED_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self, "refuse_url")

    def remove(self) -> None:
        self._app.removeEventFilter(self)
        for scheme in BLOCKED_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)

    @Slot(QUrl)
    def refuse_url(self, _url: QUrl) -> None:
        self._explain()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Show and isinstance(watched, QFileDialog):
            QTimer.singleShot(0, watched.reject)
            QTimer.singleShot(0, self._explain)
        return False

    def _explain(self) -> None:
        self.refused += 1
        startup.show_warning(QApplication.activeWindow(), "SupportBack", text("kiosk_files_blocked"))
