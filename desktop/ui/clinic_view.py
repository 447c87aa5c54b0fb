"""A read-only window showing one patient's export summary to a clinician."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit


class ClinicSummaryWindow(QMainWindow):
    def __init__(self, title: str, summary: str):
        super().__init__()
        self.setWindowTitle(self.tr("SupportBack export (read-only): %1").replace("%1", title))
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setPlainText(summary)
        self.view.setAccessibleName(self.tr("Summary of the patient's export, read-only"))
        font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 12))
        self.view.setFont(font)
        self.setCentralWidget(self.view)
        self.resize(1000, 760)


def show_summary(title: str, summary: str) -> int:
    """Open the window and run until it is closed."""
    from desktop.ui.app import application

    app = application()
    window = ClinicSummaryWindow(title, summary)
    window.show()
    window.view.setFocus()
    return app.exec()
