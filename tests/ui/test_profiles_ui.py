"""Profiles on screen: the picker, PIN entry, locking on idle, drafts, kiosk mode."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import settle

from desktop import paths
from desktop.content.loader import text
from desktop.security.clinic_config import ClinicConfig, write_clinic_config
from desktop.security.profile_lock import PIN, ProfileLock
from desktop.store.profile_admin import create_profile
from desktop.ui.app.app_session import AppSession
from desktop.ui.profiles.profile_dialogs import DeleteProfileDialog, NewProfileDialog
from desktop.ui.profiles.profile_security_box import AUTO_LOCK_SETTING, SetSecretDialog

ADMIN_PIN = "975310"


@pytest.fixture(autouse=True)
def _home_mode_afterwards(app):
    yield
    app.setAttribute(Qt.AA_DontUseNativeDialogs, False)


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000.0

    def __call__(self) -> float:
        return self.now


def make_profile(root, name: str, pin: str | None = None) -> None:
    create_profile(root, name)
    if pin:
        ProfileLock(paths.profile_dir(root, name)).set_secret(pin, PIN)


def start_session(qtbot, app, root, config=None, clock=None) -> AppSession:
    session = AppSession(root, app, config or ClinicConfig(), clock=clock or Clock())
    session.quit_app = lambda: setattr(session, "quit_called", True)
    session.start()
    qtbot.addWidget(session.gate)
    return session


def type_pin(qtbot, session: AppSession, profile: str, pin: str) -> None:
    gate = session.gate
    if gate.stack.currentWidget() is not gate.pin_entry:
        qtbot.mouseClick(gate.picker.buttons[profile], Qt.LeftButton)
    assert gate.stack.currentWidget() is gate.pin_entry
    qtbot.keyClicks(gate.pin_entry.field, pin)
    qtbot.keyClick(gate.pin_entry.field, Qt.Key_Return)
    settle(qtbot)


def write_day(window, pain: int, note: str, save: bool = True) -> None:
    window.show_page("diary")
    form = window.diary_page.form
    form.pain.set_value(pain)
    form.limitation.set_value(3)
    form.note.setPlainText(note)
    if save:
        assert window.diary_page.save()


def gone(widget) -> bool:
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    return not shiboken6.isValid(widget)


def test_home_picker_opens_an_open_profile_and_asks_a_pin_for_a_protected_one(qtbot, app, data_root, dialogs):
    make_profile(data_root, "Alex")
    make_profile(data_root, "Sam", "4821")
    session = start_session(qtbot, app, data_root)
    picker = session.gate.picker
    assert list(picker.buttons) == ["Alex", "Sam"]
    assert "PIN" in picker.buttons["Sam"].text() and "PIN" not in picker.buttons["Alex"].text()
    qtbot.waitExposed(session.gate)
    session.gate.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker.buttons["Alex"], timeout=3000)
    qtbot.keyClick(picker.buttons["Alex"], Qt.Key_Down)  # arrow keys move between people
    assert QApplication.focusWidget() is picker.buttons["Sam"]

    type_pin(qtbot, session, "Sam", "1234")
    assert session.window is None
    assert session.gate.pin_entry.message.text() == text("pin_wrong")
    type_pin(qtbot, session, "Sam", "4821")
    assert session.profile == "Sam" and session.window.isVisible()
    assert not session.gate.isVisible()

    qtbot.mouseClick(session.window.lock_button, Qt.LeftButton)  # Lock, as a person would
    assert session.window is None and session.gate.isVisible()
    qtbot.mouseClick(session.gate.picker.buttons["Alex"], Qt.LeftButton)
    assert session.profile == "Alex"  # no PIN at home: straight in
    session.lock()
    session.gate.close()
    assert not session.gate.isVisible()  # at home the picker closes like any window


def test_five_wrong_pins_make_the_screen_wait_and_say_so(qtbot, app, data_root):
    make_profile(data_root, "Sam", "4821")
    make_profile(data_root, "Alex")
    clock = Clock()
    session = start_session(qtbot, app, data_root, clock=clock)
    for _ in range(5):
        type_pin(qtbot, session, "Sam", "0000")
    entry = session.gate.pin_entry
    assert not entry.field.isEnabled() and "30 seconds" in entry.message.text()
    # Restart: a new session on the same data still waits, even for the right PIN.
    again = start_session(qtbot, app, data_root, clock=clock)
    qtbot.mouseClick(again.gate.picker.buttons["Sam"], Qt.LeftButton)
    assert not again.gate.pin_entry.field.isEnabled()
    again.gate.pin_entry.submit()
    assert again.window is None
    clock.now += 31
    again.gate.pin_entry._tick()
    type_pin(qtbot, again, "Sam", "4821")
    assert again.profile == "Sam"
    again.lock()


def test_idle_timer_restarts_on_use(qtbot, app, data_root):
    make_profile(data_root, "Alex")
    make_profile(data_root, "Sam")
    session = start_session(qtbot, app, data_root)
    session.idle.start(1)
    qtbot.wait(120)
    before = session.idle.timer.remainingTime()
    qtbot.keyClick(session.gate.picker.buttons["Alex"], Qt.Key_Tab)
    assert session.idle.timer.remainingTime() > before
    session.idle.start(0)
    assert not session.idle.active


def test_kiosk_walkthrough(qtbot, app, data_root, dialogs, tmp_path):
    config = write_clinic_config(tmp_path / "clinic.toml", "Riverside Physio", ADMIN_PIN, [], lock_timeout_minutes=5)
    make_profile(data_root, "Patient A", "1111")
    make_profile(data_root, "Patient B", "2222")
    make_profile(data_root, "No PIN")
    session = start_session(qtbot, app, data_root, config)
    admin_answers: list = []
    session.ask_admin_pin = lambda _parent: admin_answers.pop(0)
    gate = session.gate
    assert gate.windowState() & Qt.WindowFullScreen
    assert gate.picker.clinic.text() == "Riverside Physio"

    qtbot.mouseClick(gate.picker.buttons["No PIN"], Qt.LeftButton)  # every profile needs a PIN here
    assert session.window is None and gate.picker.message.text() == text("pin_kiosk_needs_pin")

    # Patient A logs in, saves a day, starts another, then walks away.
    type_pin(qtbot, session, "Patient A", "1111")
    window_a = session.window
    assert window_a.windowState() & Qt.WindowFullScreen
    write_day(window_a, 7, "A saved this")
    window_a.diary_page.open_day(window_a.diary_page.day.replace(day=14))
    write_day(window_a, 4, "A was still typing this", save=False)
    assert session.idle.active and session.idle.timer.interval() == 5 * 60_000
    session.idle.timer.timeout.emit()  # five quiet minutes later
    assert session.window is None and gate.isVisible()
    assert gate.picker.notice.text() == text("profiles_locked_idle")
    assert gone(window_a)  # no widget holding A's diary is left

    # Patient B logs in and sees only B's diary, and not A's draft.
    type_pin(qtbot, session, "Patient B", "2222")
    window_b = session.window
    assert session.database.path == paths.database_path(data_root, "Patient B")
    window_b.show_page("diary")
    assert window_b.diary_page.days_list.count() == 0
    assert window_b.diary_page.form.note.toPlainText() == ""
    with session.database.reading() as connection:
        notes = [row[0] for row in connection.execute("SELECT note FROM diary_day")]
        settings = [row[0] for row in connection.execute("SELECT value FROM app_setting")]
    assert notes == [] and not any("A was" in value for value in settings)
    write_day(window_b, 2, "B's day")

    # No way out to the desktop: file dialogs close at once, folders and links are refused.
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    file_dialog = QFileDialog(window_b, "Save diary as CSV")
    file_dialog.show()
    qtbot.waitUntil(lambda: not file_dialog.isVisible(), timeout=3000)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_root)))
    qtbot.waitUntil(lambda: session.guard.refused == 2, timeout=3000)
    assert dialogs.warnings[-1].text == text("kiosk_files_blocked")

    # Quitting needs the clinic admin PIN.
    admin_answers.extend(["000000", None])
    window_b.close()
    window_b.close()
    assert window_b.isVisible() and not getattr(session, "quit_called", False)
    assert dialogs.warnings[-1].text.startswith(text("admin_pin_wrong"))
    session.lock()
    admin_answers.append(None)
    qtbot.mouseClick(gate.picker.close_button, Qt.LeftButton)  # nor can the picker
    assert gate.picker.close_button.isVisible()
    assert gate.isVisible() and not getattr(session, "quit_called", False)

    # A comes back: the unsaved answers are there, still unsaved.
    type_pin(qtbot, session, "Patient A", "1111")
    page = session.window.diary_page
    assert page.form.note.toPlainText() == "A was still typing this" and page.is_dirty()
    assert page.days_list.count() == 1  # only A's saved day
    admin_answers.append(ADMIN_PIN)
    session.window.close()
    assert session.quit_called and session.database is None and session.guard is None


def test_new_and_delete_dialogs_check_their_answers(qtbot, data_root):
    make_profile(data_root, "Sam")
    new = NewProfileDialog(None, secret_required=True, existing=["Sam"])
    qtbot.addWidget(new)
    assert not new.none.isEnabled() and new.kind == PIN
    new.name.setText("sam")
    assert "already" in new.problem_with_answers()
    new.name.setText("Alex")
    new.secret.setText("12")
    assert "4 to 12 digits" in new.problem_with_answers()
    new.secret.setText("4821")
    new.again.setText("4822")
    assert "not the same" in new.problem_with_answers()
    new.again.setText("4821")
    assert new.problem_with_answers() == ""

    delete = DeleteProfileDialog(None, "Sam", protected=False)
    qtbot.addWidget(delete)
    assert not delete.delete_button.isEnabled()
    qtbot.keyClicks(delete.typed, "Sam")
    assert delete.delete_button.isEnabled()


def test_deleting_from_the_picker_needs_the_pin_and_the_typed_name(qtbot, app, data_root, dialogs):
    make_profile(data_root, "Sam", "4821")
    make_profile(data_root, "Alex")
    session = start_session(qtbot, app, data_root)
    gate = session.gate
    folder = paths.profile_dir(data_root, "Sam")
    assert not gate.delete_checked("Sam", "4821", "sam")  # name not typed exactly
    assert not gate.delete_checked("Sam", "0000", "Sam")  # wrong PIN
    assert folder.is_dir() and dialogs.warnings[-1].text == text("pin_wrong")
    assert gate.delete_checked("Sam", "4821", "Sam")
    assert not folder.exists() and list(gate.picker.buttons) == ["Alex"]

    gate.rename_checked("Alex", "Alexandra")
    assert list(gate.picker.buttons) == ["Alexandra"]
    gate.make_profile("Robin", PIN, "2468")
    settle(qtbot)
    assert ProfileLock(paths.profile_dir(data_root, "Robin")).kind == PIN
    assert list(gate.picker.buttons) == ["Alexandra", "Robin"]


def test_settings_add_a_pin_choose_auto_lock_and_remove_it(qtbot, window, data_root, dialogs, monkeypatch):
    from desktop.ui.profiles.profile_security_box import ProfileSecurityBox

    box = window.settings_page.findChild(ProfileSecurityBox)
    assert not box.auto_lock.isEnabled()  # no PIN yet: locking would keep nobody out

    def fill(dialog, secret):
        dialog.secret.setText(secret)
        dialog.again.setText(secret)
        assert dialog.problem_with_answers() == ""
        return SetSecretDialog.Accepted

    monkeypatch.setattr(SetSecretDialog, "exec", lambda dialog: fill(dialog, "4821"))
    box.set_secret()
    settle(qtbot)
    lock = ProfileLock(paths.profile_dir(data_root, "default"))
    assert lock.kind == PIN and box.auto_lock.isEnabled()
    box.auto_lock.setCurrentIndex(box.auto_lock.findData(10))
    assert box.settings.get(AUTO_LOCK_SETTING, "0") == "10"

    monkeypatch.setattr("desktop.ui.profiles.profile_security_box.ask_secret", lambda _parent, _message: "0000")
    box.remove_secret()  # the wrong PIN changes nothing
    settle(qtbot)
    assert lock.kind == PIN and dialogs.warnings[-1].text == text("pin_wrong")
    monkeypatch.setattr("desktop.ui.profiles.profile_security_box.ask_secret", lambda _parent, _message: "4821")
    box.remove_secret()
    settle(qtbot)
    assert lock.kind is None and box.settings.get(AUTO_LOCK_SETTING, "0") == "0"


def test_home_auto_lock_follows_the_profile_setting(qtbot, app, data_root):
    make_profile(data_root, "Sam", "4821")
    from desktop.store.database import open_database
    from desktop.store.settings_service import SettingsService

    database = open_database(data_root, "Sam")
    SettingsService(database).set(AUTO_LOCK_SETTING, "2")
    database.close()
    session = start_session(qtbot, app, data_root)
    type_pin(qtbot, session, "Sam", "4821")
    assert session.idle.active and session.idle.timer.interval() == 2 * 60_000
    session.idle.timer.timeout.emit()
    assert session.window is None and session.database is None


def test_kiosk_without_an_admin_pin_or_with_a_broken_config_does_not_start(app, data_root, dialogs, tmp_path,
                                                                           monkeypatch):
    from desktop.ui.app.session_start import run_session

    monkeypatch.setenv("SUPPORTBACK_CLINIC_CONFIG", str(tmp_path / "none.toml"))
    assert run_session(data_root, None, app, kiosk=True) == 1
    assert "clinic setup" in dialogs.of_kind("critical")[-1].text
    (tmp_path / "broken.toml").write_text("kiosk = maybe\n")
    monkeypatch.setenv("SUPPORTBACK_CLINIC_CONFIG", str(tmp_path / "broken.toml"))
    assert run_session(data_root, "default", app, kiosk=False) == 1
    assert "broken.toml" in dialogs.of_kind("critical")[-1].text
    monkeypatch.setenv("SUPPORTBACK_CLINIC_CONFIG", str(tmp_path / "none.toml"))
    assert run_session(data_root, "default", app, kiosk=False) is None  # one open profile at home: no gate


def test_settings_passphrase_encrypts_the_open_diary_and_it_keeps_working(qtbot, window, data_root, monkeypatch):
    from desktop.security import keys
    from desktop.store import encryption
    from desktop.ui.profiles.profile_security_box import ProfileSecurityBox

    write_day(window, 5, "ZEBRA-MARKER-in-the-app")
    box = window.settings_page.findChild(ProfileSecurityBox)

    def fill(dialog):
        dialog.passphrase.setChecked(True)
        dialog.secret.setText("green kettle on the hill")
        dialog.again.setText("green kettle on the hill")
        return SetSecretDialog.Accepted

    monkeypatch.setattr(SetSecretDialog, "exec", fill)
    box.set_secret()
    settle(qtbot)
    database = window.diary_page.diary.database
    try:
        assert keys.is_encrypted(database.path) and not encryption.plain_sqlite_readable(database.path)
        write_day(window, 6, "written after protecting")  # the open window keeps working
        assert window.diary_page.diary.get(window.diary_page.day).note == "written after protecting"
        assert ProfileLock(paths.profile_dir(data_root, "default")).kind == "passphrase"
        monkeypatch.setattr("desktop.ui.profiles.profile_security_box.ask_secret",
                            lambda _p, _m: "green kettle on the hill")
        box.remove_secret()
        settle(qtbot)
        assert not keys.is_encrypted(database.path) and encryption.plain_sqlite_readable(database.path)
        assert window.diary_page.diary.get(window.diary_page.day).note == "written after protecting"
    finally:
        keys._KEYS.clear()


def test_a_passphrase_profile_opens_encrypted_and_locking_forgets_its_key(qtbot, app, data_root):
    from desktop.security import keys
    from desktop.security.profile_lock import PASSPHRASE

    create_profile(data_root, "Priya", "green kettle on the hill", PASSPHRASE)
    make_profile(data_root, "Tom")
    assert keys._KEYS == {}
    session = start_session(qtbot, app, data_root)
    type_pin(qtbot, session, "Priya", "green kettle on the hill")
    write_day(session.window, 3, "ZEBRA-MARKER-priya")
    session.window.settings_page.back_up_now()
    settle(qtbot)
    session.lock()
    assert keys._KEYS == {} and session.database is None
    found = [p for p in data_root.rglob("*") if p.is_file() and b"ZEBRA-MARKER-priya" in p.read_bytes()]
    assert found == []
    assert list((paths.backups_dir(data_root, "Priya")).iterdir())


def test_idle_lock_while_a_question_is_open_closes_it_first_and_keeps_the_answers(qtbot, app, data_root):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    make_profile(data_root, "Sam", "4821")
    make_profile(data_root, "Alex")
    session = start_session(qtbot, app, data_root, ClinicConfig())
    type_pin(qtbot, session, "Sam", "4821")
    session.idle.start(5)
    write_day(session.window, 6, "typed, then a question", save=False)
    box = QMessageBox(QMessageBox.Question, "Unsaved changes", "Save them now?",
                      QMessageBox.Save | QMessageBox.Cancel, session.window)
    answers: list = []
    QTimer.singleShot(0, lambda: answers.append(box.exec()))  # a question waiting in its own loop
    QTimer.singleShot(100, session.idle.timer.timeout.emit)  # ...when nobody is there any more
    qtbot.waitUntil(lambda: session.window is None, timeout=5000)
    assert answers and answers[0] != QMessageBox.Save
    type_pin(qtbot, session, "Sam", "4821")
    assert session.window.diary_page.form.note.toPlainText() == "typed, then a question"
    session.lock()


def test_kiosk_profile_management_needs_the_admin_pin(qtbot, app, data_root, dialogs, tmp_path, monkeypatch):
    config = write_clinic_config(tmp_path / "clinic.toml", "Riverside", ADMIN_PIN, [])
    make_profile(data_root, "Patient A", "1111")
    session = start_session(qtbot, app, data_root, config)
    opened: list = []
    monkeypatch.setattr(NewProfileDialog, "exec", lambda dialog: opened.append(dialog) or NewProfileDialog.Rejected)
    monkeypatch.setattr(DeleteProfileDialog, "exec",
                        lambda dialog: opened.append(dialog) or DeleteProfileDialog.Rejected)
    session.ask_admin_pin = lambda _parent: "000000"
    qtbot.mouseClick(session.gate.picker.new_button, Qt.LeftButton)
    qtbot.mouseClick(session.gate.picker.delete_button, Qt.LeftButton)
    assert opened == [] and dialogs.warnings[-1].text.startswith(text("admin_pin_wrong"))
    session.ask_admin_pin = lambda _parent: ADMIN_PIN
    qtbot.mouseClick(session.gate.picker.new_button, Qt.LeftButton)
    assert len(opened) == 1 and opened[0].secret_required and not opened[0].none.isEnabled()
    qtbot.mouseClick(session.gate.picker.delete_button, Qt.LeftButton)
    assert len(opened) == 2 and opened[1].profile == "Patient A"
    session.shutdown()
