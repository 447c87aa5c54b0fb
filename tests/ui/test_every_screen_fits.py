"""Every page fits a 1024x600 and a 1366x768 window at every text size (WCAG 2.2 reflow 1.4.10, resize text
1.4.4): no sideways scroll bar, and no label, button or choice whose words do not fit.

Each page is opened with a demo diary (so charts, lists and cards have something in them)
at each text size in Settings, the largest being 20 pt body text.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QComboBox, QLabel, QWidget

from desktop.domain.demo import demo_entries
from desktop.ui.app.main_window import DIARY, EXERCISES, HOME, LEARN, PROGRESS, SETTINGS, WEEK
from desktop.ui.base.style import TEXT_SIZES

SECTION_KEYS = (HOME, WEEK, DIARY, PROGRESS, EXERCISES, LEARN, SETTINGS)

TODAY = dt.date(2026, 3, 15)
WINDOWS = [(1024, 600), (1366, 768)]


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _clipped(widget: QWidget) -> str | None:
    """Why the widget's words do not fit, or None."""
    if isinstance(widget, QLabel):
        if widget.wordWrap() or not widget.text() or widget.textFormat() == 1:  # rich text lays itself out
            return None
        one_line = "\n" not in widget.text()
        needed = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", "")) if one_line else 0
        room = widget.contentsRect().width()
        if widget.indent() > 0:
            room -= 2 * widget.margin() + 2 * widget.indent()
        return f"label {widget.text()!r}: {needed} px of text in {room} px" if needed > room + 1 else None
    if isinstance(widget, QAbstractButton) and widget.text():
        words = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        widest = max(widget.fontMetrics().horizontalAdvance(line) for line in words.split("\n"))
        needed = widest + widget.iconSize().width() * (not widget.icon().isNull())
        room = widget.width() - (24 if isinstance(widget, QAbstractButton) and type(widget).__name__ in
                                 ("QCheckBox", "QRadioButton") else 4)
        return f"{type(widget).__name__} {words!r}: {needed} px of text in {room} px" if needed > room else None
    if isinstance(widget, QComboBox) and widget.currentText():
        needed = widget.fontMetrics().horizontalAdvance(widget.currentText()) + 36  # the arrow
        if needed > widget.width():
            return f"drop-down {widget.currentText()!r}: {needed} px in {widget.width()} px"
        return None
    return None


@pytest.mark.slow
@pytest.mark.parametrize("window_size", WINDOWS, ids=lambda w: f"{w[0]}x{w[1]}")
@pytest.mark.parametrize("size", list(TEXT_SIZES))
def test_every_page_fits_small_windows_at_every_text_size(qtbot, make_window, diary, size, window_size):
    diary.replace_all(demo_entries(120, 1, TODAY, [e.key for e in diary.catalogue.exercises]))
    window = make_window()
    sizes = window.settings_page.text_size
    sizes.setCurrentIndex(sizes.findData(size))
    window.resize(*window_size)
    problems = []
    for key in SECTION_KEYS:
        window.show_page(key)
        qtbot.wait(250)  # layouts that adapt to their width settle over a few event-loop turns
        page = window.page(key)
        for area in page.findChildren(QAbstractScrollArea):
            if _shown(area) and area.horizontalScrollBar().isVisible() and area.horizontalScrollBar().maximum() > 0:
                problems.append(f"{key}: a sideways scroll bar on {type(area).__name__} {area.objectName()!r}")
        for widget in page.findChildren(QWidget):
            if _shown(widget) and (why := _clipped(widget)):
                problems.append(f"{key}: {why}")
    assert problems == [], "\n".join(problems)
