"""Dialogs needed before the main window can open: a damaged diary, a fatal problem."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.content.loader import text
from desktop.store import backup
from desktop.store.database import DatabaseCorrupt


def offer_restore(problem: DatabaseCorrupt) -> bool:
    """Ask whether to restore the latest good backup; True once it has been put in place."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle(text("corrupt_title"))
    good = problem.latest_backup
    if good is None:
        box.setText(text("corrupt_no_backup", path=str(problem.path)))
        box.setStandardButtons(QMessageBox.Close)
        box.exec()
        return False
    when = good.taken_at.astimezone().strftime("%A %d %B %Y, %H:%M")
    box.setText(text("corrupt_with_backup", when=when))
    box.setDetailedText(f"{problem.path}\n{problem.detail}")
    restore = box.addButton(box.tr("Restore the copy"), QMessageBox.AcceptRole)
    box.addButton(box.tr("Close SupportBack"), QMessageBox.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    backup.restore_backup(good, problem.path, reason="damaged")
    return True


def show_fatal(title: str, message: str) -> None:
    QMessageBox.critical(None, title, message)




def show_warning(parent, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)
