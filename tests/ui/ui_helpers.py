"""Small helpers for the widget tests: find a button, click it, type where the focus is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]


def button(parent: QWidget, label: str) -> QAbstractButton:
    """The visible button whose text (without '&' mnemonics) is ``label``."""
    found = [b for b in parent.findChildren(QAbstractButton) if b.text().replace("&", "") == label]
    assert len(found) == 1, f"expected one button {label!r}, found {[b.text() for b in found]}"
    return found[0]


def click(qtbot, widget: QWidget) -> None:
    """A real left mouse click on the widget (scrolled into view first), as a user makes it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
            break
        parent = parent.parentWidget()
    name = widget.text() if hasattr(widget, "text") else widget
    assert widget.isVisible() and widget.isEnabled(), f"{name} cannot be clicked"
    position = widget.rect().center()
    if isinstance(widget, QCheckBox):  # a wide check box only reacts on its box and label
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        position = widget.style().subElementRect(QStyle.SE_CheckBoxIndicator, option, widget).center()
    qtbot.mouseClick(widget, Qt.LeftButton, pos=position)
    settle(qtbot)


def settle(qtbot) -> None:
    """Wait, as a person would, until slow work a click or key started (a backup, a PIN check:
    desktop/ui/base/operations.py) has finished and its result is on screen."""
    from desktop.ui.base import operations

    qtbot.waitUntil(lambda: not operations.running(), timeout=30000)


def scale_button(scale, number: int) -> QAbstractButton:
    """The button for ``number`` on a 0-10 scale, found the way a screen reader names it."""
    found = [b for b in scale.findChildren(QAbstractButton) if b.accessibleName() == f"{number} out of 10"]
    assert len(found) == 1, f"no single '{number} out of 10' button on {scale.accessibleName()!r}"
    return found[0]


def scale_says(scale) -> str:
    """What the scale tells the user about the current choice ("You chose 7 out of 10"...)."""
    from desktop.content.loader import text

    for label in scale.findChildren(QLabel):
        if label.text() == text("scale_not_chosen") or label.text().startswith("You chose "):
            return label.text()
    raise AssertionError("the scale shows no choice message")


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    """A key press where the keyboard focus is, as a user would type it."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def run_desktop(*args: str, timeout: float = 60, **popen) -> subprocess.CompletedProcess:
    """``python -m desktop ARGS`` in a child process with no display."""
    return subprocess.run([sys.executable, "-m", "desktop", *args], check=False, capture_output=True, text=True,
                          env=child_env(), timeout=timeout, cwd=ROOT, **popen)


def child_env() -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env
