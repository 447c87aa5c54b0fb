"""Slow work runs off the GUI thread: the window keeps answering, and a failure is said plainly."""

from __future__ import annotations

import datetime as dt
import errno

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from ui_helpers import click, settle

from desktop.content.loader import text
from desktop.domain.demo import demo_entries
from desktop.security import keys
from desktop.security.profile_lock import ProfileLock
from desktop.store import encryption
from desktop.ui.base import operations
from desktop.ui.profiles.profile_security_box import ProfileSecurityBox, SetSecretDialog

PASSPHRASE = "green kettle on the hill"


class Ticks:
    """A timer counting how often the GUI thread served it while work was running."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.during_work = 0
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if operations.running():
            self.during_work += 1


def a_diary(diary, today: dt.date, days: int = 365) -> None:
    keys_ = [e.key for e in diary.catalogue.exercises]
    diary.import_entries(demo_entries(days, 7, today, keys_))


def test_the_window_keeps_answering_while_a_passphrase_change_rewrites_the_diary(qtbot, window, diary, today,
                                                                                    data_root, monkeypatch):
    a_diary(diary, today)
    days = diary.count()
    window.show_page("settings")
    box = window.settings_page.findChild(ProfileSecurityBox)

    def fill(dialog):
        dialog.passphrase.setChecked(True)
        dialog.secret.setText(PASSPHRASE)
        dialog.again.setText(PASSPHRASE)
        return SetSecretDialog.Accepted

    monkeypatch.setattr(SetSecretDialog, "exec", fill)
    ticks = Ticks()
    try:
        click_without_waiting(qtbot, box.set_button)
        assert operations.running()  # the click came back before the work was done
        assert not window.isEnabled() and QApplication.overrideCursor() is not None
        assert box.status.text() == text("busy_protection")
        settle(qtbot)
        assert ticks.during_work >= 3, f"the GUI thread served the timer only {ticks.during_work} times"
        assert window.isEnabled() and QApplication.overrideCursor() is None
        assert keys.is_encrypted(diary.database.path) and not encryption.plain_sqlite_readable(diary.database.path)
        assert diary.count() == days > 300  # nothing lost on the way
    finally:
        ticks.timer.stop()
        keys._KEYS.clear()


def test_the_window_keeps_answering_while_a_backup_is_made(qtbot, window, diary, today):
    a_diary(diary, today, days=3650)  # ten years: a copy that takes a moment to make and check
    window.show_page("settings")
    page = window.settings_page
    ticks = Ticks(interval_ms=1)
    try:
        click_without_waiting(qtbot, page.backup_button)
        assert operations.running() and not page.backup_button.isEnabled()
        assert page.backup_status.text() == text("busy_backup")
        settle(qtbot)
    finally:
        ticks.timer.stop()
    assert ticks.during_work >= 1, "the GUI thread served no timer event while the copy was made"
    assert page.backup_button.isEnabled() and page.backup_list.count() == 1
    assert page.backup_status.text().startswith("✓ A new copy was made at ")


def test_a_backup_that_fails_on_the_worker_is_said_in_the_settings(qtbot, window, diary):
    diary.database.backups_dir.parent.mkdir(parents=True, exist_ok=True)
    diary.database.backups_dir.write_text("not a folder")  # the copy cannot be put there
    window.show_page("settings")
    page = window.settings_page
    click(qtbot, page.backup_button)
    assert page.backup_status.text().startswith("The copy could not be made: ")
    assert page.backup_button.isEnabled() and QApplication.overrideCursor() is None


def test_an_error_with_no_handler_reaches_the_person_as_a_message(qtbot, window, dialogs):
    status = QLabel()
    qtbot.addWidget(status)

    def fill_the_disk():
        raise OSError(errno.ENOSPC, "No space left on device")

    operations.run(window, fill_the_disk, status=status, message="Working")
    assert status.text() == "Working"
    settle(qtbot)
    warning = dialogs.of_kind("warning")[-1]
    assert "full" in warning.text.lower() and text("operation_nothing_changed") in warning.text
    assert status.text() == "" and QApplication.overrideCursor() is None


def test_a_wrong_pin_is_checked_off_the_gui_thread_and_said_plainly(qtbot, window, data_root, dialogs, monkeypatch):
    ProfileLock(window.diary_page.diary.database.path.parent).set_secret("4821", "pin")
    window.show_page("settings")
    box = window.settings_page.findChild(ProfileSecurityBox)
    box.refresh()
    monkeypatch.setattr("desktop.ui.profiles.profile_security_box.ask_secret", lambda _parent, _message: "0000")
    click_without_waiting(qtbot, box.remove_button)
    assert operations.running() and not box.remove_button.isEnabled()
    settle(qtbot)
    assert dialogs.of_kind("warning")[-1].text == text("pin_wrong")
    assert ProfileLock(window.diary_page.diary.database.path.parent).kind == "pin"


def click_without_waiting(qtbot, widget) -> None:
    """A real click that returns as soon as the button has been pressed (no waiting for its work)."""
    from PySide6.QtCore import Qt

    assert widget.isVisible() and widget.isEnabled()
    qtbot.mouseClick(widget, Qt.LeftButton)
