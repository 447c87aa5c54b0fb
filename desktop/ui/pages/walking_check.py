"""Before saving a lot of walking, ask "Is 300 minutes right?": a slip on the keyboard is easy to make."""

from __future__ import annotations

from functools import cache

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.content.loader import DEFAULT_LANGUAGE, ContentError, content_path, read_content_json, text
from desktop.domain.diary import WALKING_MAX_MINUTES

CHECKS_FILE = "diary_checks.json"


@cache
def walking_ask_above() -> int:
    """Walking minutes above this are checked with the patient before saving (diary_checks.json)."""
    path = content_path(CHECKS_FILE, DEFAULT_LANGUAGE)  # numbers: the same in every language
    value = read_content_json(path).get("walking_minutes_ask_above")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= WALKING_MAX_MINUTES:
        raise ContentError(f"{path}: 'walking_minutes_ask_above' must be a whole number "
                           f"from 1 to {WALKING_MAX_MINUTES}")
    return value


def walking_is_right(parent: QWidget, minutes: int) -> bool:
    """Ask whether so many minutes are right: True for Yes, False for "No, let me change it" (or Esc)."""
    box = QMessageBox(parent)
    box.setObjectName("checkQuestion")  # the question in large bold words (app.qss)
    box.setIcon(QMessageBox.Question)
    box.setWindowTitle(text("walking_check_title"))
    box.setText(text("walking_check_question", minutes=minutes))
    box.setInformativeText(text("walking_check_detail"))
    yes = box.addButton(text("walking_check_yes"), QMessageBox.YesRole)
    change = box.addButton(text("walking_check_change"), QMessageBox.NoRole)
    box.setDefaultButton(change)
    box.setEscapeButton(change)
    box.exec()
    return box.clickedButton() is yes
