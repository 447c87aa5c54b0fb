"""The clinician's read-only window shows the whole summary and cannot be edited."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.clinic_view import ClinicSummaryWindow


def test_summary_window_is_read_only_and_shows_every_line(qtbot):
    summary = "CONGRATULATE ON PROGRESS\n- Completed 6 of the 6 weekly sessions.\n\nFLAGS FOR TARGETED SUPPORT\n- No flags."
    window = ClinicSummaryWindow("e.age", summary)
    qtbot.addWidget(window)
    window.show()
    assert "read-only" in window.windowTitle() and "e.age" in window.windowTitle()
    assert window.view.toPlainText() == summary
    window.view.setFocus()
    qtbot.keyClicks(window.view, "typed")
    qtbot.keyClick(window.view, Qt.Key_Delete)
    assert window.view.toPlainText() == summary
    assert window.view.accessibleName()
